// In-page probes for delivery_latency: when a numbered whisper leaves a socket, arrives on one, lands in Dexie and on screen.
import type { Page } from "@playwright/test";

/** Timestamps (page wall clock, ms) recorded in a page, by whisper number. */
export type ProbeRecord = {
  wsOut: Record<string, number>;
  wsIn: Record<string, number>;
  dom: Record<string, number>;
  /** When Chromium painted that element (Element Timing renderTime). */
  paint: Record<string, number>;
  /** Commits of Dexie transactions that wrote the whispers table (Dexie's own change event). */
  dexie: number[];
};

declare global {
  interface Window {
    __probe?: ProbeRecord;
    /** Called after every DOM or paint record (waitForDom's waiters: no polling in the page). */
    __probeChanged?: Set<() => void>;
  }
}

/**
 * Installed before the app loads (context.addInitScript): wraps WebSocket so the first frame
 * that carries "<marker> #N" out or in is timed, and listens for Dexie's change event
 * ("x-storagemutated-1", dispatched on the window after each committed write transaction).
 */
export function socketProbe(marker: string): void {
  const now = () => performance.timeOrigin + performance.now();
  const probe: ProbeRecord = { wsOut: {}, wsIn: {}, dom: {}, paint: {}, dexie: [] };
  window.__probe = probe;
  window.__probeChanged = new Set();
  const pattern = new RegExp(`${marker} #(\\d+)`);
  const Native = window.WebSocket;
  class TimedWebSocket extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (event: MessageEvent) => {
        if (typeof event.data !== "string") return;
        const t = now();
        const match = pattern.exec(event.data);
        if (match && !(match[1]! in probe.wsIn)) probe.wsIn[match[1]!] = t;
      });
    }
    send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      if (typeof data === "string") {
        const match = pattern.exec(data);
        if (match && !(match[1]! in probe.wsOut)) probe.wsOut[match[1]!] = now();
      }
      super.send(data);
    }
  }
  window.WebSocket = TimedWebSocket;
  addEventListener("x-storagemutated-1", (event) => {
    const parts = (event as CustomEvent<Record<string, unknown>>).detail ?? {};
    if (Object.keys(parts).some((key) => key.includes("/whispers/"))) probe.dexie.push(now());
  });
}

/**
 * Records when a `selector` element whose text holds "<marker> #N" first enters the DOM (after
 * the mutation, before paint), and marks it with `elementtiming` so the Element Timing API
 * reports when the frame showing it was painted.
 */
export function domProbe({ marker, selector }: { marker: string; selector: string }): void {
  const now = () => performance.timeOrigin + performance.now();
  const probe = window.__probe!;
  const pattern = new RegExp(`${marker} #(\\d+)`);
  const see = (element: Element | null, t: number) => {
    if (!element) return;
    const match = pattern.exec(element.textContent ?? "");
    if (!match || match[1]! in probe.dom) return;
    probe.dom[match[1]!] = t;
    element.setAttribute("elementtiming", `probe-${match[1]}`);
    for (const changed of [...window.__probeChanged!]) changed();
  };
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
      const n = entry.identifier?.startsWith("probe-") ? entry.identifier.slice(6) : undefined;
      if (n !== undefined && !(n in probe.paint)) probe.paint[n] = performance.timeOrigin + (entry.renderTime || entry.startTime);
    }
    for (const changed of [...window.__probeChanged!]) changed();
  }).observe({ type: "element" });
  new MutationObserver((records) => {
    const t = now();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      see(target?.closest(selector) ?? null, t);
      for (const node of record.addedNodes) {
        if (!(node instanceof Element)) continue;
        if (node.matches(selector)) see(node, t);
        for (const inner of node.querySelectorAll(selector)) see(inner, t);
      }
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}

/** The page's probe record. */
export function readProbe(page: Page): Promise<ProbeRecord> {
  return page.evaluate(() => window.__probe!);
}

/**
 * Waits until whisper `n` is in the recipient's DOM (and, when `painted`, on screen): one round
 * trip, woken by the probe's own records — no polling timer in the page, which would take the
 * main thread from the app being measured (a 2 ms poll is 500 tasks a second).
 */
export async function waitForDom(page: Page, n: number, timeoutMs = 30_000, painted = false): Promise<void> {
  const ok = await page.evaluate(
    ([i, p, timeout]) =>
      new Promise<boolean>((resolve) => {
        const done = () => {
          const probe = window.__probe;
          return probe?.dom[i] !== undefined && (!p || probe.paint[i] !== undefined);
        };
        if (done()) return resolve(true);
        const changed = () => {
          if (!done()) return;
          finish(true);
        };
        const finish = (result: boolean) => {
          clearTimeout(timer);
          window.__probeChanged!.delete(changed);
          resolve(result);
        };
        const timer = setTimeout(() => finish(done()), timeout);
        window.__probeChanged!.add(changed);
      }),
    [n, painted, timeoutMs] as const,
  );
  if (!ok) throw new Error(`whisper #${n} did not reach the recipient's screen in ${timeoutMs} ms`);
}
