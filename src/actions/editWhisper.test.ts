// Editing a whisper's text on the device: shown at once, queued once with its own clientId, folded into a create that never left, undone by a discard.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { WhispersDB } from "../db/database";
import { markInflight } from "../db/repos/outboxRepo";
import type { LocalConversation, LocalWhisper } from "../db/types";
import { freshDb } from "../test/util";
import { discard, editWhisper, sendWhisper } from ".";

const dbs: WhispersDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});
async function db(): Promise<WhispersDB> {
  const d = await freshDb("edit");
  dbs.push(d);
  return d;
}

const conversation: LocalConversation = {
  id: "c1", syncState: "synced", status: "active", isMystery: false, counterpartHidden: false, isPinned: false,
  isArchived: false, unreadCount: 0, lastActivityAt: 5, listRank: 5, lastWhisperId: "w1", lastWhisperAt: 5,
  lastWhisperPreview: "helo", lastWhisperFromViewer: true,
};
const delivered: LocalWhisper = {
  id: "w1", clientId: "k1", conversationId: "c1", sortKey: 5, status: "delivered", deliveredAt: 5, fromViewer: true,
  content: "helo", reactions: [], syncState: "synced",
};

describe("editWhisper", () => {
  it("shows a delivered whisper's new text and 'edited' at once, and queues one edit with its clientId", async () => {
    const d = await db();
    await d.conversations.put(conversation);
    await d.whispers.put(delivered);
    const queued = await editWhisper("w1", "  hello ", d);
    expect(queued).not.toBeNull();
    const row = (await d.whispers.get("w1"))!;
    expect(row).toMatchObject({ content: "hello", syncState: "pending", base: { content: "helo", editedAt: undefined } });
    expect(row.editedAt).toBeGreaterThan(Date.now() - 5_000);
    expect((await d.conversations.get("c1"))?.lastWhisperPreview).toBe("hello");
    const entries = await d.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      id: queued!.entryId,
      kind: "editWhisper",
      udfPath: "whispers:editWhisper",
      clientId: queued!.entryId,
      args: { whisperId: "w1", content: "hello", clientId: queued!.entryId },
      target: { table: "whispers", id: "w1" },
    });
    expect(await editWhisper("w1", "hello  ", d)).toBeNull();
    expect(await d.outbox.count()).toBe(1);
  });

  it("a discarded edit (e.g. refused after the window) brings the old text back", async () => {
    const d = await db();
    await d.conversations.put(conversation);
    await d.whispers.put(delivered);
    const queued = await editWhisper("w1", "hello", d);
    expect(await discard(queued!.entryId, d)).toBe(true);
    const row = (await d.whispers.get("w1"))!;
    expect(row).toMatchObject({ content: "helo", syncState: "synced" });
    expect(row.editedAt).toBeUndefined();
    expect(await d.outbox.count()).toBe(0);
  });

  it("changes a whisper that never left the device in its queued create: no edit, nothing marked edited", async () => {
    const d = await db();
    const { entryId, localId } = await sendWhisper({ recipientId: "bob", content: "typo" }, d);
    expect(await editWhisper(localId!, "fixed", d)).toEqual({ entryId, localId });
    const [entry] = await d.outbox.toArray();
    expect(entry).toMatchObject({ kind: "sendWhisper", args: { content: "fixed", clientId: localId } });
    const row = (await d.whispers.get(localId!))!;
    expect(row.content).toBe("fixed");
    expect(row.editedAt).toBeUndefined();
    expect((await d.conversations.get(row.conversationId))?.lastWhisperPreview).toBe("fixed");
  });

  it("a whisper whose create was already handed to the network gets an edit after it, by its local id", async () => {
    const d = await db();
    const { entryId, localId } = await sendWhisper({ recipientId: "bob", content: "typo" }, d);
    const create = (await d.outbox.toArray())[0]!;
    await markInflight(d, [create.seq!]);
    // A reload puts it back in the queue: the server may have it already, so its text stays.
    await d.outbox.update(create.seq!, { state: "queued" });
    const queued = await editWhisper(localId!, "fixed", d);
    expect(queued!.entryId).not.toBe(entryId);
    const [sent, edit] = await d.outbox.orderBy("seq").toArray();
    expect(sent).toMatchObject({ id: entryId, sent: true, args: { content: "typo" } });
    expect(edit).toMatchObject({
      kind: "editWhisper",
      args: { whisperId: localId, content: "fixed" },
      refs: [{ arg: "whisperId", localId }],
    });
    expect((await d.whispers.get(localId!))?.content).toBe("fixed");
  });
});

describe("markInflight", () => {
  it("returns the entries as marked: the args as they are now, without those discarded since they were listed", async () => {
    const d = await db();
    const one = await sendWhisper({ recipientId: "bob", content: "one" }, d);
    const two = await sendWhisper({ recipientId: "bob", content: "two" }, d);
    const listed = await d.outbox.orderBy("seq").toArray();
    await editWhisper(one.localId!, "one, edited", d);
    await discard(two.entryId, d);
    const marked = await markInflight(d, listed.map((e) => e.seq!));
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatchObject({ id: one.entryId, state: "inflight", sent: true, args: { content: "one, edited" } });
  });
});
