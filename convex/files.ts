// Uploads: upload URLs, registration (type and length decided from the bytes, bound to the uploader) and the sweep of unattached files.
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

/** POST the file there, then registerUpload its storageId before attaching it. */
export const generateUploadUrl = viewerMutation({
  args: {},
  returns: v.string(),
  handler: async (ctx) => {
    await requireFeature(ctx, "IMAGE_WHISPERS");
    await consume(ctx, "upload", ctx.viewer._id);
    return await ctx.storage.generateUploadUrl();
  },
});

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

/** Type and clip length come from the bytes (a refused file is deleted at once); the first to register an (unguessable) storageId owns it. */
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
      // Delete a refused file now (it could be served until the sweep): an action's storage delete survives the throw.
      if (isCode(error, "INVALID")) await ctx.storage.delete(storageId);
      throw error;
    }
  },
});

function isCode(error: unknown, code: string): boolean {
  return error instanceof ConvexError && (error.data as { code?: unknown } | null)?.code === code;
}

/** registerUpload's database reads: the checked viewer, the stored size (null: missing) and an earlier registration's answer. */
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

/** Rechecks ownership: two registrations may race. */
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

/** Every stored file must be attached within ORPHAN_GRACE_MS or it goes; `from`/`graceMs` are for the continuation and tests. */
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
