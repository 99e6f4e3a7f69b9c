// The PWA's notices ("Ready to work offline", "Update available") never cover the composer or the tab bar.
import type { Locator, Page } from "@playwright/test";
import { newDevice, signIn } from "../support/app";
import { expect, test } from "../support/fixtures";

type Box = { x: number; y: number; width: number; height: number };

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator.toString()} has no box`);
  return box;
}

/** The boxes of what the notice must leave free: the composer and, where it shows, the tab bar. */
async function keptFree(page: Page): Promise<Array<[string, Box]>> {
  const free: Array<[string, Box]> = [["composer", await boxOf(page.locator("form:has(.composer-input)"))]];
  const tabs = page.getByRole("navigation", { name: "Main" });
  if (await tabs.isVisible()) free.push(["tab bar", await boxOf(tabs)]);
  return free;
}

for (const viewport of [
  { name: "desktop", width: 1200, height: 800 },
  { name: "phone", width: 390, height: 760 },
]) {
  test(`the offline-ready notice leaves the composer and the tab bar free (${viewport.name})`, async ({ browser, baseURL }) => {
    // The notice shows once, on the visit that installs the service worker: a new device signs in
    // (a demo account: nothing is written) and opens a conversation without reloading.
    const device = await newDevice(browser, baseURL!);
    try {
      const page = device.page;
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await signIn(page, "alice");
      await page.locator("a[href^='/c/']").first().click();
      await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
      const notice = page.getByRole("status").filter({ hasText: "Ready to work offline" });
      await expect(notice).toBeVisible({ timeout: 30_000 });
      const box = await boxOf(notice);
      for (const [name, free] of await keptFree(page)) {
        expect(overlap(box, free), `the notice (${JSON.stringify(box)}) covers the ${name} (${JSON.stringify(free)})`).toBe(false);
      }
    } finally {
      await device.context.close();
    }
  });
}
