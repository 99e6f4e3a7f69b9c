// outbox_drain in Chromium: the real app's outbox (Dexie on IndexedDB) drained on reconnect, and a plain ConvexClient page sending one awaited mutation at a time.
import type { Browser, Page } from "@playwright/test";
import type { BenchBackend } from "../lib/backend";
import { NAME_SHIM, newDevice, signIn, waitForSync } from "./people";
import type { PlainPages } from "./plainPage";

export type DrainRun = { ms: number; count: number };

declare global {
  interface Window {
    /** When each WebSocket of the page opened (page clock, ms). */
    __socketOpens?: number[];
    /** When the page heard it was back online (the "online" event). */
    __onlineAt?: number[];
  }
}

/** Installed before the app loads: records when each WebSocket opens and when the network comes back (the drain is timed from the later). */
export function socketOpens(): void {
  window.__socketOpens = [];
  window.__onlineAt = [];
  addEventListener("online", () => window.__onlineAt!.push(performance.now()));
  const Native = window.WebSocket;
  class Recorded extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("open", () => window.__socketOpens!.push(performance.now()));
    }
  }
  window.WebSocket = Recorded;
}

/** In the page: moves inside the app (no reload). */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((to) => {
    history.pushState({}, "", to);
    dispatchEvent(new PopStateEvent("popstate"));
  }, path);
}

/** In the page: submits `count` whispers through the composer, each once the previous one is saved (the box empties). */
function typeWhispers({ prefix, count }: { prefix: string; count: number }): Promise<void> {
  const box = document.querySelector<HTMLTextAreaElement>(".composer-input")!;
  const emptied = () =>
    new Promise<void>((resolve) => {
      const check = () => (box.value === "" ? resolve() : setTimeout(check, 1));
      check();
    });
  return (async () => {
    for (let i = 0; i < count; i++) {
      box.value = `${prefix} ${i}`;
      box.dispatchEvent(new Event("input", { bubbles: true }));
      box.closest("form")!.requestSubmit();
      await emptied();
    }
  })();
}

/**
 * In the page: resolves with the time (page clock) the sync pill stops counting entries to send
 * ("Syncing N" → "Syncing" or "Up to date"): every queued whisper was acknowledged by the server
 * and its entry left the outbox. Watched with a MutationObserver, no polling.
 */
function outboxEmptied(): Promise<number> {
  const pill = document.querySelector(".topbar [role=status]")!;
  const counting = () => /\d/.test(pill.textContent ?? "") || /Offline|Connecting/.test(pill.textContent ?? "");
  return new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (counting()) return;
      observer.disconnect();
      resolve(performance.now());
    });
    observer.observe(pill, { childList: true, subtree: true, characterData: true });
  });
}

/**
 * The app: `count` whispers typed into the conversation offline (saved on the device), the app
 * moved to the conversation list, then the network back: from the new socket's open until the
 * outbox is empty. `warmup` whispers go through the same steps first, untimed.
 */
export async function appDrain(
  browser: Browser,
  backend: BenchBackend,
  user: string,
  conversationId: string,
  count: number,
  warmup: number,
): Promise<DrainRun> {
  const device = await newDevice(browser, backend.origin);
  try {
    await device.context.addInitScript(socketOpens);
    const page = device.page;
    await signIn(page, user);
    await waitForSync(page);
    const round = async (label: string, n: number): Promise<DrainRun> => {
      await go(page, `/c/${conversationId}`);
      await page.locator(".composer-input").waitFor();
      // The network goes: no new connection can be made, and the open socket is cut (Chromium's
      // offline mode leaves an open WebSocket working).
      await device.context.setOffline(true);
      await backend.command("dropConnections");
      await page.locator(".topbar [role=status]").filter({ hasText: /Offline/ }).waitFor();
      await page.evaluate(typeWhispers, { prefix: label, count: n });
      await page.locator(".topbar [role=status]").filter({ hasText: `Offline · ${n} waiting` }).waitFor({ timeout: 60_000 });
      // Back on the conversation list (a phone in a pocket): the drain is timed, not the re-rendering of a thousand bubbles.
      await go(page, "/");
      await page.getByRole("heading", { level: 1, name: "Whispers" }).waitFor();
      const before = await page.evaluate(() => ({ opens: window.__socketOpens!.length, online: window.__onlineAt!.length }));
      const emptied = page.evaluate(outboxEmptied);
      await device.context.setOffline(false);
      const end = await emptied;
      // Connected again: the "online" event, or the socket opened after it if the old one had closed.
      const { online, opened } = await page.evaluate((b) => ({ online: window.__onlineAt![b.online], opened: window.__socketOpens![b.opens] }), before);
      if (online === undefined) throw new Error("the page never heard it was online again");
      const start = opened !== undefined && opened > online ? opened : online;
      await waitForSync(page, 120_000);
      return { ms: end - start, count: n };
    };
    if (warmup > 0) await round("warm-up whisper", warmup);
    return await round("offline whisper", count);
  } finally {
    await device.context.close();
  }
}

/**
 * A plain Convex app: the stock ConvexClient in a page without Dexie, sending the same whispers one
 * awaited sendWhisper at a time (after `warmup` untimed ones), timed in the page.
 */
export async function plainSequential(
  browser: Browser,
  backend: BenchBackend,
  pages: PlainPages,
  user: string,
  conversationId: string,
  count: number,
  warmup: number,
): Promise<DrainRun> {
  const context = await browser.newContext();
  try {
    await context.addInitScript({ content: NAME_SHIM });
    const page = await context.newPage();
    const token = await backend.token(user);
    const script =
      `const client = new convex.ConvexClient(${JSON.stringify(backend.origin)}, { unsavedChangesWarning: false, skipConvexDeploymentUrlCheck: true });` +
      `client.setAuth(async () => ${JSON.stringify(token)});` +
      `window.__send = async (prefix, from, n) => { for (let i = from; i < from + n; i++) {` +
      `  await client.mutation(convex.anyApi.whispers.sendWhisper, { clientId: prefix + "-" + String(i).padStart(6, "0"), conversationId: ${JSON.stringify(conversationId)}, content: "plain whisper " + i });` +
      `} };` +
      `client.query(convex.anyApi.users.me, {}).then(() => { window.__ready = true; }, (e) => { window.__error = String(e); });`;
    await page.goto(pages.url(script));
    const ready = await (await page.waitForFunction(() => (window as unknown as { __ready?: boolean; __error?: string }).__error ?? (window as unknown as { __ready?: boolean }).__ready)).jsonValue();
    if (ready !== true) throw new Error(`plain Convex page failed: ${String(ready)}`);
    const send = (from: number, n: number) =>
      page.evaluate(
        async ([prefix, f, k]) => {
          const t0 = performance.now();
          await (window as unknown as { __send(p: string, f: number, n: number): Promise<void> }).__send(prefix, f, k);
          return performance.now() - t0;
        },
        [`${user}-plain`, from, n] as [string, number, number],
      );
    if (warmup > 0) await send(0, warmup);
    return { ms: await send(warmup, count), count };
  } finally {
    await context.close();
  }
}
