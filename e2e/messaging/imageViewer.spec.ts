// The image viewer as a person uses it: full screen and fitted, zoom and pan, previous/next by keys and swipe, pinch, download, Escape, and offline.
import { readFile } from "node:fs/promises";
import type { CDPSession, Locator, Page } from "@playwright/test";
import {
  dismissNotices,
  expectNoSeriousA11yViolations,
  openConversationNamed,
  openConversationWith,
  sendText,
  signIn,
  twoPeople,
  waitForSync,
  whisper,
} from "../support/app";
import { expect, test } from "../support/fixtures";
import { gradientPng } from "../support/png";
import { saveShots } from "../support/shots";

/** Attaches a picture and sends it with `caption` (the composer compresses it first). */
async function sendImage(page: Page, png: Buffer, caption: string): Promise<void> {
  await page.getByLabel("Attach image").setInputFiles({ name: "picture.png", mimeType: "image/png", buffer: png });
  await expect(page.getByRole("img", { name: "Image to send" })).toBeVisible();
  await sendText(page, caption);
}

const viewer = (page: Page) => page.getByRole("dialog", { name: "Image viewer" });
const shown = (page: Page) => viewer(page).getByRole("img");

/** The shown picture's box on screen, once it has loaded and settled (no zoom animation running). */
async function settledBox(image: Locator) {
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  let last = await image.boundingBox();
  for (;;) {
    await image.page().waitForTimeout(250);
    const now = await image.boundingBox();
    if (JSON.stringify(now) === JSON.stringify(last)) return now!;
    last = now;
  }
}

/** One finger (or two) on the touch screen, through the DevTools protocol: the browser turns it into pointer events. */
async function touch(cdp: CDPSession, type: "touchStart" | "touchMove" | "touchEnd", points: Array<{ x: number; y: number }>) {
  await cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map((p, id) => ({ ...p, id })) });
}

async function swipe(cdp: CDPSession, from: { x: number; y: number }, dx: number, dy = 0) {
  await touch(cdp, "touchStart", [from]);
  for (let i = 1; i <= 6; i += 1) await touch(cdp, "touchMove", [{ x: from.x + (dx * i) / 6, y: from.y + (dy * i) / 6 }]);
  await touch(cdp, "touchEnd", []);
}

