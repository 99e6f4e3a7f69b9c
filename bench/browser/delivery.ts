// delivery_latency's two runs: the app (Composer → outbox → sync → recipient's Dexie → screen) and a plain ConvexClient round trip.
import type { Browser, Page } from "@playwright/test";
import type { BenchBackend } from "../lib/backend";
import { percentiles } from "../lib/types";
import { calibrate, type PageClock } from "./clock";
import { median } from "./chromium";
import { NAME_SHIM, newDevice, signIn, waitForSync } from "./people";
import type { PlainPages } from "./plainPage";
import { domProbe, readProbe, socketProbe, waitForDom, type ProbeRecord } from "./probes";

export type Pair = { conversationId: string; sender: string; recipient: string };

/** Per whisper, on Node's clock (ms): sent (button / mutation call), socket out, socket in, Dexie commit, in the DOM, painted. */
export type Sample = { send: number; wsOut?: number; wsIn?: number; dexie?: number; dom: number; paint: number };

export type DeliveryRun = { samples: Sample[]; clocks: PageClock[] };

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Puts both pages' records on Node's clock and pairs them by whisper number (the first `warmup` dropped). */
function collect(sends: number[], sender: ProbeRecord, recipient: ProbeRecord, clocks: [PageClock, PageClock], warmup: number): Sample[] {
  const [a, b] = clocks;
  const dexie = recipient.dexie.map((t) => t - b.offset);
  const samples: Sample[] = [];
  for (let i = warmup; i < sends.length; i++) {
    const send = sends[i]! - a.offset;
    const dom = recipient.dom[i]! - b.offset;
    const wsIn = recipient.wsIn[i] !== undefined ? recipient.wsIn[i]! - b.offset : undefined;
    // The first commit to the whispers table after the whisper reached the socket (sends are one at a time).
    const from = wsIn ?? send;
    samples.push({
      send,
      wsOut: sender.wsOut[i] !== undefined ? sender.wsOut[i]! - a.offset : undefined,
      wsIn,
      dexie: dexie.find((t) => t >= from && t <= dom),
      dom,
      paint: recipient.paint[i]! - b.offset,
    });
  }
  return samples;
}

/**
 * The app: two signed-in devices on the conversation; the sender types into the Message box and
 * submits (timed in its page just before the submit); the recipient's page times the whisper's
 * text entering the DOM. One whisper at a time, each after the previous one is on screen and a
 * short random pause (the recipient's read receipt settles), so each latency is unloaded.
 */
export async function appRun(browser: Browser, backend: BenchBackend, pair: Pair, count: number, warmup: number): Promise<DeliveryRun> {
  const a = await newDevice(browser, backend.origin);
  const b = await newDevice(browser, backend.origin);
  try {
    for (const device of [a, b]) await device.context.addInitScript(socketProbe, "Latency probe");
    await Promise.all([signIn(a.page, pair.sender), signIn(b.page, pair.recipient)]);
    await Promise.all([a.page.goto(`/c/${pair.conversationId}`), b.page.goto(`/c/${pair.conversationId}`)]);
    await a.page.locator(".composer-input").waitFor();
    await b.page.locator(".whisper-text").first().waitFor();
    await Promise.all([waitForSync(a.page), waitForSync(b.page)]);
    await b.page.evaluate(domProbe, { marker: "Latency probe", selector: ".whisper-text" });
    const clocks: [PageClock, PageClock] = [await calibrate(a.page), await calibrate(b.page)];
    const sends: number[] = [];
    for (let i = 0; i < count + warmup; i++) {
      await a.page.waitForFunction(() => document.querySelector<HTMLTextAreaElement>(".composer-input")?.value === "", null, { polling: 2 });
      sends.push(await a.page.evaluate(submitWhisper, i));
      await waitForDom(b.page, i, 30_000, true);
      await pause(40 + Math.random() * 30);
    }
    return { samples: collect(sends, await readProbe(a.page), await readProbe(b.page), clocks, warmup), clocks };
  } finally {
    await Promise.all([a.context.close(), b.context.close()]);
  }
}

/**
 * In the sender's page: types "Latency probe #i", waits until the typed text is on screen (two
 * animation frames: a person sees what they typed before they press Send; typing and the submit
 * in one task would leave the typing's own frame to be drawn in the middle of the send), then
 * submits the composer in a task of its own, somewhere within the next frame; returns the time of the submit.
 */
async function submitWhisper(i: number): Promise<number> {
  const box = document.querySelector<HTMLTextAreaElement>(".composer-input")!;
  box.value = `Latency probe #${i}`;
  box.dispatchEvent(new Event("input", { bubbles: true }));
  for (let frame = 0; frame < 2; frame++) await new Promise((resolve) => requestAnimationFrame(resolve));
  // The press: a task of its own, as a click is, at any point of the frame (not right after one).
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 17));
  const t0 = performance.timeOrigin + performance.now();
  box.closest("form")!.requestSubmit();
  return t0;
}

