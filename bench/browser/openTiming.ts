// Opening a conversation in the app, timed in the page: click its row → its newest whisper in the DOM and painted.

export type Open = { dom: number; painted: number };

/**
 * In the page, on the conversation list: clicks the conversation number `link` (in-app navigation) and
 * times until a whisper whose text is `newest` is in the DOM, and until Chromium painted it
 * (Element Timing: the element is marked with `elementtiming` before any frame shows it).
 */
export function clickAndTime({ newest, link }: { newest: string; link: number }): Promise<Open> {
  return new Promise((resolve) => {
    const anchor = document.querySelectorAll<HTMLAnchorElement>(".conv-list .conv-link")[link]!;
    let dom = 0;
    let t0 = 0;
    const paints = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries() as Array<PerformanceEntry & { identifier?: string; renderTime?: number }>) {
        if (entry.identifier !== "bench-newest" || dom === 0) continue;
        paints.disconnect();
        resolve({ dom, painted: (entry.renderTime || entry.startTime) - t0 });
      }
    });
    paints.observe({ type: "element" });
    const observer = new MutationObserver(() => {
      const p = [...document.querySelectorAll(".whisper-text")].find((e) => e.textContent === newest);
      if (!p) return;
      observer.disconnect();
      dom = performance.now() - t0;
      p.setAttribute("elementtiming", "bench-newest");
    });
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    t0 = performance.now();
    anchor.click();
  });
}

/** The newest whisper is inside the viewport (the history opened at its end). */
export function newestInView(newest: string): boolean {
  const p = [...document.querySelectorAll(".whisper-text")].find((e) => e.textContent === newest);
  if (!p) return false;
  const r = p.getBoundingClientRect();
  return r.bottom > 0 && r.top < innerHeight;
}
