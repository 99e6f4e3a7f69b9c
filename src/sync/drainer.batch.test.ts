// The drainer's batched push: consecutive entries leave as outbox:push, in order, exactly once, each answered on its own.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { WhispersDB } from "../db/database";
import { FakeServer, FakeTransport } from "../test/fakeServer";
import { freshDb, waitFor } from "../test/util";
import { sendWhisper, setMood, toggleReaction } from "../actions";
import { OutboxDrainer, type DrainerOptions } from "./drainer";

const fast: DrainerOptions = { backoff: { baseMs: 5, maxMs: 20 }, onError: () => undefined };
const drainers: OutboxDrainer[] = [];
const dbs: WhispersDB[] = [];

async function setup(count: number, options: DrainerOptions = {}) {
  const db = await freshDb("batch");
  dbs.push(db);
  const transport = new FakeTransport();
  const localIds: string[] = [];
  for (let i = 0; i < count; i++) localIds.push((await sendWhisper({ recipientId: "bob", content: `b${i}` }, db)).localId!);
  const d = new OutboxDrainer(db, transport, { ...fast, ...options });
  drainers.push(d);
  return { db, transport, localIds, start: () => d.start(), flushed: () => d.flushed() };
}

const outboxEmpty = (db: WhispersDB) => async () => (await db.outbox.count()) === 0;
const contents = (n: number) => Array.from({ length: n }, (_, i) => `b${i}`);

afterEach(() => {
  for (const d of drainers.splice(0)) d.stop();
  for (const db of dbs.splice(0)) db.close();
});

