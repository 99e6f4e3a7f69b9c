// Accounts for the browser benchmarks: made on the server (no UI), then signed in to the real app in a Chromium page.
import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { BenchBackend } from "../lib/backend";

type Mutations = { ms: number; withScheduledMs: number };

/** Runs `count` mutations as `username` straight on the backend's engine (args may use {i}). */
export function mutations(backend: BenchBackend, username: string, udfPath: string, args: Record<string, unknown>, count = 1): Promise<Mutations> {
  return backend.command<Mutations>("mutations", { username, udfPath, args, count });
}

/** The user id of a dev account (its row is keyed by the token's subject, dev|<username>). */
export async function userIdOf(backend: BenchBackend, username: string): Promise<string> {
  const [row] = await backend.command<Array<{ _id: string }>>("find", { table: "users", where: { clerkId: `dev|${username}` }, limit: 1 });
  if (!row) throw new Error(`no user row for ${username}`);
  return row._id;
}

/** Creates an onboarded account (username = the dev sign-in name); returns its id. */
export async function createPerson(backend: BenchBackend, username: string, displayName = username): Promise<string> {
  await mutations(backend, username, "users:ensureViewer", {});
  await mutations(backend, username, "users:completeOnboarding", { username, displayName });
  return userIdOf(backend, username);
}

/**
 * tsx compiles with esbuild's keepNames: functions passed to page.evaluate / addInitScript call
 * `__name(fn, "name")`, which the page must define.
 */
export const NAME_SHIM = "globalThis.__name = globalThis.__name || ((fn) => fn);";

/** A new browser context (its own storage: another device) with one page on the backend's origin. */
export async function newDevice(browser: Browser, origin: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 420, height: 860 } });
  await context.addInitScript({ content: NAME_SHIM });
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the app's dev sign-in form and waits for the conversation list. */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname === "/", { timeout: 60_000 });
  await page.getByRole("heading", { level: 1, name: "Whispers" }).waitFor({ timeout: 60_000 });
}

/** Waits until the top bar says "Up to date" (the outbox is empty and the pull caught up). */
export async function waitForSync(page: Page, timeoutMs = 120_000): Promise<void> {
  await page.locator(".topbar").getByRole("status").filter({ hasText: /Up to date/ }).waitFor({ timeout: timeoutMs });
}

/** Waits until the service worker controls the page (it serves reloads without a network). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 60_000 });
}

/** Counts the rows of one table of the signed-in person's IndexedDB (raw IndexedDB, no app code). */
export function countRows(page: Page, table: string): Promise<number> {
  return page.evaluate(async (store) => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith("whispers-"));
    if (!name) return 0;
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      return await new Promise<number>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).count();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    } finally {
      db.close();
    }
  }, table);
}

/** Polls `check` until it is truthy. */
export async function waitFor<T>(check: () => Promise<T>, timeoutMs: number, what: string, everyMs = 250): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
