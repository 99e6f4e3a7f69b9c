// The demo accounts the local backend offers on its sign-in screen (GET /auth/dev/users).
import { convexUrl } from "../../platform/convex";

/** Usernames of the demo accounts, or [] when the backend lists none. Needs the network. */
export async function demoUsernames(): Promise<string[]> {
  const response = await fetch(new URL("/auth/dev/users", convexUrl()));
  if (!response.ok) return [];
  const body = (await response.json()) as { users?: unknown } | unknown[];
  const list = Array.isArray(body) ? body : (body as { users?: unknown }).users;
  return Array.isArray(list) ? list.filter((name): name is string => typeof name === "string") : [];
}
