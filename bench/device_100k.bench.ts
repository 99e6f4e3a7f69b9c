// device_100k: one device grown from 10,000 to 200,000 whispers (one filled profile): cold start offline at 10k and 100k, opening and scrolling a 100,000-whisper conversation, the JS heap, the IndexedDB bytes per whisper.
import type { Page } from "@playwright/test";
import { cpuProfiled } from "./browser/cpuProfile";
import { withBrowserRig } from "./browser/rig";
import { defineBenchmark, round } from "./lib/types";
import { machineLoad, median } from "./browser/chromium";
import { paintProbe, readPaint, type PaintTiming } from "./browser/paint";
import { countRows, createPerson, mutations, newDevice, signIn, waitFor, waitForServiceWorker, waitForSync } from "./browser/people";
import { fillBigConversation, fillConversations, syncedTemplate } from "./browser/deviceFill";
import { clickAndTime, newestInView, type Open } from "./browser/openTiming";

const CONVERSATIONS = 1_000;
const SMALL = 10_000;
const LARGE = Number(process.env.BENCH_DEVICE_COUNT ?? 100_000);
const BIG = Number(process.env.BENCH_DEVICE_BIG ?? 100_000);
const RELOADS = Number(process.env.BENCH_DEVICE_RELOADS ?? 7);
const OPENS = Number(process.env.BENCH_DEVICE_OPENS ?? 7);
/** Whispers scrolled back from the newest. */
const SCROLL_BACK = 1_000;
/** Pixels scrolled per frame (6,000 px/s at 60 fps: a quick flick, again and again). */
const SCROLL_STEP = 100;
/** Whispers per IndexedDB transaction of the fill. */
const FILL_CHUNK = 30_000;
const VIEWER = "device_viewer";
/** The synced conversation's whispers through the server (the newest of the big one). */
const RECENT = 50;
const NEWEST = `Recent whisper number ${RECENT - 1}`;
/** The newest whisper of the second row: bench-conv-0's (deviceFill.ts). */
const SMALL_NEWEST = "Whisper 0 with person 0: shall we talk tomorrow?";
const GOAL = { coldMs: 300, coldGrowth: 1.2, openMs: 80, longTaskMs: 50, heapMB: 60 };

declare global {
  interface Window {
    __longTasks?: number[];
    /** Where each frame over 50 ms went (Long Animation Frames: the scripts that ran in it, and its rendering). */
    __longFrames?: string[];
  }
}

/** Init script: every long task's duration. */
function longTaskProbe(): void {
  window.__longTasks = [];
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks!.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
  type Script = { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number };
  type Frame = PerformanceEntry & { blockingDuration: number; styleAndLayoutStart: number; renderStart: number; scripts: Script[] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as Frame[]) {
      const scripts = e.scripts
        .filter((x) => x.duration >= 5)
        .map((x) => `${x.invoker} ${x.sourceFunctionName || "?"}@${x.sourceURL.split("/").pop()} ${Math.round(x.duration)} ms (layout ${Math.round(x.forcedStyleAndLayoutDuration)})`);
      const render = e.renderStart > 0 ? Math.round(e.startTime + e.duration - e.renderStart) : 0;
      window.__longFrames!.push(`${Math.round(e.duration)} ms (blocking ${Math.round(e.blockingDuration)}, render ${render} ms): ${scripts.join("; ") || "no script over 5 ms"}`);
    }
  }).observe({ type: "long-animation-frame", buffered: true });
}

/** Reload, then waits until the app has indexed every whisper for search (what a device in use holds). */
async function reloadIndexed(page: Page, count: number): Promise<number> {
  const started = Date.now();
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Whispers" }).waitFor();
  await waitFor(async () => (await countRows(page, "searchDocs")) >= count, 300_000, `${count} whispers indexed`, 1000);
  return (Date.now() - started) / 1000;
}

/** Offline reloads → the first row the app read from IndexedDB painted (not the start-up snapshot); the first reload is a warm-up. */
async function coldStarts(page: Page): Promise<PaintTiming[]> {
  const runs: PaintTiming[] = [];
  for (let i = 0; i < RELOADS + 1; i++) {
    await page.reload({ waitUntil: "commit" });
    const timing = await readPaint(page);
    if (i > 0) runs.push(timing);
    await page.waitForTimeout(300);
  }
  const state = await page.evaluate(() => ({ worker: navigator.serviceWorker.controller !== null, online: navigator.onLine }));
  if (!state.worker || state.online) throw new Error(`the reloads were not offline under the service worker (${JSON.stringify(state)})`);
  return runs;
}

