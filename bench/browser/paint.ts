// Timing "on screen" in a page: when an element first enters the DOM, and when Chromium painted it (Element Timing).
import type { Page } from "@playwright/test";

/** What paintProbe records, in ms since the page's navigation started (performance.now()). */
export type PaintTiming = { dom: number; painted: number; rows: number };

declare global {
  interface Window {
    __painted?: PaintTiming;
  }
}

/**
 * An init script (context.addInitScript, runs before the page's own scripts): watches the DOM
 * from the start; when `selector` first matches, records the time and marks that element and
 * everything in it with an `elementtiming` attribute (before any frame shows it), so the
 * Element Timing API reports the time the frame that first shows its text was painted.
 * Counts how many elements matched at that moment.
 */
export function paintProbe(selector: string): void {
  let dom = 0;
  let rows = 0;
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
      if (entry.identifier !== "bench-first" || window.__painted) continue;
      window.__painted = { dom, painted: entry.renderTime || entry.startTime, rows };
    }
  }).observe({ type: "element", buffered: true });
  const observer = new MutationObserver(() => {
    const found = document.querySelectorAll(selector);
    if (found.length === 0) return;
    observer.disconnect();
    dom = performance.now();
    rows = found.length;
    const first = found[0]!;
    for (const element of [first, ...first.querySelectorAll("*")]) element.setAttribute("elementtiming", "bench-first");
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Waits for the init script's record of the current page load. */
export async function readPaint(page: Page, timeoutMs = 30_000): Promise<PaintTiming> {
  const handle = await page.waitForFunction(() => window.__painted, null, { timeout: timeoutMs, polling: 20 });
  return (await handle.jsonValue()) as PaintTiming;
}
