// catch_up_10k_chromium: the real app in Chromium offline while 10,000 whispers arrive; back online → all in its IndexedDB, the page responsive, progress shown.
import type { Browser, Page } from "@playwright/test";
import { machineLoad } from "./browser/chromium";
import { cpuProfiled } from "./browser/cpuProfile";
import { socketOpens } from "./browser/drain";
import { countRows, createPerson, newDevice, signIn, waitForSync } from "./browser/people";
import { openPlainClient, type PlainPages } from "./browser/plainPage";
import { withBrowserRig } from "./browser/rig";
import type { BenchBackend } from "./lib/backend";
import { defineBenchmark, round } from "./lib/types";
import { DEFAULT_PAGE_SIZE as PAGE_LIMIT } from "../src/sync/pull";

/** BENCH_CATCH_UP_PROFILE=<file>: a CPU profile of the page while it catches up (Chrome DevTools format). */
const COUNT = Number(process.env.BENCH_CATCH_UP_COUNT ?? 10_000);
const GOAL_PER_SECOND = 10_000;
/** The share of the raw feed's speed the app keeps while storing every whisper (the Node client core keeps about 0.7). */
const GOAL_SHARE = 0.7;
const LONG_TASK_GOAL_MS = 100;

declare global {
  interface Window {
    /** Long tasks of the page (start, duration; page clock, ms). */
    __catchUpTasks?: Array<[number, number]>;
    /** Every text of the sync pill with when it appeared (page clock, ms). */
    __pillTexts?: Array<[number, string]>;
  }
}

/** Installed before the app loads: records the page's long tasks. */
function longTasks(): void {
  window.__catchUpTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__catchUpTasks!.push([entry.startTime, entry.duration]);
  }).observe({ type: "longtask", buffered: true });
}

/** In the page: records each text the sync pill shows from now on. */
function watchPill(): void {
  const pill = document.querySelector(".topbar [role=status]")!;
  window.__pillTexts = [[performance.now(), pill.textContent ?? ""]];
  new MutationObserver(() => window.__pillTexts!.push([performance.now(), pill.textContent ?? ""])).observe(pill, {
    childList: true,
    subtree: true,
    characterData: true,
  });
}

/**
 * In the page: resolves with the time (page clock) the stored pull cursor reaches `head` (it is
 * written in the transaction that applies its page: then every page is in). Raw IndexedDB on one
 * connection, read every 10 ms (a read of one row; it waits for the page being written).
 */
function cursorReaches(head: string): Promise<number> {
  return (async () => {
    const name = (await indexedDB.databases()).map((d) => d.name ?? "").find((n) => n.startsWith("whispers-"))!;
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      for (;;) {
        const row = await new Promise<{ value?: unknown } | undefined>((resolve, reject) => {
          const request = db.transaction("meta").objectStore("meta").get("pullCursor");
          request.onsuccess = () => resolve(request.result as { value?: unknown } | undefined);
          request.onerror = () => reject(request.error);
        });
        if (typeof row?.value === "string" && row.value >= head) return performance.now();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      db.close();
    }
  })();
}

type CatchUp = { ms: number; longest: number; longTasks: number; pill: string[]; stored: number };

async function catchUp(page: Page, head: string, reconnect: () => Promise<void>): Promise<CatchUp> {
  const before = await page.evaluate(() => ({ opens: window.__socketOpens!.length, online: window.__onlineAt!.length }));
  await page.evaluate(watchPill);
  const reached = page.evaluate(cursorReaches, head);
  await reconnect();
  const end = await reached;
  const { online, opened, tasks, pill } = await page.evaluate(
    (b) => ({ online: window.__onlineAt![b.online], opened: window.__socketOpens![b.opens], tasks: window.__catchUpTasks!, pill: window.__pillTexts! }),
    before,
  );
  if (online === undefined) throw new Error("the page never heard it was online again");
  const start = opened !== undefined && opened > online ? opened : online;
  const during = tasks.filter(([at, duration]) => at + duration > start && at < end).map(([, duration]) => duration);
  // What the pill said between the reconnect and the last page stored.
  const shown = pill.filter(([at], i) => at <= end && (i + 1 >= pill.length || pill[i + 1]![0] > start)).map(([, text]) => text);
  return { ms: end - start, longest: Math.max(0, ...during), longTasks: during.length, pill: [...new Set(shown)], stored: await countRows(page, "whispers") };
}

/**
 * Baseline: the same feed pages, from the cursor before the whispers to the head, read in Chromium
 * by the stock ConvexClient in a plain page (the app's page loop: subscribe at the cursor, move to
 * the page's cursor until the head) and kept nowhere: the network and the server without IndexedDB.
 */
