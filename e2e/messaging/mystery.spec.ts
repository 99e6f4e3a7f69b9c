// Mystery whispers and unmasking: the recipient sees "Someone" and never the sender; accepting reveals both names.
import { dismissNotices, newDevice, openConversationNamed, openConversationWith, sendText, signUp, uniqueName, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

test("a mystery whisper shows Someone until both agree to unmask", async ({ browser, baseURL }) => {
  const a = await newDevice(browser, baseURL!);
  const b = await newDevice(browser, baseURL!);
  const sender = uniqueName("kim");
  const recipient = uniqueName("lou");
  try {
    await signUp(a.page, sender, "Kim Secret", { firstName: "Kimberly", lastName: "Quill" });
    await signUp(b.page, recipient, "Lou", { firstName: "Louis", lastName: "Park" });

    await openConversationWith(a.page, recipient, { mystery: true });
    await dismissNotices(a.page);
    await expect(a.page.getByText("You're whispering as Someone")).toBeVisible();
    await expect(a.page.getByRole("checkbox", { name: "Mystery whisper" })).toBeChecked();
    await sendText(a.page, "Guess who this is");
    await expect(whisper(a.page, "Guess who this is")).toContainText("Mystery");
    await waitForSync(a.page);

    const row = b.page.getByRole("link", { name: /Guess who this is/ });
    await expect(row).toContainText("Someone");
    await openConversationNamed(b.page, /Guess who this is/);
    await expect(b.page.getByRole("heading", { name: "Someone", level: 1 })).toBeVisible();
    const leaks = async () => (await b.page.content()).match(new RegExp(`${sender}|Kim Secret|Kimberly|Quill`, "g")) ?? [];
    expect(await leaks()).toEqual([]);
    await dismissNotices(b.page);
    await sendText(b.page, "Who are you?");
    await expect(whisper(a.page, "Who are you?")).toBeVisible();

    // B asks to unmask; A accepts; both learn the other's real name.
    await b.page.getByRole("button", { name: "Conversation actions" }).click();
    await b.page.getByRole("menuitem", { name: "Request unmasking" }).click();
    await expect(b.page.getByText("Unmasking requested.", { exact: false }).first()).toBeVisible();
    await a.page.getByRole("button", { name: "Accept unmasking" }).click();
    await expect(a.page.locator(".chat-sub")).toContainText("Louis Park");
    await expect(b.page.locator(".chat-sub")).toContainText("Kimberly Quill");
    await expect(b.page.getByRole("heading", { name: "Kim Secret", level: 1 })).toBeVisible();
  } finally {
    await Promise.all([a.context.close(), b.context.close()]);
  }
});
