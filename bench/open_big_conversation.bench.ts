// open_big_conversation: a 10,000-whisper conversation on the device; click it in the list → the newest whispers painted; baseline: a plain ConvexClient subscribing its first page.
import type { Page } from "@playwright/test";
import type { BenchBackend } from "./lib/backend";
import { withBrowserRig } from "./browser/rig";
import { defineBenchmark, round } from "./lib/types";
import { machineLoad, median } from "./browser/chromium";
import { countRows, createPerson, mutations, NAME_SHIM, newDevice, signIn, waitFor, waitForSync } from "./browser/people";
import { fillHistory } from "./browser/history";
import type { PlainPages } from "./browser/plainPage";
import { clickAndTime, newestInView, type Open } from "./browser/openTiming";

const COUNT = Number(process.env.BENCH_BIG_COUNT ?? 10_000);
const OPENS = Number(process.env.BENCH_BIG_OPENS ?? 7);
const GOAL_MS = 150;
/** Whispers sent through the server (the newest; what the baseline's first page shows); the rest is older history on the device. */
const RECENT = 50;
const NEWEST = `Recent whisper number ${RECENT - 1}`;

async function appOpens(page: Page): Promise<{ opens: Open[]; rendered: number }> {
  const opens: Open[] = [];
  let rendered = 0;
  for (let i = 0; i < OPENS + 1; i++) {
    await page.locator(".conv-list .conv-link").first().waitFor();
    await page.waitForTimeout(300);
    const open = await page.evaluate(clickAndTime, { newest: NEWEST, link: 0 });
    if (i > 0) opens.push(open); // the first open loads the screen's code chunk
    if (!(await page.evaluate(newestInView, NEWEST))) throw new Error("the newest whisper is not in view after opening");
    rendered = await page.locator(".whisper-text").count();
    await page.waitForTimeout(200);
    await page.locator("a.brand").click();
    await page.waitForURL((url) => url.pathname === "/");
  }
  return { opens, rendered };
}

/** Baseline: a plain page with a connected ConvexClient; "open" = subscribe to the newest 50 whispers → rendered. */
async function plainOpens(backend: BenchBackend, pages: PlainPages, page: Page, conversationId: string): Promise<Open[]> {
  const script =
    `const client = new convex.ConvexClient(${JSON.stringify(backend.origin)}, { unsavedChangesWarning: false, skipConvexDeploymentUrlCheck: true });` +
    `client.setAuth(async () => ${JSON.stringify(await backend.token("big_ben"))});` +
    `const list = document.getElementById("list");` +
    `client.query(convex.anyApi.users.me, {}).then(() => { window.__ready = true; });` +
    `window.__open = () => new Promise((resolve) => { const t0 = performance.now(); let stop;` +
    `  stop = client.onUpdate(convex.anyApi.whispers.listConversation, { conversationId: ${JSON.stringify(conversationId)}, paginationOpts: { numItems: 50, cursor: null } }, (result) => {` +
    `    list.replaceChildren(...result.page.slice().reverse().map((w) => { const li = document.createElement("li"); li.textContent = w.content || ""; return li; }));` +
    `    const dom = performance.now() - t0; const last = list.lastElementChild; last.setAttribute("elementtiming", "bench-newest");` +
    `    const paints = new PerformanceObserver((entries) => { for (const e of entries.getEntries()) if (e.identifier === "bench-newest") {` +
    `      paints.disconnect(); resolve({ dom, painted: (e.renderTime || e.startTime) - t0 }); setTimeout(() => stop()); } });` +
    `    paints.observe({ type: "element" });` +
    `  });` +
    `});`;
  await page.goto(pages.url(script));
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true);
  const opens: Open[] = [];
  for (let i = 0; i < OPENS + 1; i++) {
    const open = await page.evaluate(() => (window as unknown as { __open(): Promise<Open> }).__open());
    if (i > 0) opens.push(open);
    await page.evaluate(() => document.getElementById("list")!.replaceChildren());
    await page.waitForTimeout(300);
  }
  return opens;
}

export default defineBenchmark({
  title: `open_big_conversation: a ${COUNT}-whisper conversation on the device, clicked in the list → newest whispers painted (vs a plain ConvexClient's first page)`,
  timeoutSeconds: 360,
  async run(log) {
    return withBrowserRig(log, async ({ backend, pages, browser }) => {
      // The conversation and its newest whisper through the server (synced by the app); the
      // older history written next to it on the device (history.ts).
      await createPerson(backend, "big_ann", "Ann");
      const benId = await createPerson(backend, "big_ben", "Ben");
      await mutations(backend, "big_ann", "whispers:sendWhisper", { clientId: "big-recent-whisper-{i}", recipientId: benId, content: "Recent whisper number {i}" }, RECENT);
      const [newest] = await backend.command<Array<{ conversationId: string }>>("find", { table: "whispers", where: { clientId: "big-recent-whisper-0" } });

      const device = await newDevice(browser, backend.origin);
      const started = Date.now();
      await signIn(device.page, "big_ben");
      await waitForSync(device.page, 180_000);
      await waitFor(async () => (await countRows(device.page, "whispers")) >= RECENT, 60_000, "the recent whispers on the device");
      await fillHistory(device.page, { perConversation: COUNT - RECENT, content: "Older whisper number {n} in a long conversation" });
      const held = await countRows(device.page, "whispers");
      if (held !== COUNT) throw new Error(`the device holds ${held} whispers, expected ${COUNT}`);
      await device.page.reload();
      log(`  the device holds ${held} whispers in the conversation after ${Math.round((Date.now() - started) / 1000)} s`);
      const app = await appOpens(device.page);
      await device.context.close();

      const context = await browser.newContext();
      await context.addInitScript({ content: NAME_SHIM });
      const plain = await plainOpens(backend, pages, await context.newPage(), newest!.conversationId);
      await context.close();

      const value = median(app.opens.map((o) => o.painted));
      const baseline = median(plain.map((o) => o.painted));
      const list = (opens: Open[]) => opens.map((o) => Math.round(o.painted)).join(", ");
      log(`  app: opened in ${list(app.opens)} ms (median ${Math.round(value)}; in the DOM at ${Math.round(median(app.opens.map((o) => o.dom)))} ms; ${app.rendered} whispers rendered)`);
      log(`  baseline (ConvexClient, newest 50): ${list(plain)} ms (median ${Math.round(baseline)})`);
      return {
        open_big_conversation: {
          value: round(value, 0),
          unit: "ms",
          baseline: round(baseline, 0),
          ratio: round(baseline / value, 2),
          goal: `< ${GOAL_MS} ms`,
          met: value < GOAL_MS,
          notes:
            `${COUNT} whispers in one conversation on the device (the conversation and its newest ${RECENT} whispers synced from the server, the ${COUNT - RECENT} older ones written next to them); on the conversation list, click → the newest whisper in the DOM and its frame painted, ` +
            `median of ${OPENS} opens (${list(app.opens)} ms; ${app.rendered} whisper rows rendered: a virtual window). ` +
            `Baseline: a plain page with a connected ConvexClient subscribing to whispers:listConversation (newest 50) → rendered, median of ${OPENS} (${list(plain)} ms). ` +
            `ratio = baseline / value. Measured at ${machineLoad()}.`,
        },
      };
    });
  },
});
