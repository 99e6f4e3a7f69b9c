// The PWA's notices ("Ready to work offline", "Update available") never cover the composer or the tab bar.
import type { Browser, Locator, Page } from "@playwright/test";
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
async function keptFree(page: Page, composer: Locator): Promise<Array<[string, Box]>> {
  const free: Array<[string, Box]> = [["composer", await boxOf(composer)]];
  const tabs = page.getByRole("navigation", { name: "Main" });
  if (await tabs.isVisible()) free.push(["tab bar", await boxOf(tabs)]);
  return free;
}

/** A new device signed in as a demo account (nothing is written), on a screen reached without reloading. */
async function noticeOn(
  browser: Browser,
  baseURL: string,
  viewport: { width: number; height: number },
  open: (page: Page) => Promise<Locator>,
): Promise<void> {
  // The notice shows once, on the visit that installs the service worker: everything after the
  // sign-in is a navigation inside the app.
  const device = await newDevice(browser, baseURL);
  try {
    const page = device.page;
    await page.setViewportSize(viewport);
    await signIn(page, "alice");
    const composer = await open(page);
    const notice = page.getByRole("status").filter({ hasText: "Ready to work offline" });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    const box = await boxOf(notice);
    for (const [name, free] of await keptFree(page, composer)) {
      expect(overlap(box, free), `the notice (${JSON.stringify(box)}) covers the ${name} (${JSON.stringify(free)})`).toBe(false);
    }
  } finally {
    await device.context.close();
  }
}

const openConversation = async (page: Page) => {
  await page.locator("a[href^='/c/']").first().click();
  await expect(page.getByRole("textbox", { name: "Message" })).toBeVisible();
  return page.locator("form:has(.composer-input)");
};

for (const viewport of [
  { name: "desktop", width: 1200, height: 800 },
  { name: "phone", width: 390, height: 760 },
]) {
  test(`the offline-ready notice leaves a conversation's composer free (${viewport.name})`, async ({ browser, baseURL }) => {
    await noticeOn(browser, baseURL!, viewport, openConversation);
  });
}

test("the offline-ready notice leaves a chamber's composer and the tab bar below it free (phone)", async ({ browser, baseURL }) => {
  await noticeOn(browser, baseURL!, { width: 390, height: 760 }, async (page) => {
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Chambers" }).click();
    await page.getByRole("link", { name: /^Open / }).first().click();
    const composer = page.locator("form.chamber-composer");
    await expect(composer).toBeVisible();
    return composer;
  });
});