async function plainPull(browser: Browser, backend: BenchBackend, pages: PlainPages, user: string, from: string, head: string): Promise<{ ms: number; changes: number }> {
  const { context, page } = await openPlainClient(
    browser,
    backend,
    pages,
    user,
    `window.__pull = (from, head) => new Promise((resolve, reject) => {` +
      `  const started = performance.now(); let changes = 0; let unsubscribe;` +
      `  const subscribe = (cursor) => { unsubscribe?.(); unsubscribe = client.onUpdate(convex.anyApi.sync.pull, { cursor, limit: ${PAGE_LIMIT} }, (page) => {` +
      `    changes += page.changes.length;` +
      `    if (page.cursor >= head) { setTimeout(() => unsubscribe?.()); resolve({ ms: performance.now() - started, changes }); }` +
      `    else if (page.cursor !== cursor) subscribe(page.cursor);` +
      `  }, (e) => reject(String(e))); };` +
      `  subscribe(from);` +
      `});`,
  );
  try {
    type PlainWindow = { __pull(from: string, head: string): Promise<{ ms: number; changes: number }> };
    return await page.evaluate(([f, h]) => (window as unknown as PlainWindow).__pull(f, h), [from, head] as [string, string]);
  } finally {
    await context.close();
  }
}

export default defineBenchmark({
  title: `catch_up_10k_chromium: the real app in Chromium offline while ${COUNT} whispers arrive, back online → all in IndexedDB`,
  timeoutSeconds: 300,
  async run(log) {
    return withBrowserRig(log, async ({ backend, browser, pages }) => {
      const bobId = await createPerson(backend, "catch_web_bob", "Bob");
      await createPerson(backend, "catch_web_alice", "Alice");
      const device = await newDevice(browser, backend.origin);
      await device.context.addInitScript(socketOpens);
      await device.context.addInitScript(longTasks);
      const page = device.page;
      await signIn(page, "catch_web_bob");
      await waitForSync(page);
      await device.context.setOffline(true);
      await backend.command("dropConnections");
      await page.locator(".topbar [role=status]").filter({ hasText: /Offline/ }).waitFor();
      const headBefore = await backend.command<string>("feedHead", { userId: bobId });
      const seeded = await backend.command<{ ms: number }>("mutations", {
        username: "catch_web_alice",
        udfPath: "whispers:sendWhisper",
        count: COUNT,
        batch: 50,
        args: { clientId: "catch-web-whisper-{i}", recipientId: bobId, content: "Whisper number {i} while you were away" },
      });
      const head = await backend.command<string>("feedHead", { userId: bobId });
      log(`  ${COUNT} whispers sent to the offline device in ${Math.round(seeded.ms / 1000)} s`);
      const run = await cpuProfiled(page, process.env.BENCH_CATCH_UP_PROFILE, () => catchUp(page, head, () => device.context.setOffline(false)));
      await device.context.close();
      if (run.stored !== COUNT) throw new Error(`the device holds ${run.stored} whispers, expected ${COUNT}`);
      const perSecond = (COUNT / run.ms) * 1000;
      const progress = run.pill.some((text) => /Syncing/.test(text));
      log(
        `  caught up in ${Math.round(run.ms)} ms: ${Math.round(perSecond)} whispers/s; longest task ${Math.round(run.longest)} ms ` +
          `(${run.longTasks} over 50 ms); the sync pill said ${run.pill.map((t) => JSON.stringify(t)).join(", ")}`,
      );
      const plain = await plainPull(browser, backend, pages, "catch_web_bob", headBefore, head);
      if (plain.changes < COUNT) throw new Error(`the plain page pulled ${plain.changes} changes, expected at least ${COUNT}`);
      const plainPerSecond = (COUNT / plain.ms) * 1000;
      const share = perSecond / plainPerSecond;
      log(`  baseline: the same ${plain.changes} changes read by a plain ConvexClient page, not stored, in ${Math.round(plain.ms)} ms: ${Math.round(plainPerSecond)} whispers/s`);
      const met = perSecond >= GOAL_PER_SECOND && share >= GOAL_SHARE && run.longest <= LONG_TASK_GOAL_MS && progress;
      return {
        catch_up_10k_chromium: {
          value: round(perSecond, 0),
          unit: "whispers/s",
          baseline: round(plainPerSecond, 0),
          ratio: round(share, 2),
          goal: `≥ ${GOAL_PER_SECOND} whispers/s and ≥ ${GOAL_SHARE}× the raw feed, no task over ${LONG_TASK_GOAL_MS} ms, progress shown`,
          met,
          notes:
            `The real app in Chromium (IndexedDB), signed in on the conversation list; ${COUNT} whispers arrived while the device was offline; ` +
            `back online → the pull cursor stored at the feed head (${Math.round(run.ms)} ms from the reconnect; all ${COUNT} whispers in IndexedDB). ` +
            `Longest task on the page meanwhile ${Math.round(run.longest)} ms (${run.longTasks} long tasks over 50 ms); ` +
            `the sync pill said ${run.pill.map((t) => `"${t}"`).join(" → ")} (progress ${progress ? "shown" : "NOT shown"}). ` +
            `Baseline: the same feed pages (${PAGE_LIMIT} a page) read in Chromium by the stock ConvexClient in a plain page, kept nowhere (${Math.round(plain.ms)} ms: the network and the server alone); ` +
            `ratio = value / baseline (the share of the raw feed's speed kept while storing). Measured at ${machineLoad()}.`,
        },
      };
    });
  },
});
