// outbox_drain in Chromium: the real app's outbox (Dexie on IndexedDB) drained on reconnect, and a plain ConvexClient page sending one awaited mutation at a time.
import type { Browser, Page } from "@playwright/test";
import type { BenchBackend } from "../lib/backend";
import { newDevice, signIn, waitForSync } from "./people";
import { openPlainClient, type PlainPages } from "./plainPage";

/** IndexedDB requests made by the page during the timed drain, by kind ("whispers put", "outbox get", "rw transactions", …). */
export type IdbCounts = Record<string, number>;

export type DrainRun = { ms: number; count: number; idb?: IdbCounts };

declare global {
  interface Window {
    /** When each WebSocket of the page opened (page clock, ms). */
    __socketOpens?: number[];
    /** When the page heard it was back online (the "online" event). */
    __onlineAt?: number[];
    /** IndexedDB requests and transactions made so far, by kind (see idbCounter). */
    __idb?: IdbCounts;
  }
}

/**
 * Installed before the app loads: counts every IndexedDB request by store and kind (reads:
 * get/getAll/count/cursor; writes: put/add/delete) and every transaction by mode, to tell where
 * the drain's time in the browser goes. One counter bump per request: no measurable cost.
 */
function idbCounter(): void {
  const counts: Record<string, number> = (window.__idb = {});
  const bump = (key: string) => void (counts[key] = (counts[key] ?? 0) + 1);
  const wrap = (proto: object, methods: string[], storeOf: (self: unknown) => string) => {
    for (const method of methods) {
      const original = (proto as Record<string, unknown>)[method] as ((...args: unknown[]) => unknown) | undefined;
      if (!original) continue;
      (proto as Record<string, unknown>)[method] = function (this: unknown, ...args: unknown[]) {
        bump(`${storeOf(this)} ${method}`);
        return original.apply(this, args);
      };
    }
  };
  const requests = ["get", "getAll", "getAllKeys", "count", "openCursor", "openKeyCursor", "put", "add", "delete", "clear"];
  wrap(IDBObjectStore.prototype, requests, (self) => (self as IDBObjectStore).name);
  wrap(IDBIndex.prototype, requests, (self) => `${(self as IDBIndex).objectStore.name}[${(self as IDBIndex).name}]`);
  wrap(IDBCursor.prototype, ["continue", "update", "delete"], (self) => {
    const source = (self as IDBCursor).source;
    return `${source instanceof IDBIndex ? source.objectStore.name : (source as IDBObjectStore).name} cursor`;
  });
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<IDBDatabase["transaction"]>) {
    bump(`${args[1] ?? "readonly"} transactions`);
    return transaction.apply(this, args);
  } as IDBDatabase["transaction"];
}

/** `after` minus `before`, without the kinds that did not change. */
function countsSince(before: IdbCounts, after: IdbCounts): IdbCounts {
  return Object.fromEntries(Object.entries(after).flatMap(([key, n]) => (n - (before[key] ?? 0) > 0 ? [[key, n - (before[key] ?? 0)]] : [])));
}

/** "2.0 reads, 3.1 writes in 0.1 transactions per whisper (whispers put 1.0, …)": the counts of a drain of `count` whispers. */
export function idbPerWhisper(counts: IdbCounts, count: number): string {
  const per = (n: number) => (n / count).toFixed(2);
  const isWrite = (key: string) => / (put|add|delete|clear|update)$/.test(key);
  const isTransaction = (key: string) => key.endsWith(" transactions");
  const total = (pick: (key: string) => boolean) => Object.entries(counts).reduce((sum, [key, n]) => (pick(key) ? sum + n : sum), 0);
  const detail = Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${per(n)}`)
    .join(", ");
  return (
    `${per(total((k) => !isWrite(k) && !isTransaction(k)))} reads and ${per(total(isWrite))} writes per whisper in ` +
    `${total(isTransaction)} transactions (${detail})`
  );
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
    await device.context.addInitScript(idbCounter);
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
      const before = await page.evaluate(() => ({ opens: window.__socketOpens!.length, online: window.__onlineAt!.length, idb: { ...window.__idb! } }));
      const emptied = page.evaluate(outboxEmptied);
      await device.context.setOffline(false);
      const end = await emptied;
      const idb = countsSince(before.idb, await page.evaluate(() => ({ ...window.__idb! })));
      // Connected again: the "online" event, or the socket opened after it if the old one had closed.
      const { online, opened } = await page.evaluate((b) => ({ online: window.__onlineAt![b.online], opened: window.__socketOpens![b.opens] }), before);
      if (online === undefined) throw new Error("the page never heard it was online again");
      const start = opened !== undefined && opened > online ? opened : online;
      await waitForSync(page, 120_000);
      return { ms: end - start, count: n, idb };
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
  const { context, page } = await openPlainClient(
    browser,
    backend,
    pages,
    user,
    `window.__send = async (prefix, from, n) => { for (let i = from; i < from + n; i++) {` +
      `  await client.mutation(convex.anyApi.whispers.sendWhisper, { clientId: prefix + "-" + String(i).padStart(6, "0"), conversationId: ${JSON.stringify(conversationId)}, content: "plain whisper " + i });` +
      `} };`,
  );
  try {
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
