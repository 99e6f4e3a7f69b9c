// A whisper found by search opens where it is: far back in a long conversation, scrolled into view, highlighted, with the focus.
// With WHISPERS_SHOTS=<dir> it saves phone (360 px) and desktop screenshots, light and dark.
import type { Page } from "@playwright/test";
import { fillHistory } from "../../bench/browser/history";
import { dismissNotices, expectNoSeriousA11yViolations, openConversationWith, sendText, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots } from "../support/shots";

const HISTORY = 400;

/** Searches from the top bar's Search button and opens the whisper hit whose text matches `text`. */
async function openHit(page: Page, query: string, text: RegExp) {
  await page.locator(".topbar").getByRole("link", { name: "Search" }).click();
  const field = page.getByRole("searchbox", { name: "Search people, conversations and whispers" });
  await field.fill(query);
  const hit = page.getByRole("region", { name: /^Whispers/ }).getByRole("link", { name: text });
  await expect(hit).toBeVisible({ timeout: 30_000 });
  await hit.click();
}

test("a whisper hundreds back opens scrolled into view and highlighted, from the search results", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { a, names, close } = await twoPeople(browser, baseURL!, ["ola", "pim"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "The newest whisper");
    await expect(whisper(a.page, "The newest whisper")).toContainText(/Delivered|Read/);
    await waitForSync(a.page);
    // 400 older whispers on this device (as if synced long ago); the app indexes them at its next start.
    expect(await fillHistory(a.page, { perConversation: HISTORY, content: "Whisper number {n}, the {n}th of a long history" })).toBe(HISTORY);
    await a.page.reload();
    await expect(whisper(a.page, "The newest whisper")).toBeVisible();
    const conversationUrl = a.page.url();

    // On a phone: the 21st oldest, 380 whispers back (the list holds the newest 60 until one scrolls).
    await a.page.setViewportSize({ width: 360, height: 740 });
    const rows = a.page.getByRole("list", { name: "Whispers" }).getByRole("listitem");
    await expect(rows.filter({ hasText: "Whisper number 20," })).toHaveCount(0);
    await openHit(a.page, "20th", /the 20th of a long history/);
    const found = whisper(a.page, /^Whisper number 20,/);
    await expect(found).toBeInViewport({ ratio: 1 });
    const row = found.locator(".whisper-row");
    await expect(row).toHaveClass(/whisper-found/);
    await expect(row).toBeFocused();
    // The highlight is seen: the row's background is tinted while it lasts, then it fades.
    expect(await row.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe("rgba(0, 0, 0, 0)");
    await a.page.screenshot({ path: test.info().outputPath("found-phone.png") });
    // Shown once: the address is the conversation's own again; the highlight goes; the whisper stays in view.
    await expect(a.page).not.toHaveURL(/whisper=/);
    await expect(row).not.toHaveClass(/whisper-found/, { timeout: 5000 });
    await expect(found).toBeInViewport({ ratio: 1 });
    await expect(a.page.getByRole("button", { name: "Latest" })).toBeVisible();

    // Back returns to the results; another hit, further back still, on a desktop.
    await a.page.goBack();
    await expect(a.page.getByRole("searchbox", { name: "Search people, conversations and whispers" })).toHaveValue("20th");
    await a.page.setViewportSize({ width: 1280, height: 800 });
    await a.page.goto(conversationUrl);
    await expect(whisper(a.page, "The newest whisper")).toBeVisible();
    await openHit(a.page, "3th", /the 3th of a long history/);
    const oldest = whisper(a.page, /^Whisper number 3,/);
    await expect(oldest).toBeInViewport({ ratio: 1 });
    await expect(oldest.locator(".whisper-row")).toHaveClass(/whisper-found/);
    await a.page.screenshot({ path: test.info().outputPath("found-desktop.png") });
    await expectNoSeriousA11yViolations(a.page, "a whisper opened from search");
    await dismissNotices(a.page);
    await saveShots(a.page, "search-open-whisper", oldest);
  } finally {
    await close();
  }
});
