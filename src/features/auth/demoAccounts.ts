// The demo accounts the local backend offers on its sign-in screen (GET /auth/dev/users).
import { convexUrl } from "../../platform/convex";

export type DemoAccount = { username: string; name?: string; description?: string; role?: string | null };

/** The demo accounts (username, name, what to look at), or [] when the backend lists none. Needs the network. */
export async function demoAccounts(): Promise<DemoAccount[]> {
  const response = await fetch(new URL("/auth/dev/users", convexUrl()));
  if (!response.ok) return [];
  const body = (await response.json()) as { users?: unknown; accounts?: unknown } | unknown[];
  if (!Array.isArray(body) && Array.isArray(body.accounts)) {
    return body.accounts.filter((a): a is DemoAccount => typeof (a as DemoAccount)?.username === "string");
  }
  const list = Array.isArray(body) ? body : body.users;
  return Array.isArray(list) ? list.filter((name): name is string => typeof name === "string").map((username) => ({ username })) : [];
}

/** Usernames of the demo accounts. */
export async function demoUsernames(): Promise<string[]> {
  return (await demoAccounts()).map((a) => a.username);
}
