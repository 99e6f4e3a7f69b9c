// The hand-over from an action to this tab's drainer: claimed in the action's transaction, sent at its commit, in order, exactly once.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WhispersDB } from "../db/database";
import { addOutboxEntry } from "../db/repos/outboxRepo";
import type { OutboxEntry } from "../db/types";
import { FakeTransport } from "../test/fakeServer";
import { freshDb, waitFor } from "../test/util";
import { markRead, sendWhisper } from "../actions";
import { OutboxDrainer } from "./drainer";
import { setDirectSender } from "./outboxSignal";

const dbs: WhispersDB[] = [];
const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const db of dbs.splice(0)) db.close();
});

async function newDb(): Promise<WhispersDB> {
  const db = await freshDb("direct");
  dbs.push(db);
  return db;
}

/** A stand-in for this tab's drainer that records what it is handed. */
function fakeSender(db: WhispersDB, canTake = true) {
  const taken: OutboxEntry[] = [];
  cleanups.push(setDirectSender(db.name, { canTake: () => canTake, take: (entry) => void taken.push({ ...entry }) }));
  return taken;
}

describe("direct send", () => {
  it("sends a whisper from the action's commit, claimed in its transaction, exactly once", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    const drainer = new OutboxDrainer(db, transport, { onError: () => undefined });
    cleanups.push(() => drainer.stop());
    await drainer.start();
    const pump = vi.spyOn(db.outbox, "where");
    await sendWhisper({ recipientId: "bob", content: "at once" }, db);
    // On the wire before the action returned, with no look at the outbox queue.
    expect(transport.server.calls.map((c) => c.udfPath)).toEqual(["whispers:sendWhisper"]);
    expect(pump).not.toHaveBeenCalled();
    await waitFor(async () => (await db.outbox.count()) === 0, 5000, "the acknowledgement");
    await drainer.flushed();
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["at once"]);
    expect((await db.whispers.toArray()).map((w) => w.syncState)).toEqual(["synced"]);
  });

  it("stores the entry in flight and hands it over with its seq when nothing is queued before it", async () => {
    const db = await newDb();
    const taken = fakeSender(db);
    const { entryId } = await sendWhisper({ recipientId: "bob", content: "first" }, db);
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ id: entryId, state: "inflight" });
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ id: entryId, seq: entry!.seq, state: "inflight" });
  });

  it("queues an entry behind one still waiting (another tab's, not seen yet): the order stays the outbox order", async () => {
    const db = await newDb();
    await db.transaction("rw", db.outbox, () =>
      addOutboxEntry(db, { kind: "markRead", udfPath: "whispers:markRead", args: { conversationId: "c0" } }),
    );
    const taken = fakeSender(db);
    await sendWhisper({ recipientId: "bob", content: "second" }, db);
    expect(taken).toHaveLength(0);
    expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(["queued", "queued"]);
  });

  it("queues for the leader when no drainer runs in this tab, or it cannot send now", async () => {
    const db = await newDb();
    await sendWhisper({ recipientId: "bob", content: "from another tab" }, db);
    const taken = fakeSender(db, false);
    await sendWhisper({ recipientId: "bob", content: "while offline" }, db);
    expect(taken).toHaveLength(0);
    expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(["queued", "queued"]);
  });

  it("claims nothing when the action fails: its transaction wrote nothing, nothing is sent", async () => {
    const db = await newDb();
    const taken = fakeSender(db);
    await expect(sendWhisper({ conversationId: "nowhere", content: "lost" }, db)).rejects.toThrow(/not on this device/);
    expect(taken).toHaveLength(0);
    expect(await db.outbox.count()).toBe(0);
    expect(await markRead("nowhere", db)).toBeNull();
    expect(taken).toHaveLength(0);
  });

  it("sends an entry claimed by a drainer that stopped before the commit once the next one starts", async () => {
    const db = await newDb();
    // Leadership ended between the offer and the commit: the stopped drainer ignores the hand-over.
    cleanups.push(setDirectSender(db.name, { canTake: () => true, take: () => undefined }));
    await sendWhisper({ recipientId: "bob", content: "left in flight" }, db);
    expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(["inflight"]);
    cleanups.splice(0).forEach((cleanup) => cleanup());
    const transport = new FakeTransport();
    const next = new OutboxDrainer(db, transport, { onError: () => undefined });
    cleanups.push(() => next.stop());
    await next.start();
    await waitFor(async () => (await db.outbox.count()) === 0, 5000, "the resend");
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["left in flight"]);
  });
});
