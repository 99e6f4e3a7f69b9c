// Friends and blocking: a request is accepted; a blocked person's whisper fails with the server's reason, Retry and Discard.
import { dismissNotices, openConversationNamed, openConversationWith, sendText, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

test("friend request, accept, then block: the blocked person's send fails with a reason", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["max", "ned"]);
  try {
    await a.page.goto("/friends");
    await a.page.getByRole("textbox", { name: "Add a friend by username" }).fill(names.b);
    await a.page.getByRole("button", { name: "Send request" }).click();
    await expect(a.page.getByRole("list", { name: "Requests you sent" })).toContainText("Ned");

    await b.page.goto("/friends");
    const incoming = b.page.getByRole("list", { name: "Requests for you" });
    await expect(incoming).toContainText("Max");
    await incoming.getByRole("button", { name: /^Accept/ }).click();
    await expect(b.page.getByRole("list", { name: "Friends" })).toContainText("Max");
    await expect(a.page.getByRole("list", { name: "Friends" })).toContainText("Ned");

    // A whispers B; B blocks A from the conversation.
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Before the block");
    await expect(whisper(a.page, "Before the block")).toContainText(/Delivered|Read/);
    await openConversationNamed(b.page, /Before the block/);
    await dismissNotices(b.page);
    await b.page.getByRole("button", { name: "Conversation actions" }).click();
    await b.page.getByRole("menuitem", { name: "Block" }).click();
    await expect(b.page.getByText(/You blocked Max/)).toBeVisible();
    await waitForSync(b.page);

    await sendText(a.page, "After the block");
    const failed = whisper(a.page, "After the block");
    await expect(failed).toContainText(/Failed: You can't reach this person/, { timeout: 20_000 });
    await expect(failed.getByRole("button", { name: "Retry" })).toBeVisible();
    await failed.getByRole("button", { name: "Retry" }).click();
    await expect(failed).toContainText(/Failed: You can't reach this person/, { timeout: 20_000 });
    await failed.getByRole("button", { name: "Discard" }).click();
    await expect(whisper(a.page, "After the block")).toHaveCount(0);
    await expect(b.page.getByText("After the block")).toHaveCount(0);

    // B unblocks from Friends: A can whisper again.
    await b.page.goto("/friends");
    await b.page.getByRole("list", { name: "Blocked" }).getByRole("button", { name: /^Unblock/ }).click();
    await expect(b.page.getByRole("list", { name: "Blocked" })).toHaveCount(0);
    await waitForSync(b.page);
    await sendText(a.page, "After the unblock");
    await expect(whisper(a.page, "After the unblock")).toContainText(/Delivered|Read/, { timeout: 20_000 });
  } finally {
    await close();
  }
});
