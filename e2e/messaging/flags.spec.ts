// Feature flags: what an admin turns off disappears from the conversation (voice, images, mystery, schedule, chains, unmasking).
import { dismissNotices, mutateAs, openConversationWith, sendText, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

const FLAGS = ["VOICE_WHISPERS", "IMAGE_WHISPERS", "MYSTERY_WHISPERS", "SCHEDULED_WHISPERS", "WHISPER_CHAINS", "UNMASKING"];

test("turned-off features are hidden, and come back when turned on", async ({ browser, baseURL }) => {
  const { a, names, close } = await twoPeople(browser, baseURL!, ["wes", "xia"]);
  const setAll = (enabled: boolean) => Promise.all(FLAGS.map((name) => mutateAs(baseURL!, "admin", "featureFlags:set", { name, enabled })));
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Flags test");
    await expect(whisper(a.page, "Flags test")).toContainText(/Delivered|Read/);
    const composer = a.page.getByRole("form", { name: "Write a whisper" });
    await expect(composer.getByRole("button", { name: "Record voice" })).toBeVisible();

    await setAll(false);
    await expect(composer.getByRole("button", { name: "Record voice" })).toHaveCount(0);
    await expect(composer.getByRole("switch", { name: "Mask my voice" })).toHaveCount(0);
    await expect(composer.getByLabel("Attach image")).toHaveCount(0);
    await expect(composer.getByRole("checkbox", { name: "Mystery whisper" })).toHaveCount(0);
    await expect(composer.getByRole("button", { name: "Schedule" })).toHaveCount(0);
    await expect(whisper(a.page, "Flags test").getByRole("button", { name: "Reply in a chain" })).toHaveCount(0);
    await a.page.getByRole("button", { name: "Conversation actions" }).click();
    await expect(a.page.getByRole("menuitem", { name: "Request unmasking" })).toHaveCount(0);
    await a.page.keyboard.press("Escape");

    await setAll(true);
    await expect(composer.getByRole("button", { name: "Record voice" })).toBeVisible();
    await expect(composer.getByRole("checkbox", { name: "Mystery whisper" })).toBeVisible();
    await waitForSync(a.page);
  } finally {
    await setAll(true);
    await close();
  }
});
