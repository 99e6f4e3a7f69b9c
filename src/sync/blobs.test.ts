// Voice clips and images in the outbox: durable across reloads, uploaded exactly once, freed when the server row arrives.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { openUserDb, type WhispersDB } from "../db/database";
import { FakeServer, FakeTransport } from "../test/fakeServer";
import { waitFor } from "../test/util";
import { retry, sendVoiceWhisper, sendWhisper } from "../actions";
import { applyPulledPage } from "./applyPulledPage";
import { OutboxDrainer } from "./drainer";
import { pos } from "../test/feed";
import { change, whisperDoc } from "../test/feedDocs";

const opened: WhispersDB[] = [];
const drainers: OutboxDrainer[] = [];
const fast = { backoff: { baseMs: 5, maxMs: 20 }, onError: () => undefined };

async function open(name: string): Promise<WhispersDB> {
  const db = await openUserDb(name);
  opened.push(db);
  return db;
}

function start(db: WhispersDB, transport: FakeTransport): OutboxDrainer {
  const d = new OutboxDrainer(db, transport, fast);
  drainers.push(d);
  void d.start();
  return d;
}

afterEach(() => {
  for (const d of drainers.splice(0)) d.stop();
  for (const db of opened.splice(0)) db.close();
});

const clip = () => new Blob([new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])], { type: "audio/webm" });

