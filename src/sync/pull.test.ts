// The pull: pages applied in one transaction each, optimistic rows replaced, tombstones, cursor moves, summaries.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WhispersDB } from "../db/database";
import { getCursor } from "../db/repos/metaRepo";
import type { ServerDoc } from "../db/shapes";
import { FakeTransport } from "../test/fakeServer";
import { freshDb, waitFor } from "../test/util";
import { sendWhisper } from "../actions";
import { applyPulledPage } from "./applyPulledPage";
import { PullSync, PULL_QUERY } from "./pull";
import { pos } from "../test/feed";
import { change, conversationDoc, ownProfileDoc, publicProfileDoc, whisperDoc, type Fields } from "../test/feedDocs";

const dbs: WhispersDB[] = [];
const pulls: PullSync[] = [];
afterEach(() => {
  for (const p of pulls.splice(0)) p.stop();
  for (const db of dbs.splice(0)) db.close();
});

async function setup() {
  const db = await freshDb("pull");
  dbs.push(db);
  const transport = new FakeTransport();
  const pull = new PullSync(db, transport, { limit: 200, onError: () => undefined });
  pulls.push(pull);
  return { db, transport, pull };
}

const whisper = (id: string, fields: Partial<Fields<ServerDoc<"whispers">>>): ServerDoc<"whispers"> =>
  whisperDoc({ _id: id, conversationId: "c1", content: id, updatedAt: 1, ...fields });

