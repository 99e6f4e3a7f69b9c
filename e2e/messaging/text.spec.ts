// Two people on two devices: a text whisper arrives live, reactions and a reply chain travel both ways.
import { dismissNotices, newDevice, openConversationNamed, openConversationWith, sendText, signIn, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";

test("a whisper arrives live, gets a reaction and a reply in a chain", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Hello from the other device");
    await expect(whisper(a.page, "Hello from the other device")).toContainText(/Delivered|Read/);

    // B was on the conversation list: the new conversation shows up live, with its unread count.
    const row = b.page.getByRole("link", { name: /Hello from the other device/ });
    await expect(row).toBeVisible();
    await expect(row).toContainText("1 unread");
    await openConversationNamed(b.page, /Hello from the other device/);
    await expect(whisper(b.page, "Hello from the other device")).toHaveCount(1);
    await dismissNotices(b.page);

    // B reacts; A sees the count and who.
    await whisper(b.page, "Hello from the other device").getByRole("button", { name: "React", exact: true }).click();
    await b.page.getByRole("button", { name: "React with ❤️" }).click();
    await expect(a.page.getByRole("button", { name: /❤️ 1: .*Ben/ })).toBeVisible();

    // A reads B's reply once B answers in a chain; the reply names what it answers.
    await whisper(b.page, "Hello from the other device").getByRole("button", { name: "Reply in a chain" }).click();
    await expect(b.page.getByText("Replying to")).toBeVisible();
    await sendText(b.page, "Replying in a chain");
    await expect(whisper(a.page, "Replying in a chain")).toContainText("Hello from the other device");
    await whisper(a.page, "Replying in a chain").getByRole("link", { name: "View chain" }).click();
    await expect(a.page.getByRole("heading", { name: "Whisper chain" })).toBeVisible();
    const chain = a.page.getByRole("list", { name: "Whispers in this chain" });
    await expect(chain.locator(":scope > li")).toHaveCount(2);
    await sendText(a.page, "Continuing the chain");
    await expect(chain.locator(":scope > li")).toHaveCount(3);
    await expect(whisper(b.page, "Continuing the chain")).toBeVisible();

    // Read receipts: B has the conversation open, so A's whisper turns "Read".
    await a.page.goBack();
    await expect(whisper(a.page, "Hello from the other device")).toContainText("Read");
    await waitForSync(a.page);

    // A signs in on a new device: the history arrives by pull, A's own whispers under their clientId and
    // B's reply naming its parent by server id; the reply still quotes A's whisper and the chain is whole.
    const a2 = await newDevice(browser, baseURL!);
    try {
      await signIn(a2.page, names.a);
      await waitForSync(a2.page);
      await openConversationNamed(a2.page, /Continuing the chain/);
      await expect(whisper(a2.page, "Replying in a chain")).toContainText("Hello from the other device");
      await whisper(a2.page, "Hello from the other device").getByRole("link", { name: "View chain" }).click();
      await expect(a2.page.getByRole("list", { name: "Whispers in this chain" }).locator(":scope > li")).toHaveCount(3);
    } finally {
      await a2.context.close();
    }
  } finally {
    await close();
  }
});