test("the image viewer: fitted full screen, zoom, pan, next, download, Escape, offline", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["oda", "pia"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendImage(a.page, gradientPng(2400, 1800), "First picture");
    await expect(whisper(a.page, "First picture")).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await sendImage(a.page, gradientPng(900, 1400), "Second picture");
    await expect(whisper(a.page, "Second picture")).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await waitForSync(a.page);

    // The service worker controls the page before the pictures load (it keeps them for offline).
    await b.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    await openConversationNamed(b.page, /Second picture/);
    await dismissNotices(b.page);
    const page = b.page;
    const viewport = page.viewportSize()!;
    const firstThumb = whisper(page, "First picture").getByRole("button", { name: "Open image full size" });
    await firstThumb.click();

    // Full screen over the conversation, modal, focus inside; the picture fitted (contain): 1600×1200 in the viewport.
    const dialog = viewer(page);
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveAttribute("aria-modal", "true");
    await expect(dialog.getByRole("button", { name: "Close" })).toBeFocused();
    await expect(dialog).toContainText("Oda");
    await expect(dialog).toContainText("1 of 2");
    await expect(dialog).toContainText("First picture");
    const dialogBox = (await dialog.boundingBox())!;
    expect(dialogBox).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    const fitted = await settledBox(shown(page));
    const scale = Math.min(viewport.width / 1600, viewport.height / 1200);
    expect(fitted.width).toBeCloseTo(1600 * scale, 0);
    expect(fitted.height).toBeCloseTo(1200 * scale, 0);
    expect(fitted.x + fitted.width / 2).toBeCloseTo(viewport.width / 2, 0);
    expect(fitted.y + fitted.height / 2).toBeCloseTo(viewport.height / 2, 0);
    await expectNoSeriousA11yViolations(page, "image viewer");
    await saveShots(page, "image-viewer");

    // Zoom in (button), then drag: the picture grows about the centre and follows the mouse.
    await dialog.getByRole("button", { name: "Zoom in" }).click();
    const zoomed = await settledBox(shown(page));
    expect(zoomed.width).toBeCloseTo(fitted.width * 1.6, 0);
    await page.mouse.move(viewport.width / 2, viewport.height / 2);
    await page.mouse.down();
    await page.mouse.move(viewport.width / 2 + 80, viewport.height / 2 + 40, { steps: 5 });
    await page.mouse.up();
    const panned = await settledBox(shown(page));
    expect(panned.x - zoomed.x).toBeCloseTo(80, 0);
    expect(panned.y - zoomed.y).toBeCloseTo(40, 0);
    // The wheel zooms further; a double click goes back to fitted.
    await page.mouse.wheel(0, -400);
    expect((await settledBox(shown(page))).width).toBeGreaterThan(zoomed.width * 1.5);
    await saveShots(page, "image-viewer-zoomed");
    await page.mouse.dblclick(viewport.width / 2, viewport.height / 2);
    expect(await settledBox(shown(page))).toEqual(fitted);

    // ArrowRight: the second picture (portrait), fitted, with its caption; nothing after it.
    await page.keyboard.press("ArrowRight");
    await expect(dialog).toContainText("2 of 2");
    await expect(dialog).toContainText("Second picture");
    const second = await settledBox(shown(page));
    expect(second.height).toBeCloseTo(Math.min(viewport.height, 1400), 0);
    expect(second.width).toBeCloseTo((900 * second.height) / 1400, 0);
    await expect(dialog.getByRole("button", { name: "Next image" })).toBeHidden();
    await expect(dialog.getByRole("button", { name: "Previous image" })).toBeVisible();
    await saveShots(page, "image-viewer-second");

    // Download: the picture's bytes as the server stores them, under a name that says what it is.
    const src = await shown(page).getAttribute("src");
    const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
    const saved = await readFile((await download.path())!);
    const answer = await page.request.get(src!);
    const stored = await answer.body();
    // The extension follows the type the server found in the bytes (the composer sends WebP or JPEG).
    const type = answer.headers()["content-type"]!;
    expect(type).toMatch(/^image\/(webp|jpeg)/);
    const extension = type.startsWith("image/jpeg") ? "jpg" : "webp";
    expect(download.suggestedFilename()).toMatch(new RegExp(`^whispers-image-\\d{4}-\\d\\d-\\d\\d-\\d{4}\\.${extension}$`));
    expect(saved.length).toBeGreaterThan(1000);
    expect(saved.equals(stored)).toBe(true);

    // Escape closes; focus goes back to the thumbnail that opened it.
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(firstThumb).toBeFocused();

    // Offline, after a reload: the pictures open from this device (the media cache).
    await b.context.setOffline(true);
    await page.reload();
    await whisper(page, "First picture").getByRole("button", { name: "Open image full size" }).click();
    await expect(dialog).toBeVisible();
    expect(await settledBox(shown(page))).toEqual(fitted);
    await page.keyboard.press("ArrowRight");
    await expect(dialog).toContainText("2 of 2");
    await expect.poll(() => shown(page).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(900);
    await expect(dialog.getByText(/isn't on this device/)).toHaveCount(0);
    const [offlineDownload] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("button", { name: "Download" }).click()]);
    expect((await readFile((await offlineDownload.path())!)).equals(stored)).toBe(true);
    await page.keyboard.press("Escape");
    await b.context.setOffline(false);

    // On a phone (touch): swipe to the next picture and back, pinch to zoom, double tap back to fitted, swipe down to close.
    const phone = await browser.newContext({ baseURL, viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
    try {
      const mobile = await phone.newPage();
      await signIn(mobile, names.b);
      await waitForSync(mobile);
      await openConversationNamed(mobile, /Second picture/);
      await dismissNotices(mobile);
      await whisper(mobile, "First picture").getByRole("button", { name: "Open image full size" }).tap();
      const small = viewer(mobile);
      await expect(small).toContainText("1 of 2");
      const fit = await settledBox(shown(mobile));
      expect(fit.width).toBeCloseTo(360, 0);
      expect(fit.height).toBeCloseTo(270, 0);
      const cdp = await phone.newCDPSession(mobile);
      const middle = { x: 180, y: 370 };
      await swipe(cdp, middle, -200);
      await expect(small).toContainText("2 of 2");
      await swipe(cdp, middle, 200);
      await expect(small).toContainText("1 of 2");
      expect(await settledBox(shown(mobile))).toEqual(fit);

      await touch(cdp, "touchStart", [{ x: 140, y: 370 }, { x: 220, y: 370 }]);
      for (let i = 1; i <= 6; i += 1) await touch(cdp, "touchMove", [{ x: 140 - (80 * i) / 6, y: 370 }, { x: 220 + (80 * i) / 6, y: 370 }]);
      await touch(cdp, "touchEnd", []);
      // The fingers went from 80 to 240 px apart: three times the fitted size.
      const pinched = await settledBox(shown(mobile));
      expect(pinched.width / fit.width).toBeCloseTo(3, 1);
      for (let i = 0; i < 2; i += 1) {
        await touch(cdp, "touchStart", [middle]);
        await touch(cdp, "touchEnd", []);
      }
      expect(await settledBox(shown(mobile))).toEqual(fit);
      await mobile.screenshot({ path: "test-results/image-viewer-touch.png" });
      // A swipe down closes it, as on a phone's own photo viewer.
      await swipe(cdp, middle, 0, 200);
      await expect(small).toBeHidden();
    } finally {
      await phone.close();
    }
  } finally {
    await close();
  }
});
