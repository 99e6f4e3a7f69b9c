// @vitest-environment jsdom
// Editing a whisper on the conversation screen (IndexedDB behind it): offered on one's own while the window lasts, Enter saves, shown "edited" on both sides.
import "fake-indexeddb/auto";
import "../../test/jsdomDialog";
import { MemoryRouter, Route, createMemoryHistory } from "@solidjs/router";
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { EDIT_WINDOW_MS } from "../../../convex/lib/editWindow";
import { setCurrentDb } from "../../db/current";
import type { WhispersDB } from "../../db/database";
import type { LocalConversation, LocalWhisper } from "../../db/types";
import { freshDb, waitFor } from "../../test/util";
import ConversationScreen from "./ConversationScreen";
import { canEdit } from "./EditWhisper";

const dbs: WhispersDB[] = [];
afterEach(() => {
  cleanup();
  setCurrentDb(null);
  for (const db of dbs.splice(0)) db.close();
});

const NOW = Date.now();
const conversation: LocalConversation = {
  id: "c1", syncState: "synced", status: "active", isMystery: false, counterpartHidden: false, counterpartId: "u-lou",
  counterpart: { _id: "u-lou", displayName: "Lou" }, isPinned: false, isArchived: false, unreadCount: 0,
  lastActivityAt: NOW, listRank: NOW,
};
const whisper = (fields: Partial<LocalWhisper>): LocalWhisper => ({
  id: "w1", clientId: "w1", conversationId: "c1", sortKey: NOW - 60_000, status: "delivered", deliveredAt: NOW - 60_000,
  fromViewer: true, content: "helo", reactions: [], syncState: "synced", ...fields,
});

/** The conversation screen at /c/c1 over a fresh database holding `whispers`. */
async function open(whispers: LocalWhisper[]): Promise<WhispersDB> {
  const db = await freshDb("edit-whisper");
  dbs.push(db);
  await db.conversations.put(conversation);
  await db.whispers.bulkPut(whispers);
  setCurrentDb(db);
  const history = createMemoryHistory();
  history.set({ value: "/c/c1" });
  render(() => <MemoryRouter history={history}>{[<Route path="/c/:id" component={ConversationScreen} />]}</MemoryRouter>);
  await waitFor(() => screen.queryAllByRole("article").length === whispers.length, 5000, "the whispers");
  return db;
}

/** The whisper showing `text` (the conversation list beside it may show the same text as a preview). */
const findArticle = (text: string) => screen.queryAllByRole("article").find((a) => within(a).queryByText(text) !== null);
const article = (text: string) => {
  const found = findArticle(text);
  if (!found) throw new Error(`no whisper shows "${text}"`);
  return found;
};
const editButton = (text: string) => within(article(text)).queryByRole("button", { name: "Edit this whisper" });
const dialog = () => screen.getByRole("dialog", { name: "Edit whisper", hidden: true }) as HTMLDialogElement;

describe("canEdit", () => {
  const at = NOW - 60_000;
  it.each([
    ["one's own delivered whisper in its window", whisper({}), NOW, true],
    ["at the end of its window", whisper({ deliveredAt: at }), at + EDIT_WINDOW_MS, true],
    ["after its window", whisper({ deliveredAt: at }), at + EDIT_WINDOW_MS + 1, false],
    ["someone else's", whisper({ fromViewer: false }), NOW, false],
    ["a deleted one", whisper({ isDeleted: true }), NOW, false],
    ["a scheduled one", whisper({ status: "scheduled", deliveredAt: undefined, scheduledFor: NOW + 1 }), NOW, false],
    ["a failed one", whisper({ syncState: "failed", syncError: "No." }), NOW, false],
    ["a voice clip without text", whisper({ content: "", audioDuration: 3 }), NOW, false],
    ["a caption", whisper({ content: "look", imageUrl: "https://x.test/i" }), NOW, true],
    ["one not delivered yet, however old", whisper({ isLocal: true, deliveredAt: undefined, sortKey: 0 }), NOW, true],
  ])("%s: %s", (_label, w, now, expected) => {
    expect(canEdit(w, now)).toBe(expected);
  });
});

describe("Edit on the conversation screen", () => {
  it("is offered on one's own whispers only; Enter saves: new text, 'edited', one edit queued", async () => {
    const db = await open([whisper({}), whisper({ id: "w2", clientId: "w2", fromViewer: false, content: "hi there", sortKey: NOW - 30_000, deliveredAt: NOW - 30_000 })]);
    expect(editButton("hi there")).toBeNull();
    fireEvent.click(editButton("helo")!);
    const asked = dialog();
    expect(asked.open).toBe(true);
    const field = within(asked).getByRole("textbox", { name: "Whisper text", hidden: true }) as HTMLTextAreaElement;
    expect(field.value).toBe("helo");
    fireEvent.input(field, { target: { value: "hello" } });
    fireEvent.keyDown(field, { key: "Enter" });
    expect(asked.open).toBe(false);
    await waitFor(() => findArticle("hello"), 5000, "the new text");
    expect(within(article("hello")).getByText("edited").getAttribute("title")).toMatch(/^Edited /);
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ kind: "editWhisper", args: expect.objectContaining({ whisperId: "w1", content: "hello" }) }),
    ]);
  });

  it("Cancel (and Shift+Enter, a new line) saves nothing; an empty text can't be saved", async () => {
    const db = await open([whisper({})]);
    fireEvent.click(editButton("helo")!);
    const asked = dialog();
    const field = within(asked).getByRole("textbox", { name: "Whisper text", hidden: true });
    fireEvent.keyDown(field, { key: "Enter", shiftKey: true });
    expect(asked.open).toBe(true);
    fireEvent.input(field, { target: { value: "  " } });
    expect((within(asked).getByRole("button", { name: "Save", hidden: true }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(field, { key: "Enter" });
    expect(asked.open).toBe(true);
    fireEvent.click(within(asked).getByRole("button", { name: "Cancel", hidden: true }));
    expect(asked.open).toBe(false);
    expect(await db.outbox.count()).toBe(0);
    expect(findArticle("helo")).toBeTruthy();
  });

  it("leaves when the window closes, while the screen is open", async () => {
    // Opened well inside the window (however slow the start), then moved to its last moments: only the timer can take Edit away.
    const db = await open([whisper({})]);
    expect(editButton("helo")).not.toBeNull();
    await db.whispers.update("w1", { deliveredAt: Date.now() - EDIT_WINDOW_MS + 400 });
    await waitFor(() => editButton("helo") === null, 5000, "Edit to go");
  });

  it("shows a received whisper's edit as 'edited'", async () => {
    await open([whisper({ fromViewer: false, content: "fixed it", editedAt: NOW - 10_000 })]);
    expect(within(article("fixed it")).getByText("edited")).toBeTruthy();
    expect(editButton("fixed it")).toBeNull();
  });
});
