// Helpers for the part-2 specs (mood, chambers, skills, admin): people on their own devices and direct server calls.
import { ConvexHttpClient } from "convex/browser";
import { makeFunctionReference } from "convex/server";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { signIn, signUp, uniqueName } from "../support/app";

export type Person = { context: BrowserContext; page: Page; username: string; name: string };

/** A new device (its own storage; clipboard allowed) with a fresh account, onboarded and synced. */
export async function newPerson(browser: Browser, baseURL: string, prefix: string, name: string): Promise<Person> {
  const context = await browser.newContext({ baseURL, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  const username = uniqueName(prefix);
  await signUp(page, username, name);
  return { context, page, username, name };
}

/** A new device signed in as a demo account (e.g. "admin"). */
export async function demoPerson(
  browser: Browser,
  baseURL: string,
  username: string,
  options: { width?: number } = {},
): Promise<Person> {
  const context = await browser.newContext({ baseURL, viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  await signIn(page, username);
  return { context, page, username, name: username };
}

/** A server client signed in as `username` through the local backend's dev sign-in (no browser involved). */
export async function serverAs(baseURL: string, username: string): Promise<ConvexHttpClient> {
  const response = await fetch(`${baseURL}/auth/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  if (!response.ok) throw new Error(`dev sign-in failed: ${response.status} ${await response.text()}`);
  const { token } = (await response.json()) as { token: string };
  const client = new ConvexHttpClient(baseURL);
  client.setAuth(token);
  return client;
}

/** Runs a mutation as that client; resolves with the error's message when the server refuses. */
export async function tryMutation(
  client: ConvexHttpClient,
  udfPath: string,
  args: Record<string, unknown>,
): Promise<{ ok: true; value: unknown } | { ok: false; message: string; code?: string }> {
  try {
    return { ok: true, value: await client.mutation(makeFunctionReference<"mutation">(udfPath), args as never) };
  } catch (error) {
    const data = (error as { data?: { code?: string; message?: string } }).data;
    return { ok: false, message: data?.message ?? (error as Error).message, code: data?.code };
  }
}

/** Sets a feature flag as the demo super admin (used to restore flags after a test). */
export async function setFlag(baseURL: string, name: string, enabled: boolean): Promise<void> {
  const admin = await serverAs(baseURL, "admin");
  const result = await tryMutation(admin, "featureFlags:set", { name, enabled });
  if (!result.ok) throw new Error(`featureFlags:set failed: ${result.message}`);
}
