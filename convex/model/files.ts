// Uploaded files: registration (from the bytes, bound to the uploader), attaching to a whisper, release and the orphan sweep.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { type FileKind, type InlineType, KIND_TYPES, sniffType } from "../lib/fileTypes";
import { mediaDuration } from "../lib/mediaDuration";

export type { FileKind };

const MB = 1024 * 1024;

/** What each kind of attachment may be: its inline types (from the bytes, lib/fileTypes.ts) and size. */
export const FILE_RULES: Record<FileKind, { types: readonly InlineType[]; maxBytes: number; label: string }> = {
  image: { types: KIND_TYPES.image, maxBytes: 5 * MB, label: "An image" },
  voice: { types: KIND_TYPES.voice, maxBytes: 2 * MB, label: "A voice whisper" },
};

/** The longest voice whisper, in seconds. */
export const MAX_AUDIO_SECONDS = 120;

/** An upload nobody registered, or registered but never attached, within this long is deleted by the orphan sweep. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/** How far back each sweep looks (it runs hourly; the overlap tolerates missed runs). */
export const ORPHAN_LOOKBACK_MS = 2 * 24 * 60 * 60 * 1000;

/** What registering found out about an upload from its bytes. */
export type Inspected = { contentType: InlineType; size: number; duration?: number };

/** From the bytes, never the declared type: SVG, HTML, anything unknown or an image sent as voice is INVALID. */
export function inspectUpload(bytes: Uint8Array, kind: FileKind): Inspected {
  const rule = FILE_RULES[kind];
  if (bytes.length > rule.maxBytes) fail("INVALID", `${rule.label} can be at most ${rule.maxBytes / MB} MB.`);
  const type = sniffType(bytes);
  if (!type || !rule.types.includes(type)) {
    const allowed = rule.types.map((t) => t.split("/")[1]!.toUpperCase()).join(", ");
    fail("INVALID", `${rule.label} must be one of ${allowed} (this file is ${type ?? "of another type"}).`);
  }
  if (kind === "image") return { contentType: type, size: bytes.length };
  const duration = mediaDuration(bytes, type);
  if (duration === null) fail("INVALID", "This voice clip's length could not be read from the file. Record it again.");
  if (duration > MAX_AUDIO_SECONDS) fail("INVALID", `A voice whisper lasts at most ${MAX_AUDIO_SECONDS} seconds.`);
  return { contentType: type, size: bytes.length, duration: Math.round(duration * 1000) / 1000 };
}

/** The first registration binds the storageId: again by its uploader a no-op (a retry), by anyone else FORBIDDEN. */
export async function recordUpload(
  ctx: MutationCtx,
  ownerId: Id<"users">,
  storageId: Id<"_storage">,
  kind: FileKind,
  inspected: Inspected,
): Promise<void> {
  if (!(await ctx.db.system.get("_storage", storageId))) fail("NOT_FOUND", "That file was not found. Upload it again.");
  const existing = await fileRow(ctx, storageId);
  if (existing) return requireOwnRegistration(existing, ownerId);
  await ctx.db.insert("files", { storageId, ownerId, kind, ...inspected, pending: true, updatedAt: Date.now() });
}

/** The answer to registering an already registered file: fine for its owner, FORBIDDEN for anyone else. */
export function requireOwnRegistration(row: Doc<"files">, ownerId: Id<"users">): void {
  if (row.ownerId !== ownerId) fail("FORBIDDEN", "You can only register files you uploaded.");
}

/** A refused file stays as it was for the orphan sweep: the failing mutation rolls back whole, so it couldn't delete it anyway. */
export async function claimFile(
  ctx: MutationCtx,
  ownerId: Id<"users">,
  storageId: Id<"_storage">,
  kind: FileKind,
): Promise<Doc<"files">> {
  const row = await fileRow(ctx, storageId);
  if (!row) fail("INVALID", "That file was never registered. Upload it again.");
  if (row.ownerId !== ownerId) fail("FORBIDDEN", "You can only attach files you uploaded.");
  if (!row.pending) fail("CONFLICT", "That file is already attached to another whisper. Upload it again.");
  if (row.kind !== kind) fail("INVALID", `That file was uploaded as ${row.kind === "image" ? "an image" : "a voice clip"}.`);
  if (!(await ctx.db.system.get("_storage", storageId))) fail("NOT_FOUND", "That file was not found. Upload it again.");
  await ctx.db.patch("files", row._id, { pending: undefined, updatedAt: Date.now() });
  return row;
}

/** Deletes a claimed file from storage and forgets its owner (whisper deleted, cancelled or erased). */
export async function releaseFile(ctx: MutationCtx, storageId: Id<"_storage">): Promise<void> {
  const row = await fileRow(ctx, storageId);
  if (row) await ctx.db.delete("files", row._id);
  if (await ctx.db.system.get("_storage", storageId)) await ctx.storage.delete(storageId);
}

/** Never attached (unregistered, or pending: abandoned sends) goes with its row; continueFrom is set when the batch was full. */
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
    const row = await fileRow(ctx, upload._id);
    if (row && !row.pending) continue;
    if (row) await ctx.db.delete("files", row._id);
    await ctx.storage.delete(upload._id);
    deleted += 1;
  }
  const last = uploads[uploads.length - 1];
  return { scanned: uploads.length, deleted, continueFrom: uploads.length === batch ? last._creationTime : null };
}

export async function fileRow(ctx: QueryCtx, storageId: Id<"_storage">): Promise<Doc<"files"> | null> {
  return await ctx.db
    .query("files")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .unique();
}
