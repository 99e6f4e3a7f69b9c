// Phone layout (360 px): the message box gets most of the row, a voice whisper's seek bar most of its bubble, nothing scrolls sideways.
// With WHISPERS_SHOTS=<dir> it saves phone (360 px) and desktop screenshots, light and dark.
import type { Page } from "@playwright/test";
import { dismissNotices, expectNoSeriousA11yViolations, openConversationNamed, openConversationWith, sendText, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots } from "../support/shots";

const PHONE = { width: 360, height: 740 };

/** What a phone user works with: the message box's width, each seek bar's, and how far the page scrolls sideways. */
async function measure(page: Page) {
  return page.evaluate(() => ({
    box: document.querySelector(".composer-input")?.getBoundingClientRect().width ?? 0,
    seeks: [...document.querySelectorAll('input[type="range"][aria-label="Seek"]')].map((el) => el.getBoundingClientRect().width),
    overflow: document.scrollingElement!.scrollWidth - innerWidth,
  }));
}

test("at 360 px the message box takes most of the row and a voice whisper's seek bar most of its bubble; the player plays and seeks", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["pia", "rob"]);
  try {
    for (const p of [a.page, b.page]) await p.setViewportSize(PHONE);
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    const composer = a.page.getByRole("form", { name: "Write a whisper" });
    const box = a.page.getByRole("textbox", { name: "Message" });

    // Nothing written: Record voice where Send goes. Something written: Send and Schedule, Record voice gone.
    await expect(composer.getByRole("button", { name: "Record voice" })).toBeVisible();
    await expect(composer.getByRole("button", { name: "Send", exact: true })).toHaveCount(0);
    const empty = await measure(a.page);
    await box.fill("Hi there, a voice note follows");
    await expect(composer.getByRole("button", { name: "Record voice" })).toHaveCount(0);
    await expect(composer.getByRole("button", { name: "Schedule" })).toBeVisible();
    const typing = await measure(a.page);
    for (const seen of [empty, typing]) {
      expect(seen.box).toBeGreaterThanOrEqual(0.55 * PHONE.width);
      expect(seen.overflow).toBeLessThanOrEqual(0);
    }
    await a.page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(whisper(a.page, "Hi there")).toBeVisible();
    await expect(box).toBeFocused();

    // Recording takes the box's place; the preview's seek bar has room too.
    await composer.getByRole("button", { name: "Record voice" }).click();
    await expect(composer.getByRole("status").filter({ hasText: "Recording" })).toBeVisible();
    await expect(box).toBeHidden();
    await a.page.waitForTimeout(2500);
    await composer.getByRole("button", { name: "Stop recording" }).click();
    const preview = a.page.getByRole("group", { name: "Voice whisper to send" });
    await expect(preview).toBeVisible({ timeout: 20_000 });
    const previewed = await measure(a.page);
    expect(previewed.seeks).toHaveLength(1);
    expect(previewed.seeks[0]).toBeGreaterThanOrEqual(140);
    expect(previewed.overflow).toBeLessThanOrEqual(0);
    await saveShots(a.page, "phone-voice-preview");
    await a.page.setViewportSize(PHONE);
    await preview.getByRole("button", { name: "Send voice whisper" }).click();
    await expect(composer.getByRole("button", { name: "Record voice" })).toBeVisible({ timeout: 20_000 });
    await waitForSync(a.page);

    await openConversationNamed(b.page, /Voice whisper/);
    await dismissNotices(b.page);
    await sendText(b.page, "Got it, listening now");
    await expect(whisper(a.page, "Got it")).toBeVisible();
    for (const page of [a.page, b.page]) {
      const seen = await measure(page);
      expect(seen.seeks).toHaveLength(1);
      expect(seen.seeks[0]).toBeGreaterThanOrEqual(140);
      expect(seen.box).toBeGreaterThanOrEqual(0.55 * PHONE.width);
      expect(seen.overflow).toBeLessThanOrEqual(0);
    }

    // The player: Play plays, the bar follows, arrow keys and the bar seek.
    const player = b.page.getByRole("group", { name: /^Voice whisper from .*, 0:0[1-6]$/ });
    const audio = player.locator("audio");
    const seek = player.getByRole("slider", { name: "Seek" });
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.duration), { timeout: 15_000 }).toBeGreaterThan(1);
    await player.getByRole("button", { name: "Play" }).click();
    await expect(player.getByRole("button", { name: "Pause" })).toBeVisible();
    await expect.poll(() => seek.evaluate((el: HTMLInputElement) => Number(el.value))).toBeGreaterThan(0.2);
    await player.getByRole("button", { name: "Pause" }).click();
    await expect(player.getByRole("button", { name: "Play" })).toBeVisible();
    await seek.press("Home");
    await seek.press("ArrowRight");
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeCloseTo(1, 1);
    await expect(seek).toHaveAttribute("aria-valuetext", /^0:01 of 0:0[1-6]$/);
    await expect(player).toContainText(/0:01 \/ 0:0[1-6]/);
    await seek.fill("0.5");
    await expect.poll(() => audio.evaluate((el: HTMLAudioElement) => el.currentTime)).toBeCloseTo(0.5, 1);
    await expectNoSeriousA11yViolations(b.page, "a voice whisper's player at 360 px");
    await saveShots(b.page, "phone-voice-received", whisper(b.page, "Got it"));
    await saveShots(a.page, "phone-voice-sent");
  } finally {
    await close();
  }
});