test("pin, archive, close and reopen a conversation", async ({ browser, baseURL }) => {
  const { a, names, close } = await twoPeople(browser, baseURL!, ["cat", "dan"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Something to archive");
    // Committed on this device (a reload in the same instant would abort the write).
    await expect(whisper(a.page, "Something to archive")).toBeVisible();
    await waitForSync(a.page);
    await a.page.goto("/");
    const actionsFor = a.page.getByRole("button", { name: /Actions for the conversation with Dan/ });
    await actionsFor.click();
    await a.page.getByRole("menuitem", { name: "Pin" }).click();
    await expect(a.page.getByRole("link", { name: /Dan.*Pinned/ })).toBeVisible();
    await actionsFor.click();
    await a.page.getByRole("menuitem", { name: "Close" }).click();
    await expect(a.page.getByRole("link", { name: /Dan/ })).toContainText("Closed");
    await a.page.getByRole("link", { name: /Dan/ }).click();
    await expect(a.page.getByText("This conversation is closed.")).toBeVisible();
    await expect(a.page.getByRole("textbox", { name: "Message" })).toHaveCount(0);
    await a.page.getByRole("button", { name: "Reopen", exact: true }).click();
    await expect(a.page.getByRole("textbox", { name: "Message" })).toBeVisible();
    await a.page.getByRole("button", { name: "Conversation actions" }).click();
    await a.page.getByRole("menuitem", { name: "Archive" }).click();
    // Saved on this device before the page is reloaded (a reload in the same instant aborts the write).
    await expect(a.page.getByText("Archived.")).toBeVisible();
    await a.page.goto("/");
    await expect(a.page.getByRole("link", { name: /Dan/ })).toHaveCount(0);
    await a.page.getByRole("link", { name: "Archived" }).click();
    await expect(a.page.getByRole("heading", { name: "Archived" })).toBeVisible();
    await expect(a.page.getByRole("link", { name: /Dan/ })).toBeVisible();
    await waitForSync(a.page);
  } finally {
    await close();
  }
});

test("the conversation works from the keyboard", async ({ browser, baseURL }) => {
  const { a, names, close } = await twoPeople(browser, baseURL!, ["yan", "zoe"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await a.page.getByRole("textbox", { name: "Message" }).focus();
    await a.page.keyboard.type("Typed with the keyboard");
    await a.page.keyboard.press("Enter");
    await expect(whisper(a.page, "Typed with the keyboard")).toBeVisible();
    await expect(a.page.getByRole("textbox", { name: "Message" })).toBeFocused();

    // The actions menu: open with Enter, move with arrows, choose with Enter, Escape closes.
    const menuButton = a.page.getByRole("button", { name: "Conversation actions" });
    await menuButton.focus();
    await a.page.keyboard.press("Enter");
    await expect(a.page.getByRole("menuitem", { name: "Pin" })).toBeFocused();
    await a.page.keyboard.press("ArrowDown");
    await expect(a.page.getByRole("menuitem", { name: "Archive" })).toBeFocused();
    await a.page.keyboard.press("Escape");
    await expect(a.page.getByRole("menu")).toHaveCount(0);
    await expect(menuButton).toBeFocused();
    await a.page.keyboard.press("Enter");
    await a.page.keyboard.press("Enter");
    await expect(a.page.getByText("Pinned to the top.")).toBeVisible();

    // React from the keyboard; the visible focus ring is there.
    const react = whisper(a.page, "Typed with the keyboard").getByRole("button", { name: "React", exact: true });
    await react.focus();
    expect(await react.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe("none");
    await a.page.keyboard.press("Enter");
    await a.page.getByRole("button", { name: "React with 👍" }).focus();
    await a.page.keyboard.press("Enter");
    await expect(whisper(a.page, "Typed with the keyboard").getByRole("button", { name: /👍 1: You/ })).toBeVisible();
    await waitForSync(a.page);
  } finally {
    await close();
  }
});

test("deleting a whisper asks first, then it is gone from both devices (and one still on the device is just withdrawn)", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["eve", "fin"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "Keep this one");
    await sendText(a.page, "Sent by mistake");
    await expect(whisper(a.page, "Sent by mistake")).toContainText(/Delivered|Read/);
    await openConversationNamed(b.page, /Sent by mistake/);
    await expect(whisper(b.page, "Sent by mistake")).toBeVisible();
    // Only one's own whispers can be deleted.
    await expect(whisper(b.page, "Sent by mistake").getByRole("button", { name: "Delete this whisper" })).toHaveCount(0);

    await whisper(a.page, "Sent by mistake").getByRole("button", { name: "Delete this whisper" }).click();
    const dialog = a.page.getByRole("dialog", { name: "Delete this whisper?" });
    await expect(dialog).toContainText(`It disappears for you and for Fin ${names.b.slice(-4)}`);
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(whisper(a.page, "Sent by mistake")).toBeVisible();
    await whisper(a.page, "Sent by mistake").getByRole("button", { name: "Delete this whisper" }).click();
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(whisper(a.page, "Sent by mistake")).toHaveCount(0);
    await expect(whisper(b.page, "Sent by mistake")).toHaveCount(0, { timeout: 20_000 });
    await expect(whisper(b.page, "Keep this one")).toBeVisible();

    // Offline, a whisper that never left is withdrawn: nothing reaches the other device later.
    await a.context.setOffline(true);
    await sendText(a.page, "Never mind");
    await whisper(a.page, "Never mind").getByRole("button", { name: "Delete this whisper" }).click();
    await expect(dialog).toContainText("It hasn't left this device yet");
    await dialog.getByRole("button", { name: "Delete" }).click();
    await expect(whisper(a.page, "Never mind")).toHaveCount(0);
    await a.context.setOffline(false);
    await waitForSync(a.page);
    await sendText(a.page, "Back online");
    await expect(whisper(b.page, "Back online")).toBeVisible({ timeout: 20_000 });
    await expect(whisper(b.page, "Never mind")).toHaveCount(0);
  } finally {
    await close();
  }
});
