// Screenshots for people to look at: with WHISPERS_SHOTS=<dir>, a page at 360 px (phone) and 1280 px (desktop), light and dark.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Locator, Page } from "@playwright/test";

const SHOTS = process.env.WHISPERS_SHOTS;
const SIZES = { phone: { width: 360, height: 740 }, desktop: { width: 1280, height: 800 } } as const;

/**
 * Saves `<name>-<phone|desktop>-<light|dark>.png` in $WHISPERS_SHOTS (nothing without it), scrolled to
 * `focus` when given; leaves the page at its viewport before, in the light theme.
 */
export async function saveShots(page: Page, name: string, focus?: Locator): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  const before = page.viewportSize();
  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const theme of ["light", "dark"] as const) {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: theme });
      await page.waitForTimeout(150);
      if (focus) await focus.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, `${name}-${size}-${theme}.png`) });
    }
  }
  if (before) await page.setViewportSize(before);
  await page.emulateMedia({ colorScheme: "light" });
}
