// One clock for two browser pages: each page's wall clock (timeOrigin + performance.now()) measured against Node's.
import type { Page } from "@playwright/test";

export type PageClock = {
  /** page time − Node time (ms); subtract it to put a page's timestamp on Node's clock. */
  offset: number;
  /** Half the shortest round trip of the calibration: the offset is known to ± this (ms). */
  uncertainty: number;
};

/** Node's high-resolution wall clock, the same expression the pages use. */
export const nodeNow = () => performance.timeOrigin + performance.now();

/**
 * Calibrates a page's clock against Node's: reads the page's clock `samples` times between two
 * Node readings and keeps the tightest pair (Cristian's algorithm). Both clocks count from the
 * Unix epoch on one machine, so the offset is usually below a millisecond; measuring it makes
 * sure timestamps from two pages (two renderer processes) can be subtracted.
 */
export async function calibrate(page: Page, samples = 25): Promise<PageClock> {
  let best: PageClock = { offset: 0, uncertainty: Infinity };
  for (let i = 0; i < samples; i++) {
    const before = nodeNow();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = nodeNow();
    const uncertainty = (after - before) / 2;
    if (uncertainty < best.uncertainty) best = { offset: inPage - (before + after) / 2, uncertainty };
  }
  return best;
}