describe("PullSync", () => {
  it("applies pages, replaces optimistic rows, deletes tombstones, advances the cursor and keeps summaries", async () => {
    const { db, transport, pull } = await setup();
    const { localId } = await sendWhisper({ recipientId: "bob", content: "hi bob" }, db);
    const local = (await db.whispers.get(localId!))!;
    const localConversationId = local.conversationId;
    await pull.start();
    const spy = vi.spyOn(db, "transaction");

    const delivered = transport.push(PULL_QUERY, { cursor: pos(0), limit: 200 }, {
      changes: [
        change("users", ownProfileDoc({ _id: "me1", username: "alice", displayName: "Alice", moodJournal: [{ mood: "calm", at: 5 }], themePreference: "dark" })),
        change("users", publicProfileDoc({ _id: "bob", username: "bob", displayName: "Bob", interests: ["chess"] })),
        change("conversations", conversationDoc({ _id: "c1", counterpartId: "bob", status: "initiated", unreadCount: 1, updatedAt: 10 })),
        change("whispers", whisper("w1", { clientId: local.clientId, content: "hi bob", fromViewer: true, deliveredAt: 100 })),
        change("whispers", whisper("w2", { content: "hey alice", deliveredAt: 200 })),
      ],
      cursor: pos(5),
      hasMore: true,
      flags: [{ name: "VOICE_WHISPERS", enabled: false }],
    });
    expect(delivered).toBe(1);
    await waitFor(async () => (await getCursor(db)) === pos(5), 2000, "cursor 5");
    await pull.settled();
    expect(spy).toHaveBeenCalledTimes(1);

    // The whisper written offline is the server's row now, under the same key.
    expect(await db.whispers.get(localId!)).toMatchObject({ serverId: "w1", syncState: "synced", content: "hi bob" });
    expect(await db.whispers.get("w1")).toBeUndefined();
    expect(await db.conversations.get(localConversationId)).toBeUndefined();
    const c1 = await db.conversations.get("c1");
    expect(c1).toMatchObject({ lastWhisperId: "w2", lastWhisperPreview: "hey alice", lastWhisperFromViewer: false, unreadCount: 1 });
    expect((await db.me.get("me1"))?.themePreference).toBe("dark");
    expect((await db.profiles.get("bob"))?.displayName).toBe("Bob");
    expect((await db.featureFlags.get("VOICE_WHISPERS"))?.enabled).toBe(false);
    expect([...transport.subscriptions].map((s) => s.args)).toEqual([{ cursor: pos(5), limit: 200 }]);

    transport.push(PULL_QUERY, { cursor: pos(5), limit: 200 }, { changes: [change("whispers", null, "w2")], cursor: pos(6), hasMore: false });
    await waitFor(async () => (await getCursor(db)) === pos(6), 2000, "cursor 6");
    await pull.settled();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(await db.whispers.get("w2")).toBeUndefined();
    expect((await db.conversations.get("c1"))?.lastWhisperId).toBe(localId);
    expect(pull.getState().catchingUp).toBe(false);
  });

  it("applies a page of 1,000 whispers in one transaction", async () => {
    const { db } = await setup();
    const changes = Array.from({ length: 1000 }, (_, i) =>
      change("whispers", whisper(`w${i}`, { conversationId: `c${i % 10}`, deliveredAt: 1000 + i }), `w${i}`, i + 1),
    );
    const spy = vi.spyOn(db, "transaction");
    await applyPulledPage(db, { changes, cursor: pos(1000), hasMore: false }, pos(0));
    expect(spy).toHaveBeenCalledTimes(1);
    expect(await db.whispers.count()).toBe(1000);
    expect(await db.conversations.count()).toBe(10);
    expect((await db.conversations.get("c9"))?.lastWhisperId).toBe("w999");
  });

  it("ignores a page requested from a cursor that is no longer current", async () => {
    const { db } = await setup();
    await applyPulledPage(db, { changes: [change("whispers", whisper("w1", { deliveredAt: 1 }))], cursor: pos(1), hasMore: false }, pos(0));
    const stored = await applyPulledPage(db, { changes: [change("whispers", whisper("w9", { deliveredAt: 2 }))], cursor: pos(2), hasMore: false }, pos(0));
    expect(stored).toBe(pos(1));
    expect(await db.whispers.get("w9")).toBeUndefined();
  });

  it("applies only the new part of a result from a subscription still at an older cursor, then writes nothing for the empty head", async () => {
    const { db, transport, pull } = await setup();
    await pull.start();
    const at0 = { cursor: pos(0), limit: 200 };
    const w = (i: number) => change("whispers", whisper(`w${i}`, { deliveredAt: i }), `w${i}`, i);
    const spy = vi.spyOn(db, "transaction");
    // Two results of the same subscription before it moves on: the second repeats the first's changes.
    transport.push(PULL_QUERY, at0, { changes: [w(1), w(2)], cursor: pos(2), hasMore: false });
    transport.push(PULL_QUERY, at0, { changes: [w(1), w(2), w(3)], cursor: pos(3), hasMore: false });
    await waitFor(async () => (await getCursor(db)) === pos(3), 2000, "cursor 3 without another result");
    await pull.settled();
    expect((await db.whispers.toArray()).map((r) => r.id).sort()).toEqual(["w1", "w2", "w3"]);
    expect(spy).toHaveBeenCalledTimes(2);
    // At the head the subscription moves on, and its empty result needs no transaction.
    await waitFor(() => [...transport.subscriptions].some((s) => s.args.cursor === pos(3)), 2000, "the move to cursor 3");
    transport.push(PULL_QUERY, { cursor: pos(3), limit: 200 }, { changes: [], cursor: pos(3), hasMore: false });
    await pull.settled();
    expect(spy).toHaveBeenCalledTimes(2);
    expect(pull.getState().catchingUp).toBe(false);
  });

  it("counts as catching up from a lost connection until the first page after the reconnect says it is at the head", async () => {
    const { db, transport, pull } = await setup();
    const states: boolean[] = [];
    const watched = new PullSync(db, transport, { limit: 200, onError: () => undefined, onStateChange: (s) => states.push(s.catchingUp) });
    pulls.push(watched);
    pull.stop();
    await watched.start();
    transport.push(PULL_QUERY, { cursor: pos(0), limit: 200 }, { changes: [change("whispers", whisper("w1", {}))], cursor: pos(1), hasMore: false });
    await watched.settled();
    expect(watched.getState().catchingUp).toBe(false);
    await waitFor(async () => [...transport.subscriptions].some((sub) => sub.args.cursor === pos(1)), 2000, "the subscription at the head");

    transport.setOnline(false);
    expect(watched.getState().catchingUp).toBe(true);
    transport.setOnline(true);
    // Connected again, nothing heard yet: still catching up (not "Up to date").
    expect(watched.getState().catchingUp).toBe(true);
    // The client's answer after the reconnect: a page with more behind it, then the head.
    transport.push(PULL_QUERY, { cursor: pos(1), limit: 200 }, { changes: [change("whispers", whisper("w2", {}), "w2", 2)], cursor: pos(2), hasMore: true });
    await waitFor(async () => (await getCursor(db)) === pos(2), 2000, "cursor 2");
    await watched.settled();
    expect(watched.getState().catchingUp).toBe(true);
    transport.push(PULL_QUERY, { cursor: pos(2), limit: 200 }, { changes: [change("whispers", whisper("w3", {}), "w3", 3)], cursor: pos(3), hasMore: false });
    await waitFor(async () => (await getCursor(db)) === pos(3), 2000, "cursor 3");
    await watched.settled();
    expect(watched.getState().catchingUp).toBe(false);
    expect(states).toEqual([false, true, true, false]);

    // Stopped: a lost connection no longer changes its state.
    watched.stop();
    transport.setOnline(false);
    expect(watched.getState().catchingUp).toBe(false);
  });

  it("resumes from the stored cursor after a restart", async () => {
    const { db, transport } = await setup();
    await applyPulledPage(db, { changes: [], cursor: pos(42), hasMore: false }, pos(0));
    const pull = new PullSync(db, transport);
    pulls.push(pull);
    await pull.start();
    expect([...transport.subscriptions].map((s) => s.args)).toEqual([{ cursor: pos(42), limit: 500 }]);
  });

  it("starts over from the feed's start when the stored cursor is one of the old numeric feed", async () => {
    const { db, transport } = await setup();
    await db.meta.put({ key: "pullCursor", value: 42 });
    const pull = new PullSync(db, transport);
    pulls.push(pull);
    await pull.start();
    expect([...transport.subscriptions].map((s) => s.args)).toEqual([{ cursor: "", limit: 500 }]);
  });
});
