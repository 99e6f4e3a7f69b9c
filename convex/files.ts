// Uploads: short-lived upload URLs for images and voice clips, and the sweep that deletes unclaimed uploads.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { requireFeature } from "./lib/flags";
import { viewerMutation } from "./lib/functions";
import { consume } from "./lib/rateLimit";
import { ORPHAN_GRACE_MS, ORPHAN_LOOKBACK_MS, sweepOrphans } from "./model/files";

const SWEEP_BATCH = 200;

/**
 * An upload URL for an image (POST the file with its Content-Type; the response holds its
 * storageId). The file is checked when a whisper claims it: image/* and at most 5 MB.
 */
export const generateUploadUrl = viewerMutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    await requireFeature(ctx, "IMAGE_WHISPERS");
    await consume(ctx, "upload", ctx.viewer._id);
    return await ctx.storage.generateUploadUrl();
  },
});

/** An upload URL for a voice clip; checked when claimed: audio/*, at most 2 MB (and 120 s). */
export const generateVoiceUploadUrl = viewerMutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    await requireFeature(ctx, "VOICE_WHISPERS");
    await consume(ctx, "upload", ctx.viewer._id);
    return await ctx.storage.generateUploadUrl();
  },
});

/**
 * Deletes uploads nobody claimed within an hour (refused attachments, abandoned uploads), a
 * bounded batch per run, continuing in a follow-up run while batches are full. crons.ts runs it
 * hourly. `from`/`graceMs` exist for the continuation and for tests. Every stored file must be
 * claimed (a `files` row, see model/files.ts claimFile) within the hour, or it is deleted.
 */
export const sweepOrphanFiles = internalMutation({
  args: { from: v.optional(v.number()), graceMs: v.optional(v.number()) },
  returns: v.object({ scanned: v.number(), deleted: v.number() }),
  handler: async (ctx, { from, graceMs = ORPHAN_GRACE_MS }) => {
    const before = Date.now() - graceMs;
    const start = from ?? before - ORPHAN_LOOKBACK_MS;
    const result = await sweepOrphans(ctx, start, before, SWEEP_BATCH);
    if (result.continueFrom !== null) {
      await ctx.scheduler.runAfter(0, internal.files.sweepOrphanFiles, { from: result.continueFrom, graceMs });
    }
    return { scanned: result.scanned, deleted: result.deleted };
  },
});
