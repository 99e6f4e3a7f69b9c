// The outbox drainer against the transport double: order, exactly-once, reloads, failures, retry and discard.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import type { WhispersDB } from "../db/database";
import { openUserDb } from "../db/database";
import { FakeServer, FakeTransport } from "../test/fakeServer";
import { freshDb, waitFor } from "../test/util";
import { discard, retry, sendWhisper, toggleReaction } from "../actions";
import { AuthGate } from "./authGate";
import { OutboxDrainer, type DrainerOptions } from "./drainer";

const fast: DrainerOptions = { backoff: { baseMs: 5, maxMs: 20 }, onError: () => undefined };
const drainers: OutboxDrainer[] = [];
const dbs: WhispersDB[] = [];

function drainer(db: WhispersDB, transport: FakeTransport, options: DrainerOptions = {}): OutboxDrainer {
  const d = new OutboxDrainer(db, transport, { ...fast, ...options });
  drainers.push(d);
  return d;
}

async function newDb(): Promise<WhispersDB> {
  const db = await freshDb("drain");
  dbs.push(db);
  return db;
}

const outboxEmpty = (db: WhispersDB) => async () => (await db.outbox.count()) === 0;

afterEach(() => {
  for (const d of drainers.splice(0)) d.stop();
  for (const db of dbs.splice(0)) db.close();
});

