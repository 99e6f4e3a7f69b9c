// Image and voice whispers: claiming uploads (owner, type, size), URLs in projections, flags and limits.
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { codeOf, newTest, type Person, person, storeFile, type TestConvex } from "./test.setup";

const MB = 1024 * 1024;
const newId = () => crypto.randomUUID();

const sendImage = (from: Person, to: Person, imageStorageId: Id<"_storage">, content = "") =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content, imageStorageId });

const sendVoice = (from: Person, to: Person, audioStorageId: Id<"_storage">, audioDuration = 12) =>
  from.as.mutation(api.whispers.sendVoiceWhisper, {
    clientId: newId(),
    recipientId: to.id,
    audioStorageId,
    audioDuration,
    isVoiceModulated: true,
  });

const fileRows = (t: TestConvex) => t.run((ctx) => ctx.db.query("files").collect());
const stored = (t: TestConvex, id: Id<"_storage">) => t.run((ctx) => ctx.db.system.get("_storage", id));

const disable = (t: TestConvex, name: string) =>
  t.run((ctx) => ctx.db.insert("featureFlags", { name, enabled: false, updatedAt: Date.now() }));

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

describe("image whispers", () => {
  test("an image alone is a whisper; its URL is stored and the file claimed by its sender", async () => {
    const { t, alice, bob } = await setup();
    const image = await storeFile(t, "image/webp", 200_000);
    const { whisperId, conversationId } = await sendImage(alice, bob, image);
    const whisper = await t.run((ctx) => ctx.db.get("whispers", whisperId));
    expect(whisper).toMatchObject({ content: "", imageStorageId: image });
    expect(whisper!.imageUrl).toMatch(/^https?:\/\//);
    expect(await fileRows(t)).toMatchObject([{ storageId: image, ownerId: alice.id, kind: "image" }]);
    const page = await bob.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(page.page[0].imageUrl).toBe(whisper!.imageUrl);
  });

  test("refuses a wrong type or a file over 5 MB; the sweep deletes the refused files", async () => {
    const { t, alice, bob } = await setup();
    const pdf = await storeFile(t, "application/pdf", 1000);
    await expect(sendImage(alice, bob, pdf, "look")).rejects.toThrow(/image\/\*/);
    const huge = await storeFile(t, "image/png", 5 * MB + 1);
    await expect(sendImage(alice, bob, huge, "look")).rejects.toThrow(/at most 5 MB/);
    expect(await codeOf(sendImage(alice, bob, huge, "look"))).toBe("INVALID");
    expect(await t.run((ctx) => ctx.db.query("whispers").collect())).toHaveLength(0);
    expect(await fileRows(t)).toHaveLength(0);

    // A failed mutation is rolled back whole (a storage delete too): the sweep removes refused files.
    expect(await stored(t, pdf)).not.toBeNull();
    const sweep = await t.mutation(internal.files.sweepOrphanFiles, { graceMs: 0 });
    expect(sweep.deleted).toBe(2);
    expect(await stored(t, pdf)).toBeNull();
    expect(await stored(t, huge)).toBeNull();
  });

  test("exactly 5 MB is fine", async () => {
    const { t, alice, bob } = await setup();
    expect(await codeOf(sendImage(alice, bob, await storeFile(t, "image/jpeg", 5 * MB)))).toBe("OK");
  });

  test("someone else's file is FORBIDDEN, a reused file CONFLICT, a missing one NOT_FOUND", async () => {
    const { t, alice, bob } = await setup();
    const bobs = await storeFile(t, "image/png");
    await sendImage(bob, alice, bobs);
    expect(await codeOf(sendImage(alice, bob, bobs, "mine now"))).toBe("FORBIDDEN");
    expect(await codeOf(sendImage(bob, alice, bobs, "again"))).toBe("CONFLICT");
    const gone = await storeFile(t, "image/png");
    await t.run((ctx) => ctx.storage.delete(gone));
    expect(await codeOf(sendImage(alice, bob, gone))).toBe("NOT_FOUND");
  });

  test("IMAGE_WHISPERS off refuses images but not text", async () => {
    const { t, alice, bob } = await setup();
    await disable(t, "IMAGE_WHISPERS");
    expect(await codeOf(sendImage(alice, bob, await storeFile(t, "image/png")))).toBe("FEATURE_DISABLED");
    const text = alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "text",
    });
    expect(await codeOf(text)).toBe("OK");
  });
});

describe("sendVoiceWhisper", () => {
  test("sends a voice clip; the projection carries an audio URL, duration and modulation", async () => {
    const { t, alice, bob } = await setup();
    const clip = await storeFile(t, "audio/webm", 300_000);
    const { whisperId, conversationId } = await sendVoice(alice, bob, clip, 42.5);
    expect(await fileRows(t)).toMatchObject([{ storageId: clip, ownerId: alice.id, kind: "voice" }]);
    const page = await bob.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(page.page[0]).toMatchObject({ _id: whisperId, audioDuration: 42.5, isVoiceModulated: true, content: "" });
    expect(page.page[0].audioUrl).toMatch(/^https?:\/\//);
  });

  test("duration must be within (0, 120] seconds", async () => {
    const { t, alice, bob } = await setup();
    for (const duration of [0, -1, 120.5, Number.NaN]) {
      expect(await codeOf(sendVoice(alice, bob, await storeFile(t, "audio/ogg"), duration))).toBe("INVALID");
    }
    expect(await codeOf(sendVoice(alice, bob, await storeFile(t, "audio/ogg"), 120))).toBe("OK");
  });

  test("refuses a non-audio file and one over 2 MB", async () => {
    const { t, alice, bob } = await setup();
    await expect(sendVoice(alice, bob, await storeFile(t, "image/png"))).rejects.toThrow(/audio\/\*/);
    await expect(sendVoice(alice, bob, await storeFile(t, "audio/mpeg", 2 * MB + 1))).rejects.toThrow(/2 MB/);
  });

  test("exactly-once, flag-gated and rate limited", async () => {
    const { t, alice, bob } = await setup();
    const clip = await storeFile(t, "audio/webm");
    const args = {
      clientId: newId(),
      recipientId: bob.id,
      audioStorageId: clip,
      audioDuration: 3,
      isVoiceModulated: false,
    };
    const first = await alice.as.mutation(api.whispers.sendVoiceWhisper, args);
    expect(await alice.as.mutation(api.whispers.sendVoiceWhisper, args)).toEqual(first);
    expect(await t.run((ctx) => ctx.db.query("whispers").collect())).toHaveLength(1);

    await t.run(async (ctx) => {
      const key = `voiceWhisper:${alice.id}`;
      const bucket = await ctx.db
        .query("rateLimits")
        .withIndex("by_key", (q) => q.eq("key", key))
        .unique();
      await ctx.db.patch("rateLimits", bucket!._id, { tokens: 0, refilledAt: Date.now() });
    });
    expect(await codeOf(sendVoice(alice, bob, await storeFile(t, "audio/webm")))).toBe("RATE_LIMITED");
    await disable(t, "VOICE_WHISPERS");
    expect(await codeOf(sendVoice(bob, alice, await storeFile(t, "audio/webm")))).toBe("FEATURE_DISABLED");
  });
});
