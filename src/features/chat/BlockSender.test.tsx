// @vitest-environment jsdom
// "Block this sender" on the conversation screen (IndexedDB behind it): offered only in a masked mystery conversation, asked first, queued, shown blocked.
import "fake-indexeddb/auto";
import "../../test/jsdomDialog";
import { MemoryRouter, Route, createMemoryHistory } from "@solidjs/router";
import { cleanup, fireEvent, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { setCurrentDb } from "../../db/current";
import type { WhispersDB } from "../../db/database";
import type { ServerDoc } from "../../db/shapes";
import { applyPulledPage } from "../../sync/applyPulledPage";
import { freshDb, waitFor } from "../../test/util";
import ConversationScreen from "./ConversationScreen";
import { pos } from "../../test/feed";
import { change, conversationDoc, friendDoc, publicProfileDoc, type Fields } from "../../test/feedDocs";

const dbs: WhispersDB[] = [];
afterEach(() => {
  cleanup();
  setCurrentDb(null);
  for (const db of dbs.splice(0)) db.close();
});

/** A conversation as the sync feed projects it for its recipient: a masked one unless `fields` say otherwise. */
function maskedConversation(fields: Partial<Fields<ServerDoc<"conversations">>> = {}): ServerDoc<"conversations"> {
  return conversationDoc({ _id: "c1", isMystery: true, hiddenFromViewer: true, counterpart: { displayName: "Someone" }, updatedAt: 100, ...fields });
}

/** The conversation screen at /c/c1 over a fresh database holding `doc`. */
async function open(doc: ServerDoc<"conversations">): Promise<WhispersDB> {
  const db = await freshDb("block-sender");
  dbs.push(db);
  await applyPulledPage(db, { changes: [change("conversations", doc)], cursor: pos(1), hasMore: false }, pos(0));
  setCurrentDb(db);
  const history = createMemoryHistory();
  history.set({ value: "/c/c1" });
  render(() => <MemoryRouter history={history}>{[<Route path="/c/:id" component={ConversationScreen} />]}</MemoryRouter>);
  await waitFor(() => screen.queryByRole("heading", { level: 1 }), 5000, "the conversation");
  return db;
}

function menuItems(): string[] {
  fireEvent.click(screen.getByRole("button", { name: "Conversation actions" }));
  const labels = within(screen.getByRole("menu")).getAllByRole("menuitem").map((item) => item.textContent ?? "");
  fireEvent.click(screen.getByRole("button", { name: "Conversation actions" }));
  return labels;
}

function choose(label: string) {
  fireEvent.click(screen.getByRole("button", { name: "Conversation actions" }));
  fireEvent.click(within(screen.getByRole("menu")).getByRole("menuitem", { name: label }));
}

const composer = () => screen.queryByRole("textbox", { name: "Message" });
const banner = () => screen.queryByText("You blocked this sender. Neither of you can whisper in this conversation.");
const dialog = () => screen.getByRole("dialog", { name: "Block this sender?", hidden: true }) as HTMLDialogElement;

describe("Block this sender", () => {
  it("asks first, then shows the conversation blocked (composer gone) and queues conversations:block; Unblock undoes it", async () => {
    const db = await open(maskedConversation());
    expect(screen.getByRole("heading", { level: 1 }).textContent).toBe("Someone");
    await waitFor(() => composer(), 5000, "the composer");
    expect(menuItems()).toEqual(expect.arrayContaining(["Block this sender", "Request unmasking"]));

    // Cancel: nothing changes, nothing is queued.
    choose("Block this sender");
    const asked = dialog();
    expect(asked.open).toBe(true);
    fireEvent.click(within(asked).getByRole("button", { name: "Cancel", hidden: true }));
    expect(asked.open).toBe(false);
    expect(await db.outbox.count()).toBe(0);
    expect(composer()).not.toBeNull();

    choose("Block this sender");
    fireEvent.click(within(dialog()).getByRole("button", { name: "Block", hidden: true }));
    await waitFor(() => banner(), 5000, "the blocked banner");
    expect(composer()).toBeNull();
    expect(await db.conversations.get("c1")).toMatchObject({ blockedByViewer: true, syncState: "pending" });
    expect(await db.outbox.toArray()).toEqual([
      expect.objectContaining({ kind: "blockConversation", udfPath: "conversations:block", args: { conversationId: "c1" }, state: "queued" }),
    ]);
    // Blocked: unmasking can't be asked for; the menu offers the way back.
    const blockedMenu = menuItems();
    expect(blockedMenu).toContain("Unblock this sender");
    expect(blockedMenu).not.toContain("Block this sender");
    expect(blockedMenu).not.toContain("Request unmasking");

    fireEvent.click(screen.getByRole("button", { name: "Unblock" }));
    await waitFor(() => composer(), 5000, "the composer again");
    expect(banner()).toBeNull();
    expect((await db.outbox.toArray()).map((e) => e.udfPath)).toEqual(["conversations:block", "conversations:unblock"]);
    expect((await db.conversations.get("c1"))?.blockedByViewer).toBe(false);
  });

  it("shows a conversation the server says is blocked (blocked on another device) as blocked", async () => {
    await open(maskedConversation({ blockedByViewer: true }));
    await waitFor(() => banner(), 5000, "the blocked banner");
    expect(composer()).toBeNull();
    expect(menuItems()).toContain("Unblock this sender");
  });

  it("is not offered where the viewer knows who is there: the hidden sender's own side and ordinary conversations block the person", async () => {
    await open(maskedConversation({ hiddenFromViewer: false, viewerIsHidden: true, counterpartId: "u-lou", counterpart: publicProfileDoc({ _id: "u-lou", displayName: "Lou" }) }));
    await waitFor(() => composer(), 5000, "the composer");
    const items = menuItems();
    expect(items).toContain("Block");
    expect(items).not.toContain("Block this sender");
  });

  it("on the hidden sender's side a person-level block of the recipient does not close the masked conversation; once unmasked it does", async () => {
    const lou = { hiddenFromViewer: false, viewerIsHidden: true, counterpartId: "u-lou", counterpart: publicProfileDoc({ _id: "u-lou", displayName: "Lou" }) };
    const db = await open(maskedConversation(lou));
    const friendship = friendDoc({ _id: "f1", otherId: "u-lou", status: "blocked", updatedAt: 100 });
    await applyPulledPage(db, { changes: [change("friends", friendship, "f1", 1)], cursor: pos(2), hasMore: false }, pos(1));
    await waitFor(async () => (await db.friends.count()) === 1, 5000, "the block stored");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(composer()).not.toBeNull();
    expect(screen.queryByText(/You blocked Lou/)).toBeNull();
    await applyPulledPage(db, { changes: [{ table: "conversations", id: "c1", at: pos(2), doc: maskedConversation({ ...lou, viewerIsHidden: false, unmasked: true, updatedAt: 200 }) }], cursor: pos(3), hasMore: false }, pos(2));
    await waitFor(() => screen.queryByText(/You blocked Lou/), 5000, "the person-level block banner");
    expect(composer()).toBeNull();
  });
});
