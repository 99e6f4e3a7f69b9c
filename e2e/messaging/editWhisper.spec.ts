// Editing a sent whisper: the other side sees the new text and "edited" live; an edit made offline is applied once; Edit goes when the window closes.
import type { Page } from "@playwright/test";
import { dismissNotices, expectNoSeriousA11yViolations, openConversationNamed, openConversationWith, sendText, syncStatus, twoPeople, waitForSync, whisper } from "../support/app";
import { expect, test } from "../support/fixtures";
import { saveShots } from "../support/shots";

type Seen = { content: string; editedAt?: number; fromViewer: boolean };

/** whispers:listConversation over the HTTP API as `username` (dev sign-in token): what the server holds. */
async function serverWhispers(baseURL: string, username: string, conversationId: string): Promise<Seen[]> {
  const tokenResponse = await fetch(`${baseURL}/auth/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username }),
  });
  const { token } = (await tokenResponse.json()) as { token: string };
  const response = await fetch(`${baseURL}/api/query`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      path: "whispers:listConversation",
      args: { conversationId, paginationOpts: { numItems: 50, cursor: null } },
      format: "json",
    }),
  });
  const body = (await response.json()) as { status: string; value?: { page: Seen[] }; errorMessage?: string };
  if (body.status !== "success") throw new Error(`listConversation failed: ${body.errorMessage}`);
  return body.value!.page;
}

/** Opens the editor on `text`, replaces it with `next` and presses Enter. */
async function editTo(page: Page, text: string, next: string): Promise<void> {
  await whisper(page, text).getByRole("button", { name: "Edit this whisper" }).click();
  const field = page.getByRole("dialog", { name: "Edit whisper" }).getByRole("textbox", { name: "Whisper text" });
  await expect(field).toHaveValue(text);
  await field.fill(next);
  await field.press("Enter");
  await expect(page.getByRole("dialog", { name: "Edit whisper" })).toBeHidden();
}

test("edit a whisper: live on the other side, offline exactly once, and not after the window", async ({ browser, baseURL }) => {
  const { a, b, names, close } = await twoPeople(browser, baseURL!, ["gus", "hal"]);
  try {
    await openConversationWith(a.page, names.b);
    await dismissNotices(a.page);
    await sendText(a.page, "See you at 7");
    await expect(whisper(a.page, "See you at 7")).toContainText(/Delivered|Read/);
    await openConversationNamed(b.page, /See you at 7/);
    // B opened it from the server's list: its address holds the server's id.
    const conversationId = new URL(b.page.url()).pathname.split("/").pop()!;
    await dismissNotices(b.page);
    // Only one's own whispers can be edited.
    await expect(whisper(b.page, "See you at 7").getByRole("button", { name: "Edit this whisper" })).toHaveCount(0);

    // The dialog: Escape leaves the text as it was.
    await whisper(a.page, "See you at 7").getByRole("button", { name: "Edit this whisper" }).click();
    const dialog = a.page.getByRole("dialog", { name: "Edit whisper" });
    await expect(dialog.getByRole("textbox", { name: "Whisper text" })).toBeFocused();
    await dialog.getByRole("textbox", { name: "Whisper text" }).fill("See you at 8, at the café by the river");
    await expectNoSeriousA11yViolations(a.page, "the edit dialog");
    await saveShots(a.page, "edit-whisper-dialog");
    await a.page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(whisper(a.page, "See you at 7")).toHaveCount(1);

    // Enter saves: B sees the new text and "edited" live, without reloading.
    await editTo(a.page, "See you at 7", "See you at 8");
    await expect(whisper(a.page, "See you at 8").getByText("edited", { exact: true })).toBeVisible();
    await saveShots(a.page, "edit-whisper-mine", whisper(a.page, "See you at 8"));
    const seen = whisper(b.page, "See you at 8");
    await expect(seen).toHaveCount(1);
    await expect(seen.getByText("edited", { exact: true })).toBeVisible();
    await expect(b.page.getByText("See you at 7")).toHaveCount(0);
    await waitForSync(a.page);
    await saveShots(b.page, "edit-whisper-seen", seen);

    // Offline: the edit shows at once, waits in the outbox through a reload, and is applied once.
    await a.page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 30_000 });
    await a.context.setOffline(true);
    await expect(syncStatus(a.page)).toContainText("Offline");
    await editTo(a.page, "See you at 8", "See you at 8:30");
    await expect(whisper(a.page, "See you at 8:30")).toContainText("edited");
    await expect(syncStatus(a.page)).toContainText("1 waiting");
    await a.page.reload();
    await expect(whisper(a.page, "See you at 8:30")).toHaveCount(1);
    await expect(whisper(b.page, "See you at 8")).toHaveCount(1);
    await a.context.setOffline(false);
    await waitForSync(a.page);
    await expect(whisper(b.page, "See you at 8:30")).toHaveCount(1);
    await expect(whisper(b.page, "See you at 8:30").getByText("edited", { exact: true })).toBeVisible();
    const held = await serverWhispers(baseURL!, names.a, conversationId);
    expect(held.map((w) => w.content)).toEqual(["See you at 8:30"]);
    const editedAt = held[0]!.editedAt;
    expect(editedAt).toBeGreaterThan(0);
    await b.page.reload();
    await expect(whisper(b.page, "See you at 8:30")).toHaveCount(1);
    await expect(syncStatus(a.page)).toHaveText(/Up to date/);
    expect((await serverWhispers(baseURL!, names.b, conversationId)).map((w) => [w.content, w.editedAt])).toEqual([["See you at 8:30", editedAt]]);

    // 15 minutes after delivery the Edit action goes (the screen stays open: it goes by itself).
    await a.page.clock.install();
    await a.page.reload();
    await expect(whisper(a.page, "See you at 8:30").getByRole("button", { name: "Edit this whisper" })).toHaveCount(1);
    await a.page.clock.fastForward("15:01");
    await expect(whisper(a.page, "See you at 8:30").getByRole("button", { name: "Edit this whisper" })).toHaveCount(0);
    await expect(whisper(a.page, "See you at 8:30").getByRole("button", { name: "Delete this whisper" })).toHaveCount(1);
  } finally {
    await close();
  }
});
