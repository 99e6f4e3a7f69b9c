// Voice and image whispers between two devices: a masked recording that plays and seeks, a compressed picture as a thumbnail.
import type { Locator, Page } from "@playwright/test";
import { dismissNotices, openConversationNamed, openConversationWith, sendText, twoPeople, waitForSync } from "../support/app";
import { expect, test } from "../support/fixtures";
import { gradientPng } from "../support/png";

/** The conversation's whispers that carry a player. */
const voiceRows = (page: Page) => page.getByRole("list", { name: "Whispers" }).getByRole("listitem").filter({ has: page.locator("audio") });

/** Records about `ms` of the fake microphone and sends it from the preview. */
async function recordAndSend(page: Page, ms: number): Promise<void> {
  await page.getByRole("button", { name: "Record voice" }).click();
  await expect(page.getByRole("button", { name: "Stop recording" })).toBeVisible();
  await page.waitForTimeout(ms);
  await page.getByRole("button", { name: "Stop recording" }).click();
  await page.getByRole("button", { name: "Send voice whisper" }).click();
}

/** Where the player lands when sought to `seconds`. */
const seekTo = (audio: Locator, seconds: number) =>
  audio.evaluate(
    (el: HTMLAudioElement, to) =>
      new Promise<number>((resolve) => {
        el.addEventListener("seeked", () => resolve(el.currentTime), { once: true });
        el.currentTime = to;
      }),
    seconds,
  );

/** The end of the player's seekable range (0: it cannot seek). */
const seekableEnd = (audio: Locator) => audio.evaluate((el: HTMLAudioElement) => (el.seekable.length > 0 ? el.seekable.end(0) : 0));

/** The server's answer to a Range request for the clip's first 4 bytes. */
const firstBytes = (audio: Locator) =>
  audio.evaluate(async (el: HTMLAudioElement) => {
    const response = await fetch(el.currentSrc, { headers: { Range: "bytes=0-3" } });
    return { status: response.status, type: response.headers.get("content-type"), magic: await response.text() };
  });

test("a masked voice whisper arrives, shows its duration and seeks", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["gus", "hal"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await expect(a.page.getByRole("switch", { name: "Mask my voice" })).toBeChecked();
    await recordAndSend(a.page, 2600);
    await expect(a.page.getByRole("button", { name: "Record voice" })).toBeVisible({ timeout: 20_000 });
    const mine = voiceRows(a.page);
    await expect(mine).toContainText("Masked voice");
    await expect(mine).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await waitForSync(a.page);

    await openConversationNamed(b.page, /Voice whisper/);
    const row = voiceRows(b.page);
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(/0:0[1-6]/);
    await expect(row).toContainText("Masked voice");
    await expect(row.getByRole("group", { name: /^Voice whisper from .*, 0:0[1-6]$/ })).toBeVisible();
    const audio = row.locator("audio");
    const shown = Number((await row.locator(".voice-duration").innerText()).split(":")[1]);
    // The clip loads from the server (Range requests), lasts what the label says, and can be sought.
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 15_000 }).toBeGreaterThan(2);
    expect(Math.abs((await audio.evaluate((el: HTMLAudioElement) => el.duration)) - shown)).toBeLessThan(1);
    expect(await seekTo(audio, 1.5)).toBeCloseTo(1.5, 1);
    expect(await seekableEnd(audio)).toBeGreaterThan(2);
    // The masked clip was re-encoded on the device (WAV), and the server answers ranges.
    expect(await firstBytes(audio)).toEqual({ status: 206, type: expect.stringContaining("audio/wav"), magic: "RIFF" });
  } finally {
    await close();
  }
});

