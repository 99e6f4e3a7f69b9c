// Search as a person uses it: type, see people, conversations and whispers appear (offline too), open one; a mystery sender stays hidden; deleted whispers go.
// With WHISPERS_SHOTS=<dir> it saves phone (360 px) and desktop screenshots, light and dark.
import type { Page } from "@playwright/test";
import { dismissNotices, expectNoSeriousA11yViolations, openConversationNamed, openConversationWith, sendText, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots } from "../support/shots";

/** The search field, reached the way a person would: the top bar's Search button. */
async function openSearch(page: Page) {
  await page.locator(".topbar").getByRole("link", { name: "Search" }).click();
  await page.waitForURL(/\/search/);
  const field = page.getByRole("searchbox", { name: "Search people, conversations and whispers" });
  await expect(field).toBeFocused();
  return field;
}

const group = (page: Page, name: "People" | "Conversations" | "Whispers") => page.getByRole("region", { name: new RegExp(`^${name}`) });

test("search finds people, conversations and whispers as one types, offline too, and opens them", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["noor", "tomas"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    for (const text of ["Meet me at the Café tomorrow at nine?", "مرحبا، هل أنت بخير؟", "Party tonight 🎉 bring snacks", "我们明天去东京吧", "Sent by mistake: the secret code"]) {
      await sendText(a.page, text);
      await expect(whisper(a.page, text)).toContainText(/Delivered|Read/);
    }
    // A mystery whisper from the same person: B must never learn it is Noor's.
    await openConversationWith(a.page, names.b, { mystery: true });
    await sendText(a.page, "A mystery hello from a secret admirer");
    await expect(whisper(a.page, "A mystery hello from a secret admirer")).toContainText(/Delivered|Read/);
    await waitForSync(b.page);

    const field = await openSearch(b.page);
    // Results as one types: the whisper shows with its match marked, newest first.
    await field.pressSequentially("caf", { delay: 80 });
    const whispers = group(b.page, "Whispers");
    await expect(whispers.getByRole("link", { name: /Meet me at the Café tomorrow/ })).toBeVisible({ timeout: 15_000 });
    await expect(whispers.locator("mark").first()).toHaveText("Caf");
    await field.pressSequentially("e tomo", { delay: 60 });
    await expect(whispers.locator("mark")).toHaveText(["Café", "tomo"]);

    // The person and the conversation by name; the mystery conversation is not among them.
    await field.fill("noor");
    await expect(group(b.page, "People").getByRole("button", { name: new RegExp(`Noor`) })).toBeVisible();
    const conversations = group(b.page, "Conversations");
    await expect(conversations.getByRole("link")).toHaveCount(1);
    await expect(conversations.getByRole("link").first()).not.toContainText("Someone");
    await field.fill("admirer");
    await expect(whispers.getByRole("link")).toHaveCount(1);
    await expect(whispers.getByRole("link").first()).toContainText("Someone");
    await expect(whispers.getByRole("link").first()).not.toContainText("Noor");

    // Other scripts and emoji: Arabic, Chinese (a word inside a sentence), an emoji.
    await field.fill("بخير");
    await expect(whispers.getByRole("link", { name: /مرحبا/ })).toBeVisible();
    await field.fill("东京");
    await expect(whispers.getByRole("link", { name: /我们明天去东京吧/ })).toBeVisible();
    await field.fill("🎉");
    await expect(whispers.getByRole("link", { name: /Party tonight/ })).toBeVisible();
    await field.fill("zzqx");
    await expect(b.page.getByText("Nothing on this device matches “zzqx”.")).toBeVisible();

    // Offline: everything is on the device.
    await b.context.setOffline(true);
    await field.fill("bring sna");
    await expect(whispers.getByRole("link", { name: /Party tonight/ })).toBeVisible();
    await field.fill("café");
    const hit = whispers.getByRole("link", { name: /Meet me at the Café tomorrow/ });
    await expect(hit).toBeVisible();
    await dismissNotices(b.page);
    await saveShots(b.page, "search-results");
    await expectNoSeriousA11yViolations(b.page, "search results");
    // One letter: all three groups at once.
    await field.fill("n");
    await expect(group(b.page, "People")).toBeVisible();
    await expect(group(b.page, "Whispers").getByRole("link", { name: /nine/ })).toBeVisible();
    await dismissNotices(b.page);
    await saveShots(b.page, "search-groups");
    await expectNoSeriousA11yViolations(b.page, "search groups");
    await field.fill("café");
    await expect(hit).toBeVisible();

    // Opening a whisper opens its conversation, where it is; Back returns to the results.
    await hit.click();
    await b.page.waitForURL(/\/c\/[^/]+$/);
    await expect(whisper(b.page, "Meet me at the Café tomorrow at nine?")).toBeVisible();
    await b.page.goBack();
    await expect(b.page.getByRole("searchbox", { name: "Search people, conversations and whispers" })).toHaveValue("café");
    await expect(group(b.page, "Whispers").getByRole("link", { name: /Meet me at the Café/ })).toBeVisible();
    await b.context.setOffline(false);

    // A deleted whisper leaves the results on the other device.
    await openConversationNamed(a.page, /Sent by mistake/);
    await whisper(a.page, "Sent by mistake: the secret code").getByRole("button", { name: "Delete this whisper" }).click();
    await a.page.getByRole("dialog", { name: "Delete this whisper?" }).getByRole("button", { name: "Delete" }).click();
    await expect(whisper(a.page, "Sent by mistake: the secret code")).toHaveCount(0);
    const searchbox = b.page.getByRole("searchbox", { name: "Search people, conversations and whispers" });
    await searchbox.fill("secret");
    await expect(group(b.page, "Whispers").getByRole("link")).toHaveCount(1, { timeout: 20_000 });
    await expect(group(b.page, "Whispers").getByRole("link").first()).toContainText("secret admirer");

    // The empty screen and the keyboard way in: Ctrl+K from anywhere.
    await b.page.goto("/");
    // The app itself, not the start-up snapshot of the inbox shown while it starts.
    await expect(b.page.locator("#root .conv-list .conv-row").first()).toBeVisible();
    await b.page.keyboard.press("Control+k");
    await expect(b.page.getByRole("searchbox", { name: "Search people, conversations and whispers" })).toBeFocused();
    await dismissNotices(b.page);
    await saveShots(b.page, "search-empty");
  } finally {
    await close();
  }
});