/** Opens conversation row `link` OPENS + 1 times from the list (the first loads the screen's code) → its newest whisper painted. */
async function opens(page: Page, link: number, newest: string): Promise<Open[]> {
  const runs: Open[] = [];
  for (let i = 0; i < OPENS + 1; i++) {
    await page.locator(".conv-list .conv-link").nth(link).waitFor();
    await page.waitForTimeout(300);
    const open = await page.evaluate(clickAndTime, { newest, link });
    if (i > 0) runs.push(open);
    if (!(await page.evaluate(newestInView, newest))) throw new Error(`"${newest}" is not in view after opening`);
    await page.waitForTimeout(200);
    await page.locator("a.brand").click();
    await page.waitForURL((url) => url.pathname === "/");
  }
  return runs;
}

type Scroll = { frames: number; seconds: number; longestFrame: number; slowFrames: number; longTasks: number[]; longFrames: string[] };

/**
 * In the open conversation: scrolls the whisper list by `step` px every animation frame, up
 * (until the whisper numbered `until` is in view) or down to the bottom, timing every frame
 * (requestAnimationFrame) and collecting the long tasks meanwhile.
 */
function scrollTimed({ step, until }: { step: number; until: number | null }): Promise<Scroll> {
  const scroller = document.querySelector<HTMLElement>(".history-list")!;
  window.__longTasks = [];
  window.__longFrames = [];
  const intervals: number[] = [];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let last = started;
    const done = () => {
      const longTasks = window.__longTasks ?? [];
      resolve({
        frames: intervals.length,
        seconds: (performance.now() - started) / 1000,
        longestFrame: Math.max(0, ...intervals),
        slowFrames: intervals.filter((d) => d > 1000 / 60 * 1.5).length,
        longTasks,
        longFrames: window.__longFrames ?? [],
      });
    };
    const reached = () => {
      if (until === null) return scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 2;
      // Text first (no layout), a rectangle only for a row far enough back.
      const far = [...scroller.querySelectorAll(".whisper-text")].filter((e) => {
        const n = /^Older whisper number (\d+) /.exec(e.textContent ?? "");
        return n !== null && Number(n[1]) <= until;
      });
      if (far.length === 0) return false;
      const view = scroller.getBoundingClientRect();
      return far.some((e) => {
        const r = e.getBoundingClientRect();
        return r.bottom > view.top && r.top < view.bottom;
      });
    };
    const frame = (t: number) => {
      intervals.push(t - last);
      last = t;
      if (reached()) return setTimeout(done, 500); // the last frames' long tasks are reported after them
      if (t - started > 120_000) return reject(new Error("scrolling did not get there in 120 s"));
      scroller.scrollTop += until === null ? step : -step;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame((t) => {
      last = t;
      requestAnimationFrame(frame);
    });
  });
}

/** JS heap in use (CDP Performance.getMetrics JSHeapUsedSize), in MB, before and after a full garbage collection. */
async function heapMB(page: Page): Promise<{ before: number; after: number }> {
  // A session of its own, detached after (one kept open undid the context's offline emulation).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const used = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "JSHeapUsedSize")!.value / 1048576;
  const before = await used();
  await cdp.send("HeapProfiler.collectGarbage");
  const after = await used();
  await cdp.detach();
  return { before, after };
}

/** BENCH_DEVICE_PROFILE=<prefix>: a CPU profile of the page during `body`, written to <prefix>-<name>.cpuprofile (Chrome DevTools). */
function profiled<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  const prefix = process.env.BENCH_DEVICE_PROFILE;
  return cpuProfiled(page, prefix && `${prefix}-${name}.cpuprofile`, body);
}

const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
const list = (values: number[]) => values.map((v) => Math.round(v)).join(", ");

