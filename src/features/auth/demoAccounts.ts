// The demo accounts the local backend offers on its sign-in screen (GET /auth/dev/users).
import { clerkPublishableKey } from "../../platform/clerkAuth";
import { convexUrl } from "../../platform/convexUrl";

export type DemoAccount = { username: string; name?: string; description?: string; role?: string | null };

let prefetched: Promise<DemoAccount[]> | null = null;

/** boot.ts calls it on /signin beside loading the app: the list is the sign-in screen's largest paint. */
export function prefetchDemoAccounts(): void {
  if (!clerkPublishableKey()) prefetched = fetchDemoAccounts();
}

/** [] when the backend lists none; needs the network. */
export function demoAccounts(): Promise<DemoAccount[]> {
  const early = prefetched;
  prefetched = null;
  return early ?? fetchDemoAccounts();
}

async function fetchDemoAccounts(): Promise<DemoAccount[]> {
  const response = await fetch(new URL("/auth/dev/users", convexUrl()));
  if (!response.ok) return [];
  const body = (await response.json()) as { users?: unknown; accounts?: unknown } | unknown[];
  if (!Array.isArray(body) && Array.isArray(body.accounts)) {
    return body.accounts.filter((a): a is DemoAccount => typeof (a as DemoAccount)?.username === "string");
  }
  const list = Array.isArray(body) ? body : body.users;
  return Array.isArray(list) ? list.filter((name): name is string => typeof name === "string").map((username) => ({ username })) : [];
}

export async function demoUsernames(): Promise<string[]> {
  return (await demoAccounts()).map((a) => a.username);
}
