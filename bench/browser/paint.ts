// Timing "on screen" in a page: when an element first enters the DOM, and when Chromium painted it (Element Timing).
import type { Page } from "@playwright/test";

/** What paintProbe records, in ms since the page's navigation started (performance.now()). */
export type PaintTiming = { dom: number; painted: number; rows: number };

declare global {
  interface Window {
    __painted?: PaintTiming;
    __realRows?: number;
  }
}

/**
 * An init script (context.addInitScript, runs before the page's own scripts): watches the DOM
 * from the start; when `selector` first matches, records the time and marks that element and
 * everything in it with an `elementtiming` attribute (before any frame shows it), so the
 * Element Timing API reports the time the frame that first shows its text was painted.
 * Counts how many elements matched at that moment. Chromium reports no entry for an element
 * that left the page before its frame's presentation was reported (the page replaced it), so
 * then the element matching in its place is marked instead, until one is reported.
 */
export function paintProbe(selector: string): void {
  /** Each element marked, with when it entered the DOM and how many matched then. */
  const marks: Array<{ element: Element; dom: number; rows: number }> = [];
  new PerformanceObserver((entries) => {
    for (const entry of entries.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number; element?: Element | null }>) {
      if (entry.identifier !== "bench-first" || window.__painted) continue;
      const mark = marks.find((m) => m.element === entry.element || m.element.contains(entry.element ?? null)) ?? marks[0]!;
      window.__painted = { dom: mark.dom, painted: entry.renderTime || entry.startTime, rows: mark.rows };
    }
  }).observe({ type: "element", buffered: true });
  const observer = new MutationObserver(() => {
    if (window.__painted) return observer.disconnect();
    if (marks.at(-1)?.element.isConnected) return;
    const found = document.querySelectorAll(selector);
    if (found.length === 0) return;
    const first = found[0]!;
    marks.push({ element: first, dom: performance.now(), rows: found.length });
    for (const element of [first, ...first.querySelectorAll("*")]) element.setAttribute("elementtiming", "bench-first");
  });
  observer.observe(document, { childList: true, subtree: true });
}

/** Waits for the init script's record of the current page load. */
export async function readPaint(page: Page, timeoutMs = 30_000): Promise<PaintTiming> {
  const handle = await page.waitForFunction(() => window.__painted, null, { timeout: timeoutMs, polling: 20 });
  return (await handle.jsonValue()) as PaintTiming;
}

/**
 * Init script: the time the app's own rows (read from IndexedDB, in #root) are on screen. The
 * first paint may be the start-up snapshot of the inbox (src/app/listSnapshot.ts), which these
 * rows replace in the same task; reported beside the metric so both are visible.
 */
export function realRowsProbe(): void {
  const observer = new MutationObserver(() => {
    const root = document.getElementById("root");
    if (!root || root.style.display === "none" || !root.querySelector(".conv-list .conv-row")) return;
    window.__realRows = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["style"] });
}

export async function readRealRows(page: Page): Promise<number> {
  const handle = await page.waitForFunction(() => window.__realRows, null, { timeout: 30_000, polling: 20 });
  return (await handle.jsonValue()) as number;
}
