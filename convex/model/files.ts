// Uploaded files: claiming a storageId for a whisper (owner, type and size checks), releasing it, sweeping orphans.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "../lib/errors";

export type FileKind = "image" | "voice";

const MB = 1024 * 1024;

/** What each kind of attachment may be. */
export const FILE_RULES: Record<FileKind, { typePrefix: string; maxBytes: number; label: string }> = {
  image: { typePrefix: "image/", maxBytes: 5 * MB, label: "An image" },
  voice: { typePrefix: "audio/", maxBytes: 2 * MB, label: "A voice whisper" },
};

/** The longest voice whisper, in seconds. */
export const MAX_AUDIO_SECONDS = 120;

/** An upload nobody claimed within this long is deleted by the orphan sweep. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/** How far back each sweep looks (it runs hourly; the overlap tolerates missed runs). */
export const ORPHAN_LOOKBACK_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Records `ownerId` as the owner of `storageId` for a `kind` attachment.
 * Refuses: a storageId with no stored file (NOT_FOUND), another user's file (FORBIDDEN), a file
 * already attached elsewhere (CONFLICT), a wrong content type or a too-large file (INVALID).
 *
 * A refused file is never recorded as claimed, so the orphan sweep (`sweepOrphans`) deletes it
 * from storage: a mutation that fails is rolled back whole, storage deletes included, so the
 * failing call itself cannot delete it.
 */
export async function claimFile(
  ctx: MutationCtx,
  ownerId: Id<"users">,
  storageId: Id<"_storage">,
  kind: FileKind,
): Promise<void> {
  const meta = await ctx.db.system.get("_storage", storageId);
  if (!meta) fail("NOT_FOUND", "That file was not found. Upload it again.");
  const claimed = await fileRow(ctx, storageId);
  if (claimed && claimed.ownerId !== ownerId) fail("FORBIDDEN", "You can only attach files you uploaded.");
  if (claimed) fail("CONFLICT", "That file is already attached to another whisper. Upload it again.");
  const rule = FILE_RULES[kind];
  const contentType = meta.contentType ?? "";
  if (!contentType.startsWith(rule.typePrefix)) {
    fail("INVALID", `${rule.label} must be a ${rule.typePrefix}* file (got ${contentType || "an unknown type"}).`);
  }
  if (meta.size > rule.maxBytes) {
    fail("INVALID", `${rule.label} can be at most ${rule.maxBytes / MB} MB.`);
  }
  await ctx.db.insert("files", { storageId, ownerId, kind, updatedAt: Date.now() });
}

/** Deletes a claimed file from storage and forgets its owner (whisper deleted, cancelled or erased). */
export async function releaseFile(ctx: MutationCtx, storageId: Id<"_storage">): Promise<void> {
  const row = await fileRow(ctx, storageId);
  if (row) await ctx.db.delete("files", row._id);
  if (await ctx.db.system.get("_storage", storageId)) await ctx.storage.delete(storageId);
}

/**
 * Deletes up to `batch` uploads made between `from` and `before` (creation times) that nobody
 * claimed: refused attachments and abandoned uploads. Returns how many it looked at, how many it
 * deleted, and the creation time to continue from when the batch was full.
 */
export async function sweepOrphans(
  ctx: MutationCtx,
  from: number,
  before: number,
  batch: number,
): Promise<{ scanned: number; deleted: number; continueFrom: number | null }> {
  const uploads = await ctx.db.system
    .query("_storage")
    .withIndex("by_creation_time", (q) => q.gt("_creationTime", from).lt("_creationTime", before))
    .take(batch);
  let deleted = 0;
  for (const upload of uploads) {
    if (await fileRow(ctx, upload._id)) continue;
    await ctx.storage.delete(upload._id);
    deleted += 1;
  }
  const last = uploads[uploads.length - 1];
  return { scanned: uploads.length, deleted, continueFrom: uploads.length === batch ? last._creationTime : null };
}

async function fileRow(ctx: MutationCtx, storageId: Id<"_storage">): Promise<Doc<"files"> | null> {
  return await ctx.db
    .query("files")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .unique();
}
