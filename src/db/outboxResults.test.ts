// Acknowledgements applied in one cached batch, and discarding one of several whispers that started a conversation offline.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { discard, sendWhisper, toggleReaction } from "../actions";
import { freshDb } from "../test/util";
import type { WhispersDB } from "./database";
import { applyPulledPage } from "../sync/applyPulledPage";
import { pos } from "../test/feed";
import { change, conversationDoc, whisperDoc } from "../test/feedDocs";
import { setViewerId } from "./repos/metaRepo";
import { applyAcks } from "./outboxResults";

const dbs: WhispersDB[] = [];
afterEach(() => {
  for (const db of dbs.splice(0)) db.close();
});

async function db(): Promise<WhispersDB> {
  const d = await freshDb("acks");
  dbs.push(d);
  return d;
}

describe("applyAcks", () => {
  it("gives whispers their server ids under the key they were written with, re-keys the conversation started offline, and settles a later change to one of them, in one batch", async () => {
    const d = await db();
    const sent = [];
    for (const content of ["one", "two", "three"]) sent.push(await sendWhisper({ recipientId: "bob", content }, d));
    await toggleReaction(sent[0]!.localId!, "💜", d);
    const entries = await d.outbox.orderBy("seq").toArray();
    expect(entries).toHaveLength(4);
    const results = [
      { whisperId: "w1", conversationId: "c1" },
      { whisperId: "w2", conversationId: "c1" },
      { whisperId: "w3", conversationId: "c1" },
      null,
    ];
    await applyAcks(d, entries.map((entry, i) => ({ entry, result: results[i] })));

    expect(await d.outbox.count()).toBe(0);
    const whispers = await d.whispers.orderBy("serverId").toArray();
    expect(whispers.map((w) => [w.id, w.serverId, w.content, w.conversationId, w.syncState])).toEqual([
      [sent[0]!.localId, "w1", "one", "c1", "synced"],
      [sent[1]!.localId, "w2", "two", "c1", "synced"],
      [sent[2]!.localId, "w3", "three", "c1", "synced"],
    ]);
    expect(whispers[0]!.reactions.map((r) => r.emoji)).toEqual(["💜"]);
    expect(whispers[0]!.patches ?? []).toEqual([]);
    const conversations = await d.conversations.toArray();
    expect(conversations.map((c) => [c.id, c.lastWhisperId, c.isLocal ?? false])).toEqual([["c1", sent[2]!.localId, false]]);
    expect((await d.idMap.toArray()).filter((m) => m.table === "whispers")).toEqual([]);
  });

  it("writes only the outbox when the pulled server row replaced the optimistic one before the answer", async () => {
    const d = await db();
    await setViewerId(d, "me1");
    const conversation = conversationDoc({ _id: "c1", counterpartId: "bob", status: "initiated", updatedAt: 1 });
    await applyPulledPage(d, { changes: [change("conversations", conversation, "c1", 1)], cursor: pos(1), hasMore: false }, "");
    const sent = await sendWhisper({ conversationId: "c1", content: "hello" }, d);
    const [entry] = await d.outbox.toArray();
    const server = whisperDoc({ _id: "w1", clientId: sent.localId, conversationId: "c1", content: "hello", fromViewer: true, updatedAt: 2 });
    await applyPulledPage(d, { changes: [change("whispers", server, "w1", 2)], cursor: pos(2), hasMore: false }, pos(1));
    const synced = await d.whispers.get(sent.localId!);
    expect(synced).toMatchObject({ serverId: "w1", syncState: "synced" });

    const writes: string[] = [];
    for (const table of [d.whispers, d.idMap, d.conversations] as const) {
      table.hook("creating", () => void writes.push(`${table.name} put`));
      table.hook("updating", () => void writes.push(`${table.name} put`));
      table.hook("deleting", () => void writes.push(`${table.name} delete`));
    }
    await applyAcks(d, [{ entry: entry!, result: { whisperId: "w1", conversationId: "c1" } }]);

    expect(writes).toEqual([]);
    expect(await d.outbox.count()).toBe(0);
    expect(await d.whispers.toArray()).toEqual([synced]);
  });

  it("keeps a conversation started offline while another queued whisper still needs it", async () => {
    const d = await db();
    const first = await sendWhisper({ recipientId: "bob", content: "first" }, d);
    const second = await sendWhisper({ recipientId: "bob", content: "second" }, d);
    const conversationId = (await d.whispers.get(first.localId!))!.conversationId;

    expect(await discard(first.entryId, d)).toBe(true);
    const kept = await d.conversations.get(conversationId);
    expect(kept).toMatchObject({ isLocal: true, syncState: "pending", ops: [second.entryId] });
    expect(await d.whispers.count()).toBe(1);

    expect(await discard(second.entryId, d)).toBe(true);
    expect(await d.conversations.get(conversationId)).toBeUndefined();
  });
});
