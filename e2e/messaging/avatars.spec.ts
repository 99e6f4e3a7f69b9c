// Avatars show whole characters as a person sees them: a flag, an emoji with a skin tone, a letter with its accent.
// With WHISPERS_SHOTS=<dir> it saves the conversation and the list, phone and desktop, light and dark.
import type { Locator } from "@playwright/test";
import { dismissNotices, newDevice, openConversationWith, sendText, signUp, uniqueName, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots } from "../support/shots";

/** Half of a surrogate pair on its own: what splitting "🇺🇦" by UTF-16 code units shows as "�". */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

async function expectInitials(avatar: Locator, expected: string): Promise<void> {
  await expect(avatar).toHaveText(expected);
  const text = (await avatar.textContent()) ?? "";
  expect(LONE_SURROGATE.test(text), `no half character in ${JSON.stringify(text)}`).toBe(false);
}

test("initials keep flags, emoji sequences and combining accents whole, in the list and the conversation", async ({ browser, baseURL }) => {
  const a = await newDevice(browser, baseURL!);
  const b = await newDevice(browser, baseURL!);
  const names = { a: uniqueName("emile"), b: uniqueName("oksana") };
  // "É" written as E + a combining acute (two code points, one character); a flag (two regional
  // indicators, four code units); a woman technologist with a skin tone (a ZWJ sequence of seven).
  await signUp(a.page, names.a, "E\u0301mile Zola");
  await signUp(b.page, names.b, "🇺🇦 Оксана");
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await expectInitials(a.page.locator(".chat-head .avatar"), "🇺🇦О");
    await sendText(a.page, "Привіт from Émile");
    await expect(whisper(a.page, "Привіт from Émile")).toContainText(/Delivered|Read/);

    // Oksana's side: the new conversation's row shows Émile's initials, the accent on its letter.
    const row = b.page.getByRole("link", { name: /Привіт from Émile/ });
    await expect(row).toBeVisible();
    await expectInitials(row.locator(".avatar"), "E\u0301Z");
    await dismissNotices(b.page);
    await saveShots(b.page, "avatars-list");

    // A single-word name starting with an emoji sequence keeps the sequence and the next letter.
    await b.page.goto("/settings");
    await b.page.getByRole("textbox", { name: "Display name" }).fill("👩🏽‍💻Oksana");
    await b.page.getByRole("button", { name: "Save profile" }).click();
    await expect(b.page.getByText("Profile saved.")).toBeVisible();
    await waitForSync(b.page);
    await a.page.reload();
    await expectInitials(a.page.locator(".chat-head .avatar"), "👩🏽‍💻O");
    await saveShots(a.page, "avatars-conversation");
    await expectInitials(a.page.locator(".conv-row .avatar").first(), "👩🏽‍💻O");
  } finally {
    await Promise.all([a.context.close(), b.context.close()]);
  }
});