describe("OutboxDrainer batched push", () => {
  it("sends a queue of 120 in pushes of at most 50, in order, each whisper once", async () => {
    const { db, transport, start, flushed } = await setup(120);
    await start();
    await waitFor(outboxEmpty(db), 5000);
    await flushed();
    expect(transport.server.whispers.map((w) => w.content)).toEqual(contents(120));
    expect(transport.server.pushes.length).toBeGreaterThanOrEqual(3);
    expect(transport.server.pushes.every((ops) => ops.length <= 50)).toBe(true);
    expect(transport.server.pushes.flat().length).toBe(120);
    expect((await db.whispers.toArray()).every((w) => w.syncState === "synced")).toBe(true);
  });

  it("sends nothing while disconnected; on reconnect a queue built offline leaves in full pushes", async () => {
    const db = await freshDb("batch");
    dbs.push(db);
    const transport = new FakeTransport();
    transport.setOnline(false);
    const d = new OutboxDrainer(db, transport, fast);
    drainers.push(d);
    await d.start();
    for (let i = 0; i < 120; i++) await sendWhisper({ recipientId: "bob", content: `b${i}` }, db);
    expect(transport.server.calls).toHaveLength(0);
    expect(await db.outbox.where("state").equals("queued").count()).toBe(120);
    transport.setOnline(true);
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(contents(120));
    expect(transport.server.pushes.map((ops) => ops.length)).toEqual([50, 50, 20]);
  });

  it("sends a lone entry as its own mutation", async () => {
    const { db, transport, start } = await setup(1);
    await start();
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.server.pushes).toHaveLength(0);
    expect(transport.server.calls.map((c) => c.udfPath)).toEqual(["whispers:sendWhisper"]);
  });

  it("marks only the refused op's entry failed; the rest of its push is acknowledged", async () => {
    const { db, transport, localIds, start } = await setup(5);
    transport.server.failWhen(
      (udfPath, args) => udfPath === "whispers:sendWhisper" && args.content === "b2",
      () => FakeServer.convexError("BLOCKED", "You can't whisper this person."),
    );
    await start();
    await waitFor(async () => (await db.outbox.count()) === 1, 5000);
    expect(transport.server.pushes).toHaveLength(1);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["b0", "b1", "b3", "b4"]);
    const failed = await db.whispers.get(localIds[2]!);
    expect(failed?.syncState).toBe("failed");
    expect(failed?.syncError).toBe("You can't whisper this person.");
    expect((await db.outbox.toArray()).map((e) => e.state)).toEqual(["failed"]);
  });

  it("resends a push whose answer was lost without duplicating any whisper", async () => {
    const { db, transport, start, flushed } = await setup(30);
    let lost = 0;
    transport.loseResponses((udfPath, args) => udfPath === "whispers:sendWhisper" && args.content === "b10" && lost++ === 0);
    await start();
    await waitFor(outboxEmpty(db), 5000);
    await flushed();
    expect(lost).toBeGreaterThan(0);
    const sends = transport.server.calls.filter((c) => c.udfPath === "whispers:sendWhisper");
    expect(sends.length).toBeGreaterThan(30);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(contents(30));
    expect(await db.whispers.count()).toBe(30);
  });

  it("stops at a rate-limited op and sends the rest after the pause, in order", async () => {
    const { db, transport, start } = await setup(10);
    transport.server.failWhen(
      (udfPath, args) => udfPath === "whispers:sendWhisper" && args.content === "b4",
      () => Object.assign(FakeServer.convexError("RATE_LIMITED", "Slow down."), { data: { code: "RATE_LIMITED", message: "Slow down.", retryAfterMs: 40 } }),
    );
    await start();
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(contents(10));
    // b5…b9 were not run by the first push (it stopped at b4): each whisper's op ran once or twice, never out of order.
    const firstPush = transport.server.pushes[0]!.map((op) => op.args.content);
    expect(firstPush).toEqual(contents(10));
    expect(transport.server.calls.filter((c) => c.args.content === "b9")).toHaveLength(1);
    expect((await db.outbox.toArray()).length).toBe(0);
  });

  it("falls back to one mutation per entry when the server refuses a push as a whole", async () => {
    const { db, transport, localIds, start } = await setup(4);
    transport.server.failWhen(
      (udfPath, args) => udfPath === "whispers:sendWhisper" && args.content === "b1",
      () => new Error("[Request ID: 1] Server Error\nArgumentValidationError: Value does not match validator."),
      Infinity,
    );
    await start();
    await waitFor(async () => (await db.outbox.count()) === 1, 5000);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["b0", "b2", "b3"]);
    expect((await db.whispers.get(localIds[1]!))?.syncState).toBe("failed");
  });

  it("splits a push over a transaction limit in halves until each part fits: every whisper once, in order, none failed", async () => {
    const { db, transport, start } = await setup(50);
    transport.server.maxOpsPerPush = 7;
    await start();
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(contents(50));
    const sizes = transport.server.pushes.map((ops) => ops.length);
    // 50 → 25 + 25 → 13 + 12 + … → 7 + 6 + …: each refused push is retried as its two halves.
    expect(sizes.slice(0, 3)).toEqual([50, 25, 25]);
    expect(sizes.filter((n) => n <= 7).reduce((a, b) => a + b, 0)).toBe(50);
    expect(Math.max(...sizes.filter((n) => n <= 7))).toBeGreaterThan(3);
    expect(transport.server.calls.filter((c) => c.udfPath === "whispers:sendWhisper")).toHaveLength(50);
  });

  it("a push cut short by its budget: the ops not run leave again at once, in order, each once, none failed or counted as an attempt", async () => {
    const { db, transport, start, flushed } = await setup(0);
    // A reaction after every fifth whisper: ops the server measures, two of them fill a push.
    for (let i = 0; i < 60; i++) {
      const { localId } = await sendWhisper({ recipientId: "bob", content: `b${i}` }, db);
      if (i % 5 === 0) await toggleReaction(localId!, "🔥", db);
    }
    transport.server.heavyOpsPerPush = 2;
    await start();
    await waitFor(outboxEmpty(db), 5000);
    await flushed();
    expect(transport.server.whispers.map((w) => w.content)).toEqual(contents(60));
    expect(transport.server.calls.filter((c) => c.udfPath === "whispers:sendWhisper")).toHaveLength(60);
    const reactions = transport.server.calls.filter((c) => c.udfPath === "whispers:toggleReaction");
    expect(reactions.map((c) => c.args.whisperId)).toEqual(transport.server.whispers.filter((_, i) => i % 5 === 0).map((w) => w._id));
    // Each push ran two reactions at most, so the 12 took at least 6 pushes; nothing failed or was retried.
    expect(transport.server.pushes.length).toBeGreaterThanOrEqual(6);
    expect((await db.whispers.toArray()).every((w) => w.syncState === "synced")).toBe(true);
  });

  it("what was queued behind a push cut short leaves after the ops it did not run, not before", async () => {
    const { db, transport, start, flushed } = await setup(30);
    await setMood("calm", undefined, db);
    await setMood("hopeful", undefined, db);
    for (let i = 0; i < 120; i++) await sendWhisper({ recipientId: "bob", content: `c${i}` }, db);
    transport.server.heavyOpsPerPush = 1;
    await start();
    await waitFor(outboxEmpty(db), 5000);
    await flushed();
    // The first push (30 whispers, two moods, 18 whispers) stops before the second mood; what follows leaves after it.
    const label = (op: { udfPath: string; args: Record<string, unknown> }) => String(op.args.content ?? op.args.mood);
    expect(transport.server.pushes[0]!.map(label).slice(29, 32)).toEqual(["b29", "calm", "hopeful"]);
    expect(transport.server.pushes[1]!.map(label).slice(0, 2)).toEqual(["hopeful", "c0"]);
    expect(transport.server.calls.filter((c) => c.udfPath === "users:setMood").map((c) => c.args.mood)).toEqual(["calm", "hopeful"]);
    expect(transport.server.whispers.map((w) => w.content)).toEqual([...contents(30), ...Array.from({ length: 120 }, (_, i) => `c${i}`)]);
    expect(transport.server.calls.filter((c) => c.udfPath === "whispers:sendWhisper")).toHaveLength(150);
  });

  it("sends a reaction on a whisper of the same burst after it, with the server id", async () => {
    const { db, transport, localIds, start } = await setup(3);
    await toggleReaction(localIds[1]!, "🔥", db);
    await sendWhisper({ recipientId: "bob", content: "after" }, db);
    await start();
    await waitFor(outboxEmpty(db), 5000);
    const reaction = transport.server.calls.find((c) => c.udfPath === "whispers:toggleReaction");
    expect(reaction?.args.whisperId).toBe(transport.server.whispers[1]!._id);
    expect(transport.server.calls.map((c) => c.args.content ?? c.udfPath)).toEqual(["b0", "b1", "b2", "whispers:toggleReaction", "after"]);
  });
});