describe("blobs in the outbox", () => {
  it("keeps a voice clip across a reload and uploads it when drained", async () => {
    const name = `blobs-reload-${Date.now()}`;
    const db = await open(name);
    const { entryId, localId } = await sendVoiceWhisper(
      { recipientId: "bob", audio: clip(), audioDuration: 3.2, isVoiceModulated: true },
      db,
    );
    const row = await db.whispers.get(localId!);
    expect(row?.localBlobKind).toBe("voice");
    db.close();

    const again = await open(name);
    const blob = await again.blobs.get(row!.localBlobKey!);
    expect(blob?.blob.type).toBe("audio/webm");
    expect(blob?.blob.size).toBe(8);
    expect(blob?.entryId).toBe(entryId);

    const transport = new FakeTransport();
    start(again, transport);
    await waitFor(async () => (await again.outbox.count()) === 0, 5000);
    expect(transport.server.uploads).toBe(1);
    expect(transport.server.uploadUrls).toBe(1);
    expect(transport.server.calls.find((c) => c.udfPath === "files:generateVoiceUploadUrl")).toBeDefined();
    // Registered (checked by the server) before the whisper that attaches it, once.
    const order = transport.server.calls.map((c) => c.udfPath).filter((u) => u !== "files:generateVoiceUploadUrl");
    expect(order).toEqual(["files:registerUpload", "whispers:sendVoiceWhisper"]);
    const stored = transport.server.whispers[0]!;
    expect(stored.audioStorageId).toBeDefined();
    expect(await transport.server.storage.get(stored.audioStorageId!)?.arrayBuffer()).toEqual(await clip().arrayBuffer());
  });

  it("uploads once even when the mutation fails after the upload and is retried after a reload", async () => {
    const name = `blobs-once-${Date.now()}`;
    const db = await open(name);
    const transport = new FakeTransport();
    transport.server.failWhen(
      (u) => u === "whispers:sendWhisper",
      () => FakeServer.convexError("FEATURE_DISABLED", "Image whispers are turned off right now."),
    );
    const image = new Blob([new Uint8Array(64)], { type: "image/jpeg" });
    const { entryId } = await sendWhisper({ recipientId: "bob", content: "look", image }, db);
    const first = start(db, transport);
    await waitFor(async () => (await db.outbox.where("state").equals("failed").count()) === 1, 5000);
    expect(transport.server.uploads).toBe(1);
    first.stop();
    db.close();

    const again = await open(name);
    const entry = await again.outbox.where("id").equals(entryId).first();
    expect(entry?.uploads?.[0]?.storageId).toBeDefined();
    await retry(entryId, again);
    start(again, transport);
    await waitFor(async () => (await again.outbox.count()) === 0, 5000);
    expect(transport.server.uploads).toBe(1);
    expect(transport.server.uploadUrls).toBe(1);
    expect(transport.server.registrations).toBe(1);
    expect(transport.server.whispers[0]?.imageStorageId).toBe(entry?.uploads?.[0]?.storageId);
  });

  it("registers again when the registration's answer was lost, then sends (registering is idempotent)", async () => {
    const db = await open(`blobs-register-lost-${Date.now()}`);
    const transport = new FakeTransport();
    let lost = 1;
    transport.loseResponses((u) => u === "files:registerUpload" && lost-- > 0);
    await sendVoiceWhisper({ recipientId: "bob", audio: clip(), audioDuration: 2, isVoiceModulated: false }, db);
    start(db, transport);
    await waitFor(async () => (await db.outbox.count()) === 0, 5000);
    expect(transport.server.uploads).toBe(1);
    expect(transport.server.registrations).toBe(2);
    expect(transport.server.whispers).toHaveLength(1);
  });

  it("a file the server refuses fails the entry with the server's reason; nothing is sent", async () => {
    const db = await open(`blobs-refused-${Date.now()}`);
    const transport = new FakeTransport();
    transport.server.failWhen(
      (u) => u === "files:registerUpload",
      () => FakeServer.convexError("INVALID", "An image must be one of JPEG, PNG, WEBP, GIF (this file is image/svg+xml)."),
    );
    const image = new Blob(["<svg onload=alert(1)>"], { type: "image/svg+xml" });
    await sendWhisper({ recipientId: "bob", content: "", image }, db);
    start(db, transport);
    await waitFor(async () => (await db.outbox.where("state").equals("failed").count()) === 1, 5000);
    const entry = (await db.outbox.toArray())[0]!;
    expect(entry.error?.message).toMatch(/JPEG, PNG, WEBP, GIF/);
    expect(transport.server.calls.some((c) => c.udfPath === "whispers:sendWhisper")).toBe(false);
  });

  it("a file the server no longer has (swept while offline for long) is uploaded again on retry", async () => {
    const name = `blobs-swept-${Date.now()}`;
    const db = await open(name);
    const transport = new FakeTransport();
    await sendVoiceWhisper({ recipientId: "bob", audio: clip(), audioDuration: 2, isVoiceModulated: false }, db);
    const realUpload = transport.upload.bind(transport);
    let swept = false;
    transport.upload = async (url, blob) => {
      const storageId = await realUpload(url, blob);
      // The first upload is deleted before it is registered.
      if (!swept) transport.server.storage.delete(storageId);
      swept = true;
      return storageId;
    };
    const drainer = start(db, transport);
    await waitFor(async () => (await db.outbox.where("state").equals("failed").count()) === 1, 5000);
    const failed = (await db.outbox.toArray())[0]!;
    expect(failed.uploads?.[0]?.storageId).toBeUndefined();
    drainer.stop();
    await retry(failed.id, db);
    start(db, transport);
    await waitFor(async () => (await db.outbox.count()) === 0, 5000);
    expect(transport.server.uploads).toBe(2);
    expect(transport.server.whispers[0]?.audioStorageId).toBeDefined();
    expect(transport.server.storage.has(transport.server.whispers[0]!.audioStorageId!)).toBe(true);
  });

  it("deletes the blob once the server row arrives through the pull", async () => {
    const db = await open(`blobs-free-${Date.now()}`);
    const { localId } = await sendVoiceWhisper({ recipientId: "bob", audio: clip(), audioDuration: 1, isVoiceModulated: false }, db);
    expect(await db.blobs.count()).toBe(1);
    const row = (await db.whispers.get(localId!))!;
    await applyPulledPage(
      db,
      {
        changes: [
          change("whispers", whisperDoc({ _id: "w1", clientId: row.clientId, conversationId: "c1", deliveredAt: 5, audioUrl: "https://x/a", fromViewer: true }), "w1", 1),
        ],
        cursor: pos(1),
        hasMore: false,
      },
      pos(0),
    );
    expect(await db.blobs.count()).toBe(0);
    expect(await db.whispers.get(localId!)).toMatchObject({ serverId: "w1", audioUrl: "https://x/a" });
  });

  it("keeps the clip queued while offline (upload fails with a network error)", async () => {
    const db = await open(`blobs-offline-${Date.now()}`);
    const transport = new FakeTransport();
    await sendVoiceWhisper({ recipientId: "bob", audio: clip(), audioDuration: 2, isVoiceModulated: true }, db);
    // Online for the upload URL but the upload itself fails: the network dropped mid-way.
    const realUpload = transport.upload.bind(transport);
    let failures = 0;
    transport.upload = async (url, blob) => {
      if (failures++ < 2) throw new TypeError("Failed to fetch");
      return realUpload(url, blob);
    };
    start(db, transport);
    await waitFor(async () => (await db.outbox.count()) === 0, 5000);
    expect(transport.server.uploads).toBe(1);
    expect(transport.server.whispers).toHaveLength(1);
  });
});
