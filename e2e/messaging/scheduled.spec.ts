// Scheduled whispers: listed under Scheduled with Cancel, and delivered to the other person when the time comes.
import type { Page } from "@playwright/test";
import { dismissNotices, openConversationNamed, openConversationWith, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

/** Fills the Schedule dialog for `minutesAhead` minutes from now (local time, whole minutes). */
async function schedule(page: Page, text: string, minutesAhead: number): Promise<void> {
  await page.getByRole("textbox", { name: "Message" }).fill(text);
  await page.getByRole("button", { name: "Schedule", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule a whisper" });
  const { date, time } = await page.evaluate((minutes) => {
    const d = new Date(Date.now() + minutes * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
  }, minutesAhead);
  await dialog.getByLabel("Date").fill(date);
  await dialog.getByLabel("Time").fill(time);
  await dialog.getByRole("button", { name: "Schedule whisper" }).click();
  await expect(dialog).toBeHidden();
}

test("a scheduled whisper waits in Scheduled, can be cancelled, and arrives on time", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["oli", "pam"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await schedule(a.page, "This one arrives later", 2);
    await schedule(a.page, "This one gets cancelled", 30);
    await expect(whisper(a.page, "This one arrives later")).toHaveCount(0);
    await waitForSync(a.page);

    await a.page.goto("/scheduled");
    const list = a.page.getByRole("list", { name: "Scheduled whispers" });
    await expect(list.getByRole("listitem")).toHaveCount(2);
    await expect(list).toContainText("This one arrives later");
    await list.getByRole("listitem").filter({ hasText: "This one gets cancelled" }).getByRole("button", { name: /^Cancel/ }).click();
    await expect(list.getByRole("listitem")).toHaveCount(1);
    await waitForSync(a.page);

    // Nothing reached B yet; the cron delivers it within a minute of its time.
    await b.page.goto("/");
    await expect(b.page.getByText("This one arrives later")).toHaveCount(0);
    await expect(b.page.getByRole("link", { name: /This one arrives later/ })).toBeVisible({ timeout: 240_000 });
    await openConversationNamed(b.page, /This one arrives later/);
    await expect(whisper(b.page, "This one arrives later")).toHaveCount(1);
    await expect(b.page.getByText("This one gets cancelled")).toHaveCount(0);
    await expect(a.page.getByRole("list", { name: "Scheduled whispers" })).toHaveCount(0);
  } finally {
    await close();
  }
});
