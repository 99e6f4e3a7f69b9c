// A whisper written offline shows the time it was written — while it waits, after delivery, and on the other side.
import type { Locator } from "@playwright/test";
import { SHOWN_DELAY_MS } from "../../convex/model/whispers";
import { dismissNotices, openConversationNamed, openConversationWith, sendText, syncStatus, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

/** The bubble's time: what it says ("2:49 PM") and the instant behind it. */
async function shownTime(bubble: Locator): Promise<{ label: string; at: number }> {
  const time = bubble.locator("time").first();
  return { label: (await time.textContent()) ?? "", at: Date.parse((await time.getAttribute("datetime")) ?? "") };
}

test("a whisper written offline keeps the time it was written after it is delivered minutes later, on both sides", async ({ browser, baseURL }) => {
  test.setTimeout(480_000);
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["tia", "ugo"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Before the tunnel");
    await expect(whisper(a.page, "Before the tunnel")).toContainText(/Delivered|Read/);
    await openConversationNamed(b.page, /Before the tunnel/);
    // Written and delivered on the same day (a bubble shows the date with a time of another day).
    const beforeMidnight = await a.page.evaluate(() => {
      const midnight = new Date();
      midnight.setHours(24, 0, 0, 0);
      return midnight.getTime() - Date.now();
    });
    if (beforeMidnight < SHOWN_DELAY_MS + 60_000) await a.page.waitForTimeout(beforeMidnight + 1_000);

    await a.context.setOffline(true);
    await expect(syncStatus(a.page)).toContainText("Offline");
    const writtenFrom = Date.now();
    await sendText(a.page, "Written in the tunnel");
    const pending = whisper(a.page, "Written in the tunnel");
    await expect(pending).toContainText("Pending");
    const written = await shownTime(pending);
    expect(written.at).toBeGreaterThanOrEqual(writtenFrom - 1_000);
    expect(written.at).toBeLessThanOrEqual(Date.now());

    // Out of the tunnel minutes later, past the delay from which its recipient is shown the writing
    // time too (a shorter wait shows them when it arrived): delivery's time is another minute.
    await a.page.waitForTimeout(written.at + SHOWN_DELAY_MS + 5_000 - Date.now());
    await a.context.setOffline(false);
    const delivered = whisper(a.page, "Written in the tunnel");
    await expect(delivered).toContainText(/Delivered|Read/, { timeout: 30_000 });
    await waitForSync(a.page);
    expect(await shownTime(delivered)).toEqual(written);

    // The other side shows the same minute (to the minute: no seconds of another device's clock), also after a reload.
    const minute = Math.floor(written.at / 60_000) * 60_000;
    const received = whisper(b.page, "Written in the tunnel");
    await expect(received).toHaveCount(1);
    expect(await shownTime(received)).toEqual({ label: written.label, at: minute });
    await b.page.reload();
    expect(await shownTime(whisper(b.page, "Written in the tunnel"))).toEqual({ label: written.label, at: minute });

    // Order follows delivery: a whisper sent now lands after it, with its own (later) time.
    await sendText(a.page, "Out of the tunnel");
    const after = whisper(a.page, "Out of the tunnel");
    await expect(after).toContainText(/Delivered|Read/);
    const now = await shownTime(after);
    expect(now.at).toBeGreaterThanOrEqual(written.at + SHOWN_DELAY_MS);
    expect(now.label).not.toBe(written.label);
    const texts = await a.page.locator(".whisper-text").allTextContents();
    expect(texts.indexOf("Written in the tunnel")).toBeLessThan(texts.indexOf("Out of the tunnel"));
  } finally {
    await close();
  }
});