describe("OutboxDrainer", () => {
  it("queues offline, then delivers everything exactly once and in order on reconnect", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    transport.setOnline(false);
    const d = drainer(db, transport);
    await d.start();
    for (let i = 0; i < 30; i++) await sendWhisper({ recipientId: "bob", content: `hello ${i}` }, db);
    await new Promise((r) => setTimeout(r, 30));
    expect(transport.server.whispers).toHaveLength(0);
    expect(await db.outbox.count()).toBe(30);
    expect((await db.whispers.toArray()).every((w) => w.syncState === "pending")).toBe(true);

    transport.setOnline(true);
    await waitFor(outboxEmpty(db), 5000, "outbox to drain");
    await d.flushed();
    expect(transport.server.whispers.map((w) => w.content)).toEqual(Array.from({ length: 30 }, (_, i) => `hello ${i}`));
    expect(new Set(transport.server.whispers.map((w) => w.clientId)).size).toBe(30);
    const rows = await db.whispers.toArray();
    expect(rows).toHaveLength(30);
    // Each kept the key it was written with and learned its server id.
    expect(rows.every((w) => w.syncState === "synced" && w.id === w.clientId && w.serverId?.startsWith("w"))).toBe(true);
    // The conversation started offline took the id the server answered with; its whispers followed.
    expect((await db.conversations.toArray()).map((c) => c.id)).toEqual(["conv-bob"]);
    expect(rows.every((w) => w.conversationId === "conv-bob")).toBe(true);
    expect((await db.conversations.get("conv-bob"))?.lastWhisperPreview).toBe("hello 29");
  });

  it("pipelines: many mutations are in flight at once", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    transport.latencyMs = 20;
    for (let i = 0; i < 50; i++) await sendWhisper({ recipientId: "bob", content: `m${i}` }, db);
    const d = drainer(db, transport, { batchSize: 1 });
    await d.start();
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.maxInflight).toBeGreaterThan(10);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(Array.from({ length: 50 }, (_, i) => `m${i}`));
  });

  it("retries a mutation whose response was lost without duplicating it", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    let lost = 0;
    transport.loseResponses((udfPath) => udfPath === "whispers:sendWhisper" && lost++ === 0);
    await sendWhisper({ recipientId: "bob", content: "only once" }, db);
    const d = drainer(db, transport);
    await d.start();
    await waitFor(outboxEmpty(db), 5000);
    const sends = transport.server.calls.filter((c) => c.udfPath === "whispers:sendWhisper");
    expect(sends.length).toBe(2);
    expect(sends[0]!.args.clientId).toBe(sends[1]!.args.clientId);
    expect(transport.server.whispers).toHaveLength(1);
    await d.flushed();
    expect(await db.whispers.count()).toBe(1);
  });

  it("sends at once when the connection returns, even after a long network backoff", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    // The answer is lost in a tunnel: a network failure, and a backoff far longer than the test
    // (only the reconnect may end it).
    transport.loseResponses(() => true);
    const d = drainer(db, transport, { backoff: { baseMs: 60_000, maxMs: 60_000 } });
    await d.start();
    await sendWhisper({ recipientId: "bob", content: "after the tunnel" }, db);
    await waitFor(async () => (await db.outbox.toArray())[0]?.error?.code === "RETRYING", 5000, "a failed attempt");
    expect((await db.outbox.toArray())[0]!.nextAttemptAt).toBeGreaterThan(Date.now() + 30_000);

    transport.loseResponses(undefined);
    transport.setOnline(false);
    transport.setOnline(true);
    await waitFor(outboxEmpty(db), 5000, "outbox to drain after the reconnect");
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["after the tunnel"]);
  });

  it("resumes after a reload in the middle of a drain", async () => {
    const name = `reload-${Date.now()}`;
    const db = await openUserDb(name);
    const transport = new FakeTransport();
    transport.latencyMs = 30;
    for (let i = 0; i < 20; i++) await sendWhisper({ recipientId: "bob", content: `r${i}` }, db);
    const first = drainer(db, transport, { window: 5 });
    await first.start();
    await waitFor(() => transport.server.calls.length >= 5, 5000, "some sends");
    first.stop();
    db.close(); // the tab reloads: in-flight answers are lost with it
    expect(transport.server.whispers.length).toBeLessThan(20);
    const appliedBeforeReload = transport.server.whispers.length;

    const reopened = await openUserDb(name);
    dbs.push(reopened);
    expect(await reopened.outbox.where("state").equals("inflight").count()).toBeGreaterThan(0);
    const second = drainer(reopened, transport);
    await second.start();
    await waitFor(outboxEmpty(reopened), 5000);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(Array.from({ length: 20 }, (_, i) => `r${i}`));
    // The entries in flight at the reload were sent again and deduplicated by clientId.
    const sends = transport.server.calls.filter((c) => c.udfPath === "whispers:sendWhisper").length;
    expect(appliedBeforeReload).toBeGreaterThan(0);
    expect(sends).toBeGreaterThan(20);
  });

  it("marks a permanent refusal failed with the server's message, and retry sends it again", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    transport.server.failWhen(
      (udfPath, args) => udfPath === "whispers:sendWhisper" && args.content === "blocked one",
      () => FakeServer.convexError("BLOCKED", "You can't whisper this person."),
    );
    const { entryId, localId } = await sendWhisper({ recipientId: "bob", content: "blocked one" }, db);
    await sendWhisper({ recipientId: "bob", content: "next one" }, db);
    const d = drainer(db, transport);
    await d.start();
    await waitFor(async () => (await db.outbox.where("state").equals("failed").count()) === 1, 5000);
    await waitFor(async () => (await db.outbox.count()) === 1, 5000);
    const failed = await db.whispers.get(localId!);
    expect(failed?.syncState).toBe("failed");
    expect(failed?.syncError).toBe("You can't whisper this person.");
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["next one"]);

    await retry(entryId, db);
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.server.whispers.map((w) => w.content)).toEqual(["next one", "blocked one"]);
  });

  it("discard removes the entry and its optimistic row", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    transport.server.failWhen((u) => u === "whispers:sendWhisper", () => FakeServer.convexError("INVALID", "Too long."));
    const { entryId, localId } = await sendWhisper({ recipientId: "bob", content: "x" }, db);
    const d = drainer(db, transport);
    await d.start();
    await waitFor(async () => (await db.whispers.get(localId!))?.syncState === "failed", 5000);
    expect(await discard(entryId, db)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.whispers.get(localId!)).toBeUndefined();
    expect(await db.conversations.count()).toBe(0);
  });

  it("waits for a token on UNAUTHENTICATED instead of failing", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    transport.server.failWhen((u) => u === "whispers:sendWhisper", () => FakeServer.convexError("UNAUTHENTICATED", "Sign in."));
    const auth = new AuthGate(true);
    let refreshes = 0;
    auth.onRejected(() => (refreshes += 1));
    await sendWhisper({ recipientId: "bob", content: "later" }, db);
    const d = drainer(db, transport, { auth });
    await d.start();
    await waitFor(() => refreshes === 1, 5000, "a token refresh");
    await d.flushed();
    expect(await db.outbox.where("state").equals("queued").count()).toBe(1);
    expect(transport.server.whispers).toHaveLength(0);
    auth.set(true);
    await waitFor(outboxEmpty(db), 5000);
    expect(transport.server.whispers).toHaveLength(1);
  });

  it("waits out RATE_LIMITED for the hinted time, then sends", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    transport.server.failWhen(
      (u) => u === "whispers:sendWhisper",
      () => Object.assign(FakeServer.convexError("RATE_LIMITED", "Slow down."), { data: { code: "RATE_LIMITED", message: "Slow down.", retryAfterMs: 60 } }),
    );
    await sendWhisper({ recipientId: "bob", content: "rate" }, db);
    const d = drainer(db, transport);
    const started = Date.now();
    await d.start();
    await waitFor(outboxEmpty(db), 5000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(55);
    expect(transport.server.whispers).toHaveLength(1);
  });

  it("sends an operation on a pending whisper after the whisper, with its server id", async () => {
    const db = await newDb();
    const transport = new FakeTransport();
    const { localId } = await sendWhisper({ recipientId: "bob", content: "react to me" }, db);
    await toggleReaction(localId!, "🔥", db);
    const d = drainer(db, transport);
    await d.start();
    await waitFor(outboxEmpty(db), 5000);
    const reaction = transport.server.calls.find((c) => c.udfPath === "whispers:toggleReaction");
    expect(reaction?.args.whisperId).toBe(transport.server.whispers[0]!._id);
  });
});
