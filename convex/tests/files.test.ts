// Uploads: upload URLs (signed in, flag-gated, rate limited), registering (type and length from the bytes, bound to the uploader) and the sweep of unattached files.
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { claimFile } from "../model/files";
import { codeOf, newTest, scheduledDone, person, type Person, type TestConvex } from "./test.setup";
import { HTML, oggOpus, PNG, pngOfSize, recorded, storeBytes, SVG, upload, wav, webm } from "./uploads.fixtures";

const MB = 1024 * 1024;
const register = (who: Person, storageId: Id<"_storage">, kind: "image" | "voice") =>
  who.as.action(api.files.registerUpload, { storageId, kind });
const rowOf = (t: TestConvex, storageId: Id<"_storage">) =>
  t.run((ctx) => ctx.db.query("files").withIndex("by_storageId", (q) => q.eq("storageId", storageId)).unique());
const stored = (t: TestConvex, storageId: Id<"_storage">) => t.run((ctx) => ctx.db.system.get("_storage", storageId));

describe("upload URLs", () => {
  test("signed-in people get one for images and one for voice", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    expect(await alice.as.mutation(api.files.generateUploadUrl, {})).toMatch(/^https?:\/\//);
    expect(await alice.as.mutation(api.files.generateVoiceUploadUrl, {})).toMatch(/^https?:\/\//);
    expect(await codeOf(t.mutation(api.files.generateUploadUrl, {}))).toBe("UNAUTHENTICATED");
    const banned = await person(t, "mallory", { banned: true });
    expect(await codeOf(banned.as.mutation(api.files.generateVoiceUploadUrl, {}))).toBe("BANNED");
  });

  test("each is gated by its feature flag", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    await t.run(async (ctx) => {
      await ctx.db.insert("featureFlags", { name: "IMAGE_WHISPERS", enabled: false, updatedAt: 0 });
      await ctx.db.insert("featureFlags", { name: "VOICE_WHISPERS", enabled: false, updatedAt: 0 });
    });
    expect(await codeOf(alice.as.mutation(api.files.generateUploadUrl, {}))).toBe("FEATURE_DISABLED");
    expect(await codeOf(alice.as.mutation(api.files.generateVoiceUploadUrl, {}))).toBe("FEATURE_DISABLED");
  });

  test("rate limited ('upload')", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    await t.run((ctx) =>
      ctx.db.insert("rateLimits", { key: `upload:${alice.id}`, tokens: 0.5, refilledAt: Date.now() }),
    );
    expect(await codeOf(alice.as.mutation(api.files.generateUploadUrl, {}))).toBe("RATE_LIMITED");
  });
});

