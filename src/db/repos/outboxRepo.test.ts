// The drainer's wake-up on outbox writes (only a write that may have queued an entry wakes it), and the end of network backoffs.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDb } from "../../test/util";
import { addOutboxEntry, clearNetworkBackoff, onOutboxMutated, queuedCount } from "./outboxRepo";

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

describe("clearNetworkBackoff", () => {
  it("frees the entries waiting for the network, keeps the server's rate-limit hints and touches nothing else", async () => {
    const db = await freshDb("outbox-backoff");
    const later = Date.now() + 60_000;
    const rows = await db.transaction("rw", db.outbox, async () => {
      const added = [];
      for (let i = 0; i < 5; i++) added.push(await addOutboxEntry(db, entry));
      return added;
    });
    const [plain, network, limited, failed, claimed] = rows.map((r) => r.seq!);
    await db.outbox.update(network!, { nextAttemptAt: later, error: { code: "RETRYING", message: "offline" } });
    await db.outbox.update(limited!, { nextAttemptAt: later, error: { code: "RATE_LIMITED", message: "slow down" } });
    await db.outbox.update(failed!, { state: "failed", nextAttemptAt: later, error: { code: "RETRYING", message: "old" } });
    await db.outbox.update(claimed!, { state: "inflight", nextAttemptAt: later, error: { code: "RETRYING", message: "sending" } });

    expect(await clearNetworkBackoff(db)).toBe(1);
    const waits = Object.fromEntries((await db.outbox.toArray()).map((r) => [r.seq, r.nextAttemptAt]));
    expect(waits).toEqual({ [plain!]: 0, [network!]: 0, [limited!]: later, [failed!]: later, [claimed!]: later });
    expect(await clearNetworkBackoff(db)).toBe(0);
    db.close();
  });
});
