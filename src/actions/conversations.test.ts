// "Block this sender" as an outbox change: shown at once, queued as conversations:block / unblock, batched by outbox:push, undone by a discard.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { OUTBOX_MUTATIONS } from "../../convex/model/outbox";
import type { WhispersDB } from "../db/database";
import type { LocalConversation } from "../db/types";
import { freshDb } from "../test/util";
import { blockConversation, discard, unblockConversation } from ".";

const dbs: WhispersDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

const masked: LocalConversation = {
  id: "c1",
  syncState: "synced",
  status: "active",
  isMystery: true,
  counterpartHidden: true,
  counterpart: { displayName: "Someone" },
  isPinned: false,
  isArchived: false,
  unreadCount: 0,
  lastActivityAt: 1,
  listRank: 1,
};

async function withConversation(): Promise<WhispersDB> {
  const db = await freshDb("block-conversation");
  dbs.push(db);
  await db.conversations.put(masked);
  return db;
}

describe("blockConversation / unblockConversation", () => {
  it("marks the conversation blocked at once and queues conversations:block, then conversations:unblock", async () => {
    const db = await withConversation();
    const blocked = await blockConversation("c1", db);
    expect(await db.conversations.get("c1")).toMatchObject({ blockedByViewer: true, syncState: "pending" });
    await unblockConversation("c1", db);
    expect((await db.conversations.get("c1"))?.blockedByViewer).toBe(false);
    const entries = await db.outbox.orderBy("seq").toArray();
    expect(entries.map(({ kind, udfPath, args, target }) => ({ kind, udfPath, args, target }))).toEqual([
      { kind: "blockConversation", udfPath: "conversations:block", args: { conversationId: "c1" }, target: { table: "conversations", id: "c1" } },
      { kind: "unblockConversation", udfPath: "conversations:unblock", args: { conversationId: "c1" }, target: { table: "conversations", id: "c1" } },
    ]);
    expect(blocked.entryId).toBe(entries[0]!.id);
  });

  it("is sent in outbox:push batches like the other conversation changes", () => {
    expect(OUTBOX_MUTATIONS.has("conversations:block")).toBe(true);
    expect(OUTBOX_MUTATIONS.has("conversations:unblock")).toBe(true);
  });

  it("a discarded block leaves the conversation as the server has it", async () => {
    const db = await withConversation();
    const { entryId } = await blockConversation("c1", db);
    expect(await discard(entryId, db)).toBe(true);
    const row = await db.conversations.get("c1");
    expect(row?.blockedByViewer).toBeUndefined();
    expect(row?.syncState).toBe("synced");
    expect(await db.outbox.count()).toBe(0);
  });
});