/** A plain page's script: a ConvexClient signed in with `token` (what a Convex app without Dexie does). */
function plainClient(origin: string, token: string): string {
  return (
    `const now = () => performance.timeOrigin + performance.now();` +
    `const client = new convex.ConvexClient(${JSON.stringify(origin)}, { unsavedChangesWarning: false, skipConvexDeploymentUrlCheck: true });` +
    `client.setAuth(async () => ${JSON.stringify(token)});`
  );
}

/**
 * Baseline: the same round trip with the stock ConvexClient in two plain pages (no Dexie, no
 * outbox, no sync feed): the sender calls whispers:sendWhisper, the recipient's subscription to
 * whispers:listConversation (the newest 30) re-renders a <ul> with the new whisper (timed by the
 * same DOM and paint probes as the app).
 */
export async function plainRun(
  browser: Browser,
  backend: BenchBackend,
  pages: PlainPages,
  pair: Pair,
  count: number,
  warmup: number,
): Promise<DeliveryRun> {
  const contexts = await Promise.all([browser.newContext(), browser.newContext()]);
  try {
    const [a, b] = await Promise.all(contexts.map((c) => c.newPage()));
    for (const context of contexts) {
      await context.addInitScript({ content: NAME_SHIM });
      await context.addInitScript(socketProbe, "Plain probe");
    }
    const cid = JSON.stringify(pair.conversationId);
    const sender =
      plainClient(backend.origin, await backend.token(pair.sender)) +
      `window.__send = (i) => { const t0 = now(); client.mutation(convex.anyApi.whispers.sendWhisper, ` +
      `{ clientId: "plain-probe-" + i, conversationId: ${cid}, content: "Plain probe #" + i }).catch((e) => { window.__error = String(e); }); return t0; };` +
      `client.query(convex.anyApi.users.me, {}).then(() => { window.__ready = true; }, (e) => { window.__error = String(e); });`;
    const recipient =
      plainClient(backend.origin, await backend.token(pair.recipient)) +
      `const list = document.getElementById("list");` +
      `client.onUpdate(convex.anyApi.whispers.listConversation, { conversationId: ${cid}, paginationOpts: { numItems: 30, cursor: null } }, (result) => {` +
      `  list.replaceChildren(...result.page.map((w) => { const li = document.createElement("li"); li.textContent = w.content || ""; return li; }));` +
      `  window.__ready = true;` +
      `}, (e) => { window.__error = String(e); });`;
    await Promise.all([a.goto(pages.url(sender)), b.goto(pages.url(recipient))]);
    for (const page of [a, b]) await waitReady(page);
    await b.evaluate(domProbe, { marker: "Plain probe", selector: "#list li" });
    const clocks: [PageClock, PageClock] = [await calibrate(a), await calibrate(b)];
    const sends: number[] = [];
    for (let i = 0; i < count + warmup; i++) {
      sends.push(await a.evaluate((n) => (window as unknown as { __send(n: number): number }).__send(n), i));
      await waitForDom(b, i, 30_000, true);
      await pause(40 + Math.random() * 30);
    }
    return { samples: collect(sends, await readProbe(a), await readProbe(b), clocks, warmup), clocks };
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

async function waitReady(page: Page): Promise<void> {
  const handle = await page.waitForFunction(() => {
    const w = window as unknown as { __ready?: boolean; __error?: string };
    return w.__error ?? w.__ready;
  });
  const state = await handle.jsonValue();
  if (state !== true) throw new Error(`plain Convex page failed: ${String(state)}`);
}

/** p50/p99 of send → painted on the recipient's screen (and → DOM, → Dexie), and the medians of each leg (for the notes). */
export function summarize(run: DeliveryRun) {
  const total = percentiles(run.samples.map((s) => s.paint - s.send));
  const leg = (pick: (s: Sample) => number | undefined) => {
    const values = run.samples.map(pick).filter((v): v is number => v !== undefined && Number.isFinite(v));
    return values.length > 0 ? median(values) : NaN;
  };
  return {
    total,
    dom: percentiles(run.samples.map((s) => s.dom - s.send)),
    dexie: percentiles(run.samples.flatMap((s) => (s.dexie !== undefined ? [s.dexie - s.send] : []))),
    sender: leg((s) => (s.wsOut !== undefined ? s.wsOut - s.send : undefined)),
    network: leg((s) => (s.wsIn !== undefined && s.wsOut !== undefined ? s.wsIn - s.wsOut : undefined)),
    toDexie: leg((s) => (s.dexie !== undefined && s.wsIn !== undefined ? s.dexie - s.wsIn : undefined)),
    toDom: leg((s) => (s.dexie !== undefined ? s.dom - s.dexie : s.wsIn !== undefined ? s.dom - s.wsIn : undefined)),
    toPaint: leg((s) => s.paint - s.dom),
    skew: Math.max(...run.clocks.map((c) => c.uncertainty)),
  };
}
