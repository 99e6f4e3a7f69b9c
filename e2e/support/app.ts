// Page helpers for e2e specs: sign in / sign up, wait for sync, open a conversation, send a whisper, run axe.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** A username nobody has yet (letters, digits and '_', ≤ 24 characters). */
export function uniqueName(prefix = "user"): string {
  return `${prefix.slice(0, 12)}_${Date.now().toString(36).slice(-5)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** The sync status pill in the top bar. */
export function syncStatus(page: Page) {
  return page.locator(".topbar").getByRole("status");
}

/** Waits until the top bar says "Up to date" (everything queued was sent, the pull caught up). */
export async function waitForSync(page: Page, timeout = 30_000): Promise<void> {
  await expect(syncStatus(page)).toHaveText(/Up to date/, { timeout });
}

/**
 * Signs in with the local backend's dev sign-in (any username; demo accounts have data) and
 * waits for the first signed-in screen (the conversation list, or onboarding for a new account).
 */
export async function signIn(page: Page, username: string): Promise<void> {
  await page.goto("/signin");
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/signin"), { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible({ timeout: 30_000 });
}

/**
 * Creates a new account: signs in as `username` and completes onboarding with that username
 * and `displayName`. Ends on the conversation list, synced.
 */
export async function signUp(
  page: Page,
  username: string,
  displayName = username,
  names: { firstName?: string; lastName?: string } = {},
): Promise<void> {
  await signIn(page, username);
  await page.waitForURL(/\/onboarding$/, { timeout: 30_000 });
  const field = page.getByRole("textbox", { name: "Username" });
  await expect(field).toBeEnabled();
  await field.fill(username);
  await page.getByRole("textbox", { name: "Display name" }).fill(displayName);
  if (names.firstName) await page.getByRole("textbox", { name: "First name" }).fill(names.firstName);
  if (names.lastName) await page.getByRole("textbox", { name: "Last name" }).fill(names.lastName);
  await page.getByRole("button", { name: "Start whispering" }).click();
  await page.waitForURL((url) => url.pathname === "/", { timeout: 30_000 });
  await waitForSync(page);
}

/** A new browser context (its own storage: a separate device) with one page. */
export async function newDevice(browser: Browser, baseURL: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, permissions: ["microphone"] });
  const page = await context.newPage();
  return { context, page };
}

/**
 * From anywhere signed in: "New whisper", find `username`, open the conversation (a mystery one
 * when `mystery`). Ends on /c/:id with the Message box visible.
 */
export async function openConversationWith(page: Page, username: string, options: { mystery?: boolean } = {}): Promise<void> {
  await page.goto("/new");
  await page.getByRole("textbox", { name: "Username" }).fill(username);
  await page.getByRole("button", { name: "Find", exact: true }).click();
  const result = page.getByRole("region", { name: "Search result" });
  if (options.mystery) await result.getByRole("checkbox", { name: "Mystery whisper" }).check();
  await result.getByRole("button", { name: /^Whisper / }).click();
  await page.waitForURL(/\/c\/[^/]+$/);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
}

/** Opens the conversation whose list row names `name` (from the conversation list). */
export async function openConversationNamed(page: Page, name: string | RegExp): Promise<void> {
  await page.goto("/");
  await page.getByRole("link", { name }).first().click();
  await page.waitForURL(/\/c\/[^/]+$/);
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
}

/** Types `text` into the Message box and presses Send. */
export async function sendText(page: Page, text: string): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

/** The whisper rows of the open conversation (or chain) that contain `text`. */
export function whisper(page: Page, text: string | RegExp) {
  return page
    .getByRole("list", { name: /^Whispers/ })
    .getByRole("listitem")
    .filter({ has: page.locator(".whisper-text", { hasText: text }) });
}

/** Two people on two devices (browser contexts), each signed up with a fresh account. */
export async function twoPeople(browser: Browser, baseURL: string, prefixes: [string, string] = ["ann", "ben"]) {
  const a = await newDevice(browser, baseURL);
  const b = await newDevice(browser, baseURL);
  const names = { a: uniqueName(prefixes[0]), b: uniqueName(prefixes[1]) };
  await signUp(a.page, names.a, `${prefixes[0][0]!.toUpperCase()}${prefixes[0].slice(1)} ${names.a.slice(-4)}`);
  await signUp(b.page, names.b, `${prefixes[1][0]!.toUpperCase()}${prefixes[1].slice(1)} ${names.b.slice(-4)}`);
  return { a, b, names, close: async () => Promise.all([a.context.close(), b.context.close()]) };
}

/** Dismisses the PWA's "Ready to work offline" notice if it is showing (a second status region; screenshots want it gone). */
export async function dismissNotices(page: Page): Promise<void> {
  const ok = page.getByRole("button", { name: "OK", exact: true });
  if (await ok.isVisible().catch(() => false)) await ok.click();
}

/** Runs axe on the page; fails listing any serious or critical violation. */
export async function expectNoSeriousA11yViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  const summary = serious.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => `${n.target.join(" ")} — ${(n.failureSummary ?? "").replace(/\s+/g, " ").slice(0, 220)}`)
        .join("\n  ")}`,
  );
  expect(summary, `axe on ${label}`).toEqual([]);
}

/** Calls a Convex mutation over the HTTP API as `username` (dev sign-in token), e.g. an admin flipping a flag. */
export async function mutateAs(baseURL: string, username: string, path: string, args: Record<string, unknown>): Promise<unknown> {
  const tokenResponse = await fetch(`${baseURL}/auth/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await fetch(`${baseURL}/api/mutation`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({ path, args, format: "json" }),
  });
  const body = (await response.json()) as { status: string; value?: unknown; errorMessage?: string };
  if (body.status !== "success") throw new Error(`${path} failed: ${body.errorMessage}`);
  return body.value;
}