test("a voice whisper is heard before it goes: preview plays, record again, discard sends nothing, send works offline", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["mae", "ned"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    const record = async (ms: number) => {
      await a.page.getByRole("button", { name: /^(Record voice|Record again)$/ }).click();
      await a.page.waitForTimeout(ms);
      await a.page.getByRole("button", { name: "Stop recording" }).click();
    };
    const preview = a.page.getByRole("group", { name: "Voice whisper to send" });
    const mine = voiceRows(a.page);
    await record(1500);
    await expect(preview).toBeVisible({ timeout: 20_000 });
    await expect(preview).toContainText("Masked");
    // The text box waits behind the preview; the preview's player plays the masked clip.
    await expect(a.page.getByRole("textbox", { name: "Message" })).toBeHidden();
    const player = preview.locator("audio");
    await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 10_000 }).toBeGreaterThan(1);
    const first = await player.evaluate((el: HTMLAudioElement) => el.duration);
    expect(await player.evaluate(async (el: HTMLAudioElement) => (await el.play().then(() => "playing")))).toBe("playing");
    await a.page.screenshot({ path: "test-results/voice-preview.png" });

    // Record again replaces the clip; discard throws it away.
    await record(3000);
    await expect(preview).toBeVisible({ timeout: 20_000 });
    await expect.poll(() => player.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 10_000 }).toBeGreaterThan(first + 1);
    await preview.getByRole("button", { name: "Discard recording" }).click();
    await expect(preview).toBeHidden();
    await expect(a.page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await expect(mine).toHaveCount(0);

    // Offline: recorded, previewed and sent into the outbox; it arrives once back online.
    await a.context.setOffline(true);
    await record(1500);
    await preview.getByRole("button", { name: "Send voice whisper" }).click({ timeout: 20_000 });
    await expect(preview).toBeHidden();
    await expect(mine).toHaveCount(1);
    await a.context.setOffline(false);
    await expect(mine).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await openConversationNamed(b.page, /Voice whisper/);
    await expect(voiceRows(b.page)).toHaveCount(1);
  } finally {
    await close();
  }
});

test("an unmasked voice whisper (WebM) knows its length and seeks, like a masked one", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["kit", "lee"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await a.page.getByRole("switch", { name: "Mask my voice" }).uncheck({ force: true });
    await expect(a.page.getByRole("switch", { name: "Mask my voice" })).not.toBeChecked();
    await recordAndSend(a.page, 2600);
    const mine = voiceRows(a.page);
    await expect(mine).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await waitForSync(a.page);

    await openConversationNamed(b.page, /Voice whisper/);
    const row = voiceRows(b.page);
    await expect(row).toContainText(/0:0[1-6]/);
    const audio = row.locator("audio");
    // MediaRecorder writes no Duration; the app writes it in before sending, so the player knows the length.
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 15_000 }).toBeGreaterThan(2);
    expect(await audio.evaluate((el: HTMLAudioElement) => Number.isFinite(el.duration))).toBe(true);
    expect(await seekableEnd(audio)).toBeGreaterThan(2);
    expect(await seekTo(audio, 1.5)).toBeCloseTo(1.5, 1);
    expect((await firstBytes(audio)).type).toContain("audio/webm");
  } finally {
    await close();
  }
});

test("an image is compressed, queued and arrives as a thumbnail that opens full size", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["ivy", "jon"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await a.page.getByLabel("Attach image").setInputFiles({ name: "big.png", mimeType: "image/png", buffer: gradientPng(2400, 1800) });
    await expect(a.page.getByRole("img", { name: "Image to send" })).toBeVisible();
    await expect(a.page.getByText(/KB, compressed on this device/)).toBeVisible();
    await sendText(a.page, "A gradient for you");
    const mine = a.page.getByRole("list", { name: "Whispers" }).getByRole("listitem").filter({ hasText: "A gradient for you" });
    await expect(mine.getByRole("button", { name: "Open image full size" })).toBeVisible();
    await expect(mine).toContainText(/Delivered|Read/, { timeout: 30_000 });

    await openConversationNamed(b.page, /A gradient for you/);
    const row = b.page.getByRole("list", { name: "Whispers" }).getByRole("listitem").filter({ hasText: "A gradient for you" });
    const thumb = row.getByRole("img", { name: /Image from/ });
    await expect(thumb).toBeVisible();
    // Compressed on the sender's device: at most 1600 px on the longest edge.
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1600);
    expect(await thumb.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBe(1200);
    await row.getByRole("button", { name: "Open image full size" }).click();
    const dialog = b.page.getByRole("dialog", { name: "Image viewer" });
    await expect(dialog.getByRole("img")).toBeVisible();
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect(dialog).toBeHidden();
    await sendText(b.page, "Lovely");
    await waitForSync(b.page);
  } finally {
    await close();
  }
});
