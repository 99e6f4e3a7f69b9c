// Uploads: short-lived upload URLs, registering an upload (its type and length decided from its bytes, bound to its uploader), and the sweep of unattached files.
import { ConvexError, type Infer, v } from "convex/values";
import { internal } from "./_generated/api";
import { action, internalMutation, internalQuery } from "./_generated/server";
import { requireViewer } from "./lib/auth";
import { fail } from "./lib/errors";
import { type FeatureName, requireFeature } from "./lib/flags";
import { viewerMutation } from "./lib/functions";
import { consume } from "./lib/rateLimit";
import {
  FILE_RULES,
  type FileKind,
  fileRow,
  inspectUpload,
  ORPHAN_GRACE_MS,
  ORPHAN_LOOKBACK_MS,
  recordUpload,
  requireOwnRegistration,
  sweepOrphans,
} from "./model/files";

const SWEEP_BATCH = 200;

/**
 * An upload URL for an image (POST the file; the response holds its storageId). Then register
 * it (`registerUpload`): JPEG, PNG, WebP or GIF by its bytes, at most 5 MB.
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

/** An upload URL for a voice clip; then register it: WebM, Ogg, WAV or MP4 by its bytes, at most 2 MB and 120 s. */
export const generateVoiceUploadUrl = viewerMutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    await requireFeature(ctx, "VOICE_WHISPERS");
    await consume(ctx, "upload", ctx.viewer._id);
    return await ctx.storage.generateUploadUrl();
  },
});

const fileKind = v.union(v.literal("image"), v.literal("voice"));
const FEATURE_OF: Record<FileKind, FeatureName> = { image: "IMAGE_WHISPERS", voice: "VOICE_WHISPERS" };

const registered = v.object({ contentType: v.string(), size: v.number(), duration: v.optional(v.number()) });
type Registered = Infer<typeof registered>;
const registrationState = v.object({
  viewerId: v.id("users"),
  size: v.union(v.number(), v.null()),
  registered: v.union(registered, v.null()),
});
type Registration = Infer<typeof registrationState>;

/**
 * Registers an upload right after its POST, before a whisper may attach it: reads the bytes,
 * decides the type from them (lib/fileTypes.ts) and a voice clip's length from the file
 * (lib/mediaDuration.ts), and records the file as the viewer's, pending until attached.
 * A file that is not an allowed type of `kind` (SVG, HTML, unknown, an image sent as voice), too
 * large, or a clip whose length can't be read or is over 120 s is deleted at once: INVALID.
 * The first registration binds the storageId to its uploader (storage ids are unguessable, so
 * only the uploader has it): again by them it answers the same (a retry after a lost answer);
 * by anyone else FORBIDDEN, and nothing changes.
 */
// eslint-disable-next-line @convex-dev/require-access-control -- checked by internal.files.registration (requireViewer) before anything is read
export const registerUpload = action({
  args: { storageId: v.id("_storage"), kind: fileKind },
  returns: registered,
  handler: async (ctx, { storageId, kind }): Promise<Registered> => {
    const state: Registration = await ctx.runQuery(internal.files.registration, { storageId, kind });
    if (state.registered) return state.registered;
    if (state.size === null) fail("NOT_FOUND", "That file was not found. Upload it again.");
    try {
      const rule = FILE_RULES[kind];
      // Refused by its size before its bytes are read into memory.
      if (state.size > rule.maxBytes) fail("INVALID", `${rule.label} can be at most ${rule.maxBytes / (1024 * 1024)} MB.`);
      const blob = await ctx.storage.get(storageId);
      if (!blob) fail("NOT_FOUND", "That file was not found. Upload it again.");
      const inspected = inspectUpload(new Uint8Array(await blob.arrayBuffer()), kind);
      await ctx.runMutation(internal.files.recordRegistration, { storageId, kind, ownerId: state.viewerId, ...inspected });
      return inspected;
    } catch (error) {
      // A refused file never lingers (it could be served until the sweep); storage deletes in an
      // action are immediate, not rolled back with the error.
      if (isCode(error, "INVALID")) await ctx.storage.delete(storageId);
      throw error;
    }
  },
});

function isCode(error: unknown, code: string): boolean {
  return error instanceof ConvexError && (error.data as { code?: unknown } | null)?.code === code;
}

/**
 * registerUpload's view of the database: the viewer (signed in, active; the kind's feature on),
 * the file's size (null when it is not stored) and, when it is registered already, the answer
 * for its owner (FORBIDDEN for anyone else).
 */
export const registration = internalQuery({
  args: { storageId: v.id("_storage"), kind: fileKind },
  returns: registrationState,
  handler: async (ctx, { storageId, kind }) => {
    const viewer = await requireViewer(ctx);
    await requireFeature(ctx, FEATURE_OF[kind]);
    const meta = await ctx.db.system.get("_storage", storageId);
    const row = await fileRow(ctx, storageId);
    if (row) requireOwnRegistration(row, viewer._id);
    const answer = row && {
      contentType: row.contentType ?? meta?.contentType ?? "application/octet-stream",
      size: row.size ?? meta?.size ?? 0,
      ...(row.duration !== undefined ? { duration: row.duration } : {}),
    };
    return { viewerId: viewer._id, size: meta?.size ?? null, registered: answer };
  },
});

/** Records what registerUpload found; rechecks ownership (two registrations may race). */
export const recordRegistration = internalMutation({
  args: {
    storageId: v.id("_storage"),
    kind: fileKind,
    ownerId: v.id("users"),
    contentType: v.string(),
    size: v.number(),
    duration: v.optional(v.number()),
  },
  returns: v.null(),
  handler: async (ctx, { storageId, kind, ownerId, contentType, size, duration }) => {
    const type = FILE_RULES[kind].types.find((t) => t === contentType);
    if (!type) fail("INVALID", `${contentType} is not a ${kind} type.`);
    await recordUpload(ctx, ownerId, storageId, kind, { contentType: type, size, duration });
    return null;
  },
});

/**
 * Deletes uploads not attached within an hour (never registered, or registered and still pending:
 * abandoned sends), a bounded batch per run, continuing in a follow-up run while batches are full.
 * crons.ts runs it hourly. `from`/`graceMs` exist for the continuation and for tests. Every
 * stored file must be attached (a `files` row without `pending`, model/files.ts claimFile)
 * within the hour, or it is deleted.
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
