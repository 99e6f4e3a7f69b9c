// Leader election: two "tabs" sharing a lock manager never drain at once; the other takes over when the leader leaves.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openUserDb, type WhispersDB } from "../db/database";
import { InMemoryLocks } from "../test/locks";
import { FakeTransport } from "../test/fakeServer";
import { waitFor } from "../test/util";
import { sendWhisper } from "../actions";
import { OutboxDrainer } from "./drainer";
import { leaderLockName, runWhileLeader } from "./leader";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

type Tab = { db: WhispersDB; transport: FakeTransport; stop: () => Promise<void>; leading: () => boolean };

async function openTab(name: string, locks: InMemoryLocks, active: { count: number; max: number }): Promise<Tab> {
  const db = await openUserDb(name);
  const transport = new FakeTransport();
  let leading = false;
  const stop = runWhileLeader(
    leaderLockName(db.name),
    async () => {
      leading = true;
      active.count += 1;
      active.max = Math.max(active.max, active.count);
      const drainer = new OutboxDrainer(db, transport, { onError: () => undefined });
      await drainer.start();
      return () => {
        drainer.stop();
        leading = false;
        active.count -= 1;
      };
    },
    locks,
  );
  const tab = { db, transport, stop, leading: () => leading };
  cleanups.push(() => {
    stop();
    db.close();
  });
  return tab;
}

describe("runWhileLeader", () => {
  it("lets only one tab drain at a time, and hands over when the leader closes", async () => {
    const name = `leader-${Date.now()}`;
    const locks = new InMemoryLocks();
    const active = { count: 0, max: 0 };
    const a = await openTab(name, locks, active);
    const b = await openTab(name, locks, active);
    await waitFor(() => a.leading(), 2000, "tab A to lead");
    expect(b.leading()).toBe(false);

    for (let i = 0; i < 10; i++) await sendWhisper({ recipientId: "bob", content: `from B ${i}` }, b.db);
    await waitFor(async () => (await a.db.outbox.count()) === 0, 5000, "A to drain B's writes");
    expect(a.transport.server.whispers).toHaveLength(10);
    expect(b.transport.server.calls).toHaveLength(0);

    a.stop();
    await waitFor(() => b.leading(), 2000, "tab B to take over");
    await sendWhisper({ recipientId: "bob", content: "after handover" }, b.db);
    await waitFor(async () => (await b.db.outbox.count()) === 0, 5000);
    expect(b.transport.server.whispers.map((w) => w.content)).toEqual(["after handover"]);
    expect(active.max).toBe(1);
    expect(locks.maxConcurrentHolders).toBe(1);
  });

  it("leads at once where Web Locks are missing", async () => {
    let led = false;
    const stop = runWhileLeader("no-locks", () => {
      led = true;
      return () => undefined;
    }, null);
    cleanups.push(stop);
    await waitFor(() => led, 1000);
  });

  it("stop() resolves once a lead still starting has finished and its cleanup ran", async () => {
    const steps: string[] = [];
    let started!: () => void;
    const starting = new Promise<void>((resolve) => (started = resolve));
    const stop = runWhileLeader("slow-start", async () => {
      await starting;
      steps.push("started");
      return async () => {
        await Promise.resolve();
        steps.push("cleaned up");
      };
    }, null);
    const stopped = stop().then(() => steps.push("stopped"));
    started();
    await stopped;
    expect(steps).toEqual(["started", "cleaned up", "stopped"]);
  });

  it("a lead that fails because its database closed while starting is no unhandled error", async () => {
    const db = await openUserDb("closing-leader");
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const stop = runWhileLeader("closing", async () => {
      db.close();
      await db.outbox.count(); // DatabaseClosedError
      return () => undefined;
    }, null);
    await stop();
    expect(errors).not.toHaveBeenCalled();
    errors.mockRestore();
  });
});
