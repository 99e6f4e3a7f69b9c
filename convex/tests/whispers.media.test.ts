// Image and voice whispers: attaching registered uploads (owner, kind, once), lengths from the file, URLs in projections, flags and limits.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";
import { PNG, pngOfSize, storeBytes, upload, wav, webm } from "./uploads.fixtures";

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
const whisperCount = async (t: TestConvex) => (await t.run((ctx) => ctx.db.query("whispers").collect())).length;

const disable = (t: TestConvex, name: string) =>
  t.run((ctx) => ctx.db.insert("featureFlags", { name, enabled: false, updatedAt: Date.now() }));

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

describe("image whispers", () => {
  test("an image alone is a whisper; its URL is stored and the registered file attached (no longer pending)", async () => {
    const { t, alice, bob } = await setup();
    const image = await upload(t, alice, "image", pngOfSize(200_000));
    const { whisperId, conversationId } = await sendImage(alice, bob, image);
    const whisper = await t.run((ctx) => ctx.db.get("whispers", whisperId));
    expect(whisper).toMatchObject({ content: "", imageStorageId: image });
    expect(whisper!.imageUrl).toMatch(/^https?:\/\//);
    const rows = await fileRows(t);
    expect(rows).toMatchObject([{ storageId: image, ownerId: alice.id, kind: "image", contentType: "image/png" }]);
    expect(rows[0]).not.toHaveProperty("pending");
    const page = await bob.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(page.page[0].imageUrl).toBe(whisper!.imageUrl);
  });

  test("an unregistered upload is refused (upload it again); nothing is written", async () => {
    const { t, alice, bob } = await setup();
    const raw = await storeBytes(t, PNG, "image/png");
    await expect(sendImage(alice, bob, raw, "look")).rejects.toThrow(/Upload it again/);
    expect(await codeOf(sendImage(alice, bob, raw, "look"))).toBe("INVALID");
    expect(await whisperCount(t)).toBe(0);
    expect(await fileRows(t)).toHaveLength(0);
  });

  test("exactly 5 MB is fine", async () => {
    const { t, alice, bob } = await setup();
    expect(await codeOf(sendImage(alice, bob, await upload(t, alice, "image", pngOfSize(5 * MB))))).toBe("OK");
  });

  test("someone else's upload is FORBIDDEN (and its owner can still attach it), an attached one CONFLICT, a voice clip INVALID, a gone one NOT_FOUND", async () => {
    const { t, alice, bob } = await setup();
    const bobs = await upload(t, bob, "image");
    expect(await codeOf(sendImage(alice, bob, bobs, "mine now"))).toBe("FORBIDDEN");
    expect(await codeOf(sendImage(bob, alice, bobs))).toBe("OK");
    expect(await codeOf(sendImage(alice, bob, bobs, "mine now"))).toBe("FORBIDDEN");
    expect(await codeOf(sendImage(bob, alice, bobs, "again"))).toBe("CONFLICT");
    expect(await codeOf(sendImage(alice, bob, await upload(t, alice, "voice")))).toBe("INVALID");
    const gone = await upload(t, alice, "image");
    await t.run((ctx) => ctx.storage.delete(gone));
    expect(await codeOf(sendImage(alice, bob, gone))).toBe("NOT_FOUND");
    expect(await whisperCount(t)).toBe(1);
  });

  test("IMAGE_WHISPERS off refuses images but not text", async () => {
    const { t, alice, bob } = await setup();
    const image = await upload(t, alice, "image");
    await disable(t, "IMAGE_WHISPERS");
    expect(await codeOf(sendImage(alice, bob, image))).toBe("FEATURE_DISABLED");
    const text = alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "text",
    });
    expect(await codeOf(text)).toBe("OK");
  });
});

describe("sendVoiceWhisper", () => {
  test("sends a voice clip; the projection carries an audio URL, the length read from the file and modulation", async () => {
    const { t, alice, bob } = await setup();
    const clip = await upload(t, alice, "voice", webm(42_500));
    const { whisperId, conversationId } = await sendVoice(alice, bob, clip, 42.5);
    expect(await fileRows(t)).toMatchObject([{ storageId: clip, ownerId: alice.id, kind: "voice", duration: 42.5 }]);
    const page = await bob.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(page.page[0]).toMatchObject({ _id: whisperId, audioDuration: 42.5, isVoiceModulated: true, content: "" });
    expect(page.page[0].audioUrl).toMatch(/^https?:\/\//);
  });

  test("the declared length is ignored: the whisper stores the file's", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await sendVoice(alice, bob, await upload(t, alice, "voice", wav(3)), 110);
    expect((await t.run((ctx) => ctx.db.get("whispers", whisperId)))?.audioDuration).toBe(3);
  });

  test("a declared duration outside (0, 120] seconds is still refused", async () => {
    const { t, alice, bob } = await setup();
    for (const duration of [0, -1, 120.5, Number.NaN]) {
      expect(await codeOf(sendVoice(alice, bob, await upload(t, alice, "voice"), duration))).toBe("INVALID");
    }
    expect(await codeOf(sendVoice(alice, bob, await upload(t, alice, "voice"), 120))).toBe("OK");
  });

  test("an image, an unregistered clip or another person's clip is refused", async () => {
    const { t, alice, bob } = await setup();
    await expect(sendVoice(alice, bob, await upload(t, alice, "image"))).rejects.toThrow(/uploaded as an image/);
    await expect(sendVoice(alice, bob, await storeBytes(t, wav(2), "audio/wav"))).rejects.toThrow(/Upload it again/);
    expect(await codeOf(sendVoice(alice, bob, await upload(t, bob, "voice")))).toBe("FORBIDDEN");
    expect(await whisperCount(t)).toBe(0);
  });

  test("exactly-once, flag-gated and rate limited", async () => {
    const { t, alice, bob } = await setup();
    const clip = await upload(t, alice, "voice");
    const args = {
      clientId: newId(),
      recipientId: bob.id,
      audioStorageId: clip,
      audioDuration: 3,
      isVoiceModulated: false,
    };
    const first = await alice.as.mutation(api.whispers.sendVoiceWhisper, args);
    expect(await alice.as.mutation(api.whispers.sendVoiceWhisper, args)).toEqual(first);
    expect(await whisperCount(t)).toBe(1);

    await t.run(async (ctx) => {
      const key = `voiceWhisper:${alice.id}`;
      const bucket = await ctx.db
        .query("rateLimits")
        .withIndex("by_key", (q) => q.eq("key", key))
        .unique();
      await ctx.db.patch("rateLimits", bucket!._id, { tokens: 0, refilledAt: Date.now() });
    });
    expect(await codeOf(sendVoice(alice, bob, await upload(t, alice, "voice")))).toBe("RATE_LIMITED");
    const bobs = await upload(t, bob, "voice");
    await disable(t, "VOICE_WHISPERS");
    expect(await codeOf(sendVoice(bob, alice, bobs))).toBe("FEATURE_DISABLED");
  });
});
