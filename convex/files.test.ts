// Uploads: upload URLs (signed in, flag-gated, rate limited) and the sweep that deletes unclaimed files.
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import { claimFile } from "./model/files";
import { codeOf, newTest, person, storeFile } from "./test.setup";

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

describe("sweepOrphanFiles", () => {
  test("deletes unclaimed uploads older than the grace period, never claimed ones", async () => {
    const t = newTest();
    const alice = await person(t, "alice");
    const claimed = await storeFile(t, "image/png");
    const orphan = await storeFile(t, "image/png");
    await t.run((ctx) => claimFile(ctx, alice.id, claimed, "image"));

    expect(await t.mutation(internal.files.sweepOrphanFiles, {})).toEqual({ scanned: 0, deleted: 0 });
    expect(await t.mutation(internal.files.sweepOrphanFiles, { graceMs: 0 })).toEqual({ scanned: 2, deleted: 1 });
    const left = await t.run(async (ctx) => ({
      claimed: await ctx.db.system.get("_storage", claimed),
      orphan: await ctx.db.system.get("_storage", orphan),
    }));
    expect(left.claimed).not.toBeNull();
    expect(left.orphan).toBeNull();
  });

  test("works in bounded batches and continues by itself", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < 205; i++) await ctx.storage.store(new Blob([new Uint8Array(8)]));
    });
    expect(await t.mutation(internal.files.sweepOrphanFiles, { graceMs: 0 })).toEqual({ scanned: 200, deleted: 200 });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await t.finishInProgressScheduledFunctions();
    expect(await t.run((ctx) => ctx.db.system.query("_storage").collect())).toEqual([]);
  });
});