export default defineBenchmark({
  title: `device_100k: one device from ${SMALL} to ${LARGE} whispers in ${CONVERSATIONS} conversations, then a ${BIG}-whisper conversation: cold start offline, open and scroll, JS heap, bytes per whisper`,
  timeoutSeconds: 720,
  async run(log) {
    return withBrowserRig(log, async ({ backend, browser }) => {
      const viewerId = await createPerson(backend, VIEWER, "Device Viewer");
      await createPerson(backend, "device_ann", "Ann");
      await mutations(backend, "device_ann", "whispers:sendWhisper", { clientId: "device-recent-{i}", recipientId: viewerId, content: "Recent whisper number {i}" }, RECENT);

      const device = await newDevice(browser, backend.origin);
      const page = device.page;
      await device.context.addInitScript(paintProbe, "#root .conv-list .conv-row");
      await device.context.addInitScript(longTaskProbe);
      await signIn(page, VIEWER);
      await waitForSync(page, 180_000);
      await waitFor(async () => (await countRows(page, "whispers")) >= RECENT, 60_000, "the recent whispers on the device");
      await waitForServiceWorker(page);
      const template = await syncedTemplate(page);
      const empty = await usage(page);
      const rowBytes = JSON.stringify(template.whisper).length;

      // 10,000 whispers in 1,000 conversations.
      let started = Date.now();
      const fake = CONVERSATIONS - 1;
      await fillConversations(page, template, { conversations: fake, from: 0, to: SMALL - RECENT });
      let indexed = await reloadIndexed(page, SMALL);
      log(`  ${SMALL} whispers in ${CONVERSATIONS} conversations written in ${Math.round((Date.now() - started) / 1000)} s (indexed for search in ${Math.round(indexed)} s)`);
      await device.context.setOffline(true);
      const cold10k = await coldStarts(page);
      const heapList = await heapMB(page);

      // 100,000.
      started = Date.now();
      for (let from = SMALL - RECENT; from < LARGE - RECENT; from += FILL_CHUNK) await fillConversations(page, template, { conversations: fake, from, to: Math.min(from + FILL_CHUNK, LARGE - RECENT) });
      const filledSeconds = (Date.now() - started) / 1000;
      indexed = await reloadIndexed(page, LARGE);
      const held = await countRows(page, "whispers");
      if (held !== LARGE) throw new Error(`the device holds ${held} whispers, expected ${LARGE}`);
      const full = await usage(page);
      log(`  ${LARGE} whispers written in ${Math.round(filledSeconds)} s, indexed in ${Math.round(indexed)} s; IndexedDB ${(full / 1048576).toFixed(1)} MiB`);
      const cold100k = await coldStarts(page);

      // One conversation of 100,000 (the synced one grows older history).
      started = Date.now();
      for (let from = 0; from < BIG - RECENT; from += FILL_CHUNK) await fillBigConversation(page, template, { from, to: Math.min(from + FILL_CHUNK, BIG - RECENT), total: BIG - RECENT });
      indexed = await reloadIndexed(page, LARGE + BIG - RECENT);
      const total = await countRows(page, "whispers");
      log(`  the first conversation grown to ${BIG} whispers (${total} on the device) in ${Math.round((Date.now() - started) / 1000)} s, indexed in ${Math.round(indexed)} s`);
      const small = await opens(page, 1, SMALL_NEWEST);
      const big = await profiled(page, "open", () => opens(page, 0, NEWEST));
      await page.locator(".conv-list .conv-link").first().click();
      await page.getByText(NEWEST).waitFor();
      await page.waitForTimeout(500);
      const back = await profiled(page, "scroll", () => page.evaluate(scrollTimed, { step: SCROLL_STEP, until: BIG - RECENT - 1 - (SCROLL_BACK - RECENT) }));
      const down = await page.evaluate(scrollTimed, { step: SCROLL_STEP, until: null });
      const heap = await heapMB(page);
      await device.context.close();

      const cold = { small: median(cold10k.map((t) => t.painted)), large: median(cold100k.map((t) => t.painted)) };
      const open = { small: median(small.map((o) => o.painted)), big: median(big.map((o) => o.painted)) };
      const longest = (s: Scroll) => Math.max(0, ...s.longTasks);
      const scrollNote = (s: Scroll) =>
        `${s.frames} frames in ${s.seconds.toFixed(1)} s (${Math.round(s.frames / s.seconds)} fps), longest frame ${Math.round(s.longestFrame)} ms, ${s.slowFrames} over 25 ms, ` +
        `${s.longTasks.length} long tasks${s.longTasks.length ? ` (${list(s.longTasks)} ms)` : ""}`;
      const perWhisper = (full - empty) / (LARGE - RECENT);
      log(`  cold start offline, real rows painted: ${SMALL}: ${list(cold10k.map((t) => t.painted))} ms (median ${Math.round(cold.small)}); ${LARGE}: ${list(cold100k.map((t) => t.painted))} ms (median ${Math.round(cold.large)})`);
      log(`  open: a 100-whisper conversation ${list(small.map((o) => o.painted))} ms (median ${Math.round(open.small)}); the ${BIG}-whisper one ${list(big.map((o) => o.painted))} ms (median ${Math.round(open.big)})`);
      log(`  scroll back ${SCROLL_BACK}: ${scrollNote(back)}; down again: ${scrollNote(down)}`);
      for (const frame of back.longFrames) log(`    a blocking frame scrolling back: ${frame}`);
      log(`  JS heap: list at ${SMALL} ${heapList.after.toFixed(1)} MB; after the scroll at ${total} ${heap.before.toFixed(1)} MB, ${heap.after.toFixed(1)} MB after GC; IndexedDB ${Math.round(perWhisper)} bytes per whisper (a row's JSON ${rowBytes})`);
      const load = machineLoad();
      return {
        cold_start_offline_100k: {
          value: round(cold.large, 0),
          unit: "ms",
          baseline: round(cold.small, 0),
          ratio: round(cold.large / cold.small, 2),
          goal: `< ${GOAL.coldMs} ms and ≤ ${GOAL.coldGrowth}× the ${SMALL / 1000}k figure`,
          met: cold.large < GOAL.coldMs && cold.large <= cold.small * GOAL.coldGrowth,
          notes:
            `${LARGE} whispers in ${CONVERSATIONS} conversations in the device's IndexedDB (one conversation and its ${RECENT} whispers synced, the rest written next to them and indexed for search by the app), ` +
            `context offline; reload → the first conversation row read from IndexedDB painted (in #root, not the start-up snapshot), median of ${RELOADS} (${list(cold100k.map((t) => t.painted))} ms). ` +
            `Baseline: the same device earlier in the run with ${SMALL} whispers in the same ${CONVERSATIONS} conversations (${list(cold10k.map((t) => t.painted))} ms). ratio = value / baseline. Measured at ${load}.`,
        },
        open_big_conversation_100k: {
          value: round(open.big, 0),
          unit: "ms",
          baseline: round(open.small, 0),
          ratio: round(open.big / open.small, 2),
          goal: `< ${GOAL.openMs} ms`,
          met: open.big < GOAL.openMs,
          notes:
            `A ${BIG}-whisper conversation (${total} whispers on the device): on the list, click → its newest whisper painted (Element Timing), median of ${OPENS} (${list(big.map((o) => o.painted))} ms). ` +
            `Baseline: the same click on a 100-whisper conversation of the same device (${list(small.map((o) => o.painted))} ms). ratio = value / baseline. Measured at ${load}.`,
        },
        open_big_conversation_100k_scroll: {
          value: round(longest(back), 0),
          unit: "ms",
          baseline: round(longest(down), 0),
          goal: `no long task over ${GOAL.longTaskMs} ms`,
          met: longest(back) <= GOAL.longTaskMs,
          notes:
            `In that conversation, scrolled up ${SCROLL_STEP} px every animation frame until the whisper ${SCROLL_BACK} back from the newest is in view (older pages read as they come near): ` +
            `value = the longest long task (PerformanceObserver "longtask"; 0 = none over 50 ms); ${scrollNote(back)}. Baseline: scrolling down again over the same, loaded, rows: ${scrollNote(down)}. Measured at ${load}.`,
        },
        js_heap_100k: {
          value: round(heap.after, 1),
          unit: "MB",
          baseline: round(heapList.after, 1),
          ratio: round(heap.after / heapList.after, 2),
          goal: `< ${GOAL.heapMB} MB`,
          met: heap.after < GOAL.heapMB && heap.before < GOAL.heapMB,
          notes:
            `JS heap in use (CDP Performance.getMetrics JSHeapUsedSize) with ${total} whispers on the device, after opening the ${BIG}-whisper conversation and scrolling back ${SCROLL_BACK} whispers and down: ` +
            `${heap.before.toFixed(1)} MB, ${heap.after.toFixed(1)} MB after a full GC (the value). Baseline: the conversation list of the same device at ${SMALL} whispers, after a GC (${heapList.before.toFixed(1)} MB before it). Measured at ${load}.`,
        },
        storage_footprint_100k: {
          value: round(perWhisper, 0),
          unit: "bytes/whisper",
          baseline: rowBytes,
          ratio: round(perWhisper / rowBytes, 2),
          notes:
            `navigator.storage.estimate() usage grew ${((full - empty) / 1048576).toFixed(1)} MiB from ${RECENT} to ${LARGE} whispers in ${CONVERSATIONS} conversations (the whispers, their conversation rows, profiles and the search index the app built): ` +
            `${Math.round(perWhisper)} bytes per whisper; total ${(full / 1048576).toFixed(1)} MiB. Baseline: one whisper row as JSON (${rowBytes} bytes, short chat text). ratio = value / baseline.`,
        },
      };
    });
  },
});