describe("registerUpload", () => {
  test("an image's type comes from its bytes, not the uploader's Content-Type; the row is pending and the uploader's", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const storageId = await storeBytes(t, PNG, "text/html");
    expect(await register(alice, storageId, "image")).toEqual({ contentType: "image/png", size: PNG.length });
    expect(await rowOf(t, storageId)).toMatchObject({
      storageId, ownerId: alice.id, kind: "image", contentType: "image/png", size: PNG.length, pending: true,
    });
  });

  test("SVG, HTML, unknown bytes, an image sent as voice and a clip sent as an image are refused and deleted at once", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const cases: [Uint8Array, "image" | "voice", string][] = [
      [SVG, "image", "image/svg+xml"],
      [HTML, "image", "image/png"],
      [new Uint8Array(64).fill(7), "image", "image/jpeg"],
      [PNG, "voice", "audio/webm"],
      [wav(1), "image", "image/png"],
    ];
    for (const [bytes, kind, declared] of cases) {
      const storageId = await storeBytes(t, bytes, declared);
      await expect(register(alice, storageId, kind)).rejects.toThrow(kind === "image" ? /JPEG, PNG, WEBP, GIF/ : /WEBM, OGG, WAV/);
      expect(await codeOf(register(alice, await storeBytes(t, bytes, declared), kind))).toBe("INVALID");
      expect(await stored(t, storageId), `${declared} as ${kind} is gone`).toBeNull();
      expect(await rowOf(t, storageId)).toBeNull();
    }
    expect(await t.run((ctx) => ctx.db.system.query("_storage").collect())).toEqual([]);
  });

  test("size limits: images up to 5 MB, voice clips up to 2 MB; a larger file is deleted", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    expect(await codeOf(register(alice, await storeBytes(t, pngOfSize(5 * MB)), "image"))).toBe("OK");
    const huge = await storeBytes(t, pngOfSize(5 * MB + 1));
    await expect(register(alice, huge, "image")).rejects.toThrow(/at most 5 MB/);
    expect(await stored(t, huge)).toBeNull();
    const long = await storeBytes(t, wav(66, 16000)); // 2.1 MB
    await expect(register(alice, long, "voice")).rejects.toThrow(/at most 2 MB/);
    expect(await stored(t, long)).toBeNull();
  });

  test("a voice clip's length is read from the file: WAV, WebM (MediaRecorder's and a minimal one), MP4, Ogg Opus", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const durationOf = async (bytes: Uint8Array) => (await register(alice, await storeBytes(t, bytes, "audio/webm"), "voice")).duration;
    expect(await durationOf(wav(3.5))).toBe(3.5);
    expect(await durationOf(webm(4500))).toBeCloseTo(4.5, 2);
    expect(await durationOf(recorded("webm"))).toBeCloseTo(1.92, 2);
    expect(await durationOf(recorded("mp4"))).toBeCloseTo(1.941, 3);
    expect(await durationOf(oggOpus(7.25))).toBeCloseTo(7.25, 3);
    const clip = await storeBytes(t, wav(2));
    await register(alice, clip, "voice");
    expect(await rowOf(t, clip)).toMatchObject({ kind: "voice", contentType: "audio/wav", duration: 2, pending: true });
  });

  test("a clip over 120 s, or whose length can't be read, is refused and deleted", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const tooLong = await storeBytes(t, wav(121, 8000)); // 1.9 MB: under the size limit
    await expect(register(alice, tooLong, "voice")).rejects.toThrow(/at most 120 seconds/);
    expect(await stored(t, tooLong)).toBeNull();
    const headerOnly = webm(1000).subarray(0, 80); // EBML header and Info, no block
    const mp3 = Uint8Array.from([0x49, 0x44, 0x33, 3, 0, 0, 0, 0, 0, 0, 0xff, 0xfb, 0x90, 0x64]);
    for (const bytes of [headerOnly, mp3, wav(0)]) {
      const storageId = await storeBytes(t, bytes);
      await expect(register(alice, storageId, "voice")).rejects.toThrow(/length could not be read/);
      expect(await stored(t, storageId)).toBeNull();
    }
  });

  test("again by its uploader it answers the same; by anyone else FORBIDDEN and the owner's row and file are untouched", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const mallory = await person(t, "mallory");
    const storageId = await storeBytes(t, wav(2));
    const first = await register(alice, storageId, "voice");
    const row = await rowOf(t, storageId);
    expect(await register(alice, storageId, "voice")).toEqual(first);
    expect(await codeOf(register(mallory, storageId, "voice"))).toBe("FORBIDDEN");
    expect(await codeOf(register(mallory, storageId, "image"))).toBe("FORBIDDEN");
    expect(await rowOf(t, storageId)).toEqual(row);
    expect(await stored(t, storageId)).not.toBeNull();
    await t.run((ctx) => claimFile(ctx, alice.id, storageId, "voice"));
    expect(await register(alice, storageId, "voice")).toEqual(first);
  });

  test("signed in, active, the kind's feature on; a file that isn't there is NOT_FOUND", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const banned = await person(t, "ben", { banned: true });
    const storageId = await storeBytes(t, PNG);
    expect(await codeOf(t.action(api.files.registerUpload, { storageId, kind: "image" }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(register(banned, storageId, "image"))).toBe("BANNED");
    await t.run((ctx) => ctx.db.insert("featureFlags", { name: "IMAGE_WHISPERS", enabled: false, updatedAt: 0 }));
    expect(await codeOf(register(alice, storageId, "image"))).toBe("FEATURE_DISABLED");
    expect(await rowOf(t, storageId)).toBeNull();
    const gone = await storeBytes(t, wav(1));
    await t.run((ctx) => ctx.storage.delete(gone));
    expect(await codeOf(register(alice, gone, "voice"))).toBe("NOT_FOUND");
  });
});

describe("sweepOrphanFiles", () => {
  test("deletes unregistered uploads and registered ones never attached, older than the grace period; never attached ones", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const attached = await upload(t, alice, "image");
    const pending = await upload(t, alice, "voice");
    const orphan = await storeBytes(t, PNG);
    await t.run((ctx) => claimFile(ctx, alice.id, attached, "image"));

    expect(await t.mutation(internal.files.sweepOrphanFiles, {})).toEqual({ scanned: 0, deleted: 0 });
    expect(await t.mutation(internal.files.sweepOrphanFiles, { graceMs: 0 })).toEqual({ scanned: 3, deleted: 2 });
    expect(await stored(t, attached)).not.toBeNull();
    expect(await stored(t, pending)).toBeNull();
    expect(await stored(t, orphan)).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("files").collect())).toMatchObject([{ storageId: attached }]);
    expect((await rowOf(t, attached))?.pending).toBeUndefined();
  });

  test("works in bounded batches and continues by itself", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < 205; i++) await ctx.storage.store(new Blob([new Uint8Array(8)]));
    });
    // Past the millisecond of the last upload: with no grace the sweep takes files older than its start.
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await t.mutation(internal.files.sweepOrphanFiles, { graceMs: 0 })).toEqual({ scanned: 200, deleted: 200 });
    // The sweep scheduled its next batch: wait for it (and any it schedules), however busy the machine.
    await scheduledDone(t);
    expect(await t.run((ctx) => ctx.db.system.query("_storage").collect())).toEqual([]);
  });
});
