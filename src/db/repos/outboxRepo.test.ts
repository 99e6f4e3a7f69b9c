// The drainer's wake-up on outbox writes: only a write that may have queued an entry wakes it.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDb } from "../../test/util";
import { addOutboxEntry, onOutboxMutated, queuedCount } from "./outboxRepo";

const entry = { kind: "markRead", udfPath: "whispers:markRead", args: { conversationId: "c" } };

describe("onOutboxMutated", () => {
  it("with queuedOnly, wakes for queued entries (new or retried) but not for claims or removals", async () => {
    const db = await freshDb("outbox-wake");
    let all = 0;
    let queued = 0;
    const stops = [onOutboxMutated(db, () => (all += 1)), onOutboxMutated(db, () => (queued += 1), { queuedOnly: true })];
    const add = (claim: boolean) => db.transaction("rw", db.outbox, () => addOutboxEntry(db, entry, { claim }));
    const claimed = await add(true);
    expect([all, queued]).toEqual([1, 0]);
    const waiting = await add(false);
    expect([all, queued]).toEqual([2, 1]);
    await db.outbox.bulkDelete([claimed.seq!, waiting.seq!]); // acknowledged
    expect([all, queued]).toEqual([3, 1]);
    const failed = await add(false);
    await db.outbox.update(failed.seq!, { state: "failed" });
    const before = queued;
    await db.outbox.update(failed.seq!, { state: "queued" }); // Retry
    expect(queued).toBe(before + 1);
    expect(await db.transaction("r", db.outbox, () => queuedCount(db))).toBe(1);
    stops.forEach((stop) => stop());
    db.close();
  });
});
