// "Block this sender" in a mystery conversation: asked first, works offline (queued), the composer gives way to a banner, the sender is refused; Unblock lets them in again.
// With WHISPERS_SHOTS=<dir> it saves screenshots of the menu, the question and the blocked conversation.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  dismissNotices,
  expectNoSeriousA11yViolations,
  openConversationNamed,
  openConversationWith,
  sendText,
  twoPeople,
  waitForSync,
  whisper,
} from "../support/app";
import { expect, test } from "../support/fixtures";

const SHOTS = process.env.WHISPERS_SHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

test("the recipient blocks a mystery sender (offline), can't be reached or reply, and unblocks", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const { a: sender, b: recipient, names, close } = await twoPeople(browser, baseURL!, ["masked", "target"]);
  try {
    await openConversationWith(sender.page, names.b, { mystery: true });
    await dismissNotices(sender.page);
    await sendText(sender.page, "Guess who keeps writing");
    await waitForSync(sender.page);

    const page = recipient.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openConversationNamed(page, /Guess who keeps writing/);
    await dismissNotices(page);
    await expect(page.getByRole("heading", { name: "Someone", level: 1 })).toBeVisible();
    const composer = page.getByRole("textbox", { name: "Message" });
    const banner = page.getByRole("status").filter({ hasText: "You blocked this sender." });

    // Offline: the block is queued and shows at once.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    await recipient.context.setOffline(true);
    await page.getByRole("button", { name: "Conversation actions" }).click();
    const item = page.getByRole("menuitem", { name: "Block this sender" });
    await expect(item).toBeVisible();
    // Nothing on this side names the hidden sender, so there is no person to block.
    await expect(page.getByRole("menuitem", { name: "Block", exact: true })).toHaveCount(0);
    await shot(page, "block-sender-menu");
    await item.click();
    const question = page.getByRole("dialog", { name: "Block this sender?" });
    await expect(question).toBeVisible();
    await shot(page, "block-sender-confirm");
    await expectNoSeriousA11yViolations(page, "Block this sender? dialog");
    await question.getByRole("button", { name: "Cancel" }).click();
    await expect(question).toBeHidden();
    await expect(composer).toBeVisible();

    await page.getByRole("button", { name: "Conversation actions" }).click();
    await page.getByRole("menuitem", { name: "Block this sender" }).click();
    await question.getByRole("button", { name: "Block", exact: true }).click();
    await expect(banner).toBeVisible();
    await expect(composer).toHaveCount(0);
    await expect(page.locator(".topbar").getByRole("status")).toHaveText(/Offline · \d+ waiting/);

    await recipient.context.setOffline(false);
    await waitForSync(page);
    await dismissNotices(page);
    await shot(page, "block-sender-blocked");
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, "block-sender-blocked-phone");
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectNoSeriousA11yViolations(page, "blocked mystery conversation");

    // The sender is refused with the same message as any block, and the whisper never arrives.
    await sendText(sender.page, "Still there?");
    await expect(whisper(sender.page, "Still there?")).toContainText(/Failed: You can't reach this person/, { timeout: 20_000 });
    await page.reload();
    await expect(banner).toBeVisible();
    await expect(composer).toHaveCount(0);
    await expect(whisper(page, "Still there?")).toHaveCount(0);

    // Unblock from the banner: the composer is back and the sender gets through again.
    await banner.getByRole("button", { name: "Unblock" }).click();
    await expect(composer).toBeVisible();
    await waitForSync(page);
    await sendText(sender.page, "Sorry, one more");
    await expect(whisper(page, "Sorry, one more")).toBeVisible({ timeout: 20_000 });
    await page.getByRole("button", { name: "Conversation actions" }).click();
    await expect(page.getByRole("menuitem", { name: "Block this sender" })).toBeVisible();
  } finally {
    await close();
  }
});
