// Data export jobs: requesting one, collecting it in scheduled batches (one page each), finishing its file, resuming stalled jobs, expiring old files.
import { internal } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import { env, type MutationCtx, type QueryCtx } from "../_generated/server";
import { consume } from "../lib/rateLimit";
import { exportBase, exportPage } from "./dataExport";
import { BASE_SECTIONS, listParts, PAGED_SECTIONS, PARTS_PER_DELETE, PARTS_PER_READ, type PartText, valuePart } from "./dataExportParts";
import { releaseFile } from "./files";

/** A collecting job untouched this long has stalled (its batch threw, or its scheduled run was lost): the sweep restarts it. */
export const STALL_MS = 2 * 60 * 1000;
/** An assembling job untouched this long has stalled (its action died). */
export const ASSEMBLY_STALL_MS = 15 * 60 * 1000;
/** Restarts at the same place before a job fails for good (a batch that throws every time). */
export const MAX_RESUMES = 5;
/** A finished export's file is kept this long, then deleted with its job; failed jobs are forgotten as late. */
export const EXPORT_KEEP_MS = 7 * 24 * 60 * 60 * 1000;
/** Jobs the sweep handles per kind per run (it runs every few minutes). */
const SWEEP_BATCH = 20;

/** The collecting steps: 0 is the small sections at once, then each paged section; COLLECTED means all read. */
const COLLECTED = 1 + PAGED_SECTIONS.length;
/** Each collecting step's share of the progress bar (whispers dominate), and the share of collecting as a whole. */
const STEP_WEIGHTS = [0.05, 0.4, 0.4, 0.1, 0.05];
const COLLECTING_SHARE = 0.95;

export type ExportJob = Doc<"dataExports">;

/** EXPORT_BATCH_DELAY_MS spreads a large export's load (the e2e tests set it to watch progress); unset or invalid: 0. */
export function batchDelayMs(): number {
  const delay = Number(env.EXPORT_BATCH_DELAY_MS?.trim() || 0);
  return Number.isFinite(delay) && delay > 0 ? delay : 0;
}

/** The estimated share done at collecting step `step`, `within` (0..1) through it. */
export function progressAt(step: number, within: number): number {
  const before = STEP_WEIGHTS.slice(0, step).reduce((sum, weight) => sum + weight, 0);
  const current = step < COLLECTED ? STEP_WEIGHTS[step] * Math.min(1, Math.max(0, within)) : 0;
  return Math.round(COLLECTING_SHARE * (before + current) * 1000) / 1000;
}

/** How far through a paged section a row created at `at` is: rows are read oldest first, from the account's creation to the request. */
function withinSection(user: Doc<"users">, job: ExportJob, at: number | null): number {
  if (at === null || job.createdAt <= user._creationTime) return 0;
  return (at - user._creationTime) / (job.createdAt - user._creationTime);
}

export async function latestExport(ctx: QueryCtx, userId: Id<"users">): Promise<ExportJob | null> {
  return await ctx.db
    .query("dataExports")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .order("desc")
    .first();
}

const isRunning = (job: ExportJob) => job.status === "collecting" || job.status === "assembling";

function isStalled(job: ExportJob, now: number): boolean {
  if (job.status === "collecting") return job.updatedAt < now - STALL_MS;
  return job.status === "assembling" && job.updatedAt < now - ASSEMBLY_STALL_MS;
}

/** While one is running, returns it instead (restarting it when stalled). */
export async function requestExport(ctx: MutationCtx, viewer: Doc<"users">): Promise<Id<"dataExports">> {
  const now = Date.now();
  const latest = await latestExport(ctx, viewer._id);
  if (latest && isRunning(latest)) {
    if (isStalled(latest, now)) await resume(ctx, latest);
    return latest._id;
  }
  await consume(ctx, "dataExport", viewer._id);
  const exportId = await ctx.db.insert("dataExports", {
    userId: viewer._id,
    status: "collecting",
    section: 0,
    cursor: null,
    batch: 0,
    resumes: 0,
    items: 0,
    parts: 0,
    progress: 0,
    createdAt: now,
    updatedAt: now,
  });
  await ctx.scheduler.runAfter(0, internal.dataExports.collect, { exportId, batch: 0 });
  return exportId;
}

/** A no-op unless `batch` is due (a duplicate or late run); a batch that throws leaves the job for the sweep to rerun. */
export async function collectBatch(ctx: MutationCtx, exportId: Id<"dataExports">, batch: number): Promise<void> {
  const job = await ctx.db.get("dataExports", exportId);
  if (!job || job.status !== "collecting" || job.batch !== batch) return;
  const user = await ctx.db.get("users", job.userId);
  if (!user || user.isDeleted || user.isBanned) return await failExport(ctx, job, "This account can no longer export its data.");
  const texts: PartText[] = [];
  let { section, cursor, items, progress } = job;
  if (section === 0) {
    const base = await exportBase(ctx, user);
    for (const name of BASE_SECTIONS) {
      const value: unknown = base[name];
      texts.push(...(Array.isArray(value) ? listParts(name, value) : [valuePart(name, value)]));
      items += Array.isArray(value) ? value.length : 1;
    }
    [section, cursor, progress] = [1, null, progressAt(1, 0)];
  } else {
    const name = PAGED_SECTIONS[section - 1];
    const page = await exportPage(ctx, user, name, cursor);
    texts.push(...listParts(name, page.items));
    items += page.items.length;
    if (page.isDone) [section, cursor, progress] = [section + 1, null, progressAt(section + 1, 0)];
    else [cursor, progress] = [page.continueCursor, progressAt(section, withinSection(user, job, page.lastCreationTime))];
  }
  let seq = job.parts;
  for (const part of texts) await ctx.db.insert("dataExportParts", { exportId, seq: seq++, ...part });
  const collected = section >= COLLECTED;
  await ctx.db.patch("dataExports", exportId, {
    section,
    cursor,
    items,
    parts: seq,
    batch: batch + 1,
    resumes: 0,
    progress: collected ? COLLECTING_SHARE : progress,
    ...(collected ? { status: "assembling" as const } : {}),
    updatedAt: Date.now(),
  });
  if (collected) await ctx.scheduler.runAfter(0, internal.dataExportsNode.assemble, { exportId });
  else await ctx.scheduler.runAfter(batchDelayMs(), internal.dataExports.collect, { exportId, batch: batch + 1 });
}

/** `after` -1: from the start. */
export async function partsAfter(ctx: QueryCtx, exportId: Id<"dataExports">, after: number): Promise<PartText[]> {
  const parts = await ctx.db
    .query("dataExportParts")
    .withIndex("by_export_seq", (q) => q.eq("exportId", exportId).gt("seq", after))
    .take(PARTS_PER_READ);
  return parts.map(({ section, count, json }) => ({ section, count, json }));
}

/** Null unless it is (still) assembling. */
export async function assemblyOf(ctx: QueryCtx, exportId: Id<"dataExports">): Promise<{ exportedAt: number; parts: number } | null> {
  const job = await ctx.db.get("dataExports", exportId);
  return job?.status === "assembling" ? { exportedAt: job.createdAt, parts: job.parts } : null;
}

/** A `files` row of kind "export", so erasure and serving treat it like uploads; when the job moved on, the file is deleted instead. */
export async function finishExport(ctx: MutationCtx, exportId: Id<"dataExports">, storageId: Id<"_storage">, size: number): Promise<void> {
  const job = await ctx.db.get("dataExports", exportId);
  const user = job && (await ctx.db.get("users", job.userId));
  if (!job || job.status !== "assembling" || !user || user.isDeleted) {
    await ctx.storage.delete(storageId);
    return;
  }
  const now = Date.now();
  await ctx.db.insert("files", { storageId, ownerId: job.userId, kind: "export", contentType: "application/json", size, updatedAt: now });
  const earlier = await ctx.db
    .query("dataExports")
    .withIndex("by_user", (q) => q.eq("userId", job.userId))
    .order("desc")
    .take(SWEEP_BATCH);
  for (const old of earlier) if (old._id !== exportId && old.status === "done") await deleteFinished(ctx, old);
  await ctx.db.patch("dataExports", exportId, { status: "done", storageId, size, progress: 1, updatedAt: now });
  await ctx.scheduler.runAfter(0, internal.dataExports.dropParts, { exportId });
}

/** `error` is shown to the person. */
async function failExport(ctx: MutationCtx, job: ExportJob, error: string): Promise<void> {
  await ctx.db.patch("dataExports", job._id, { status: "failed", error, updatedAt: Date.now() });
  await ctx.scheduler.runAfter(0, internal.dataExports.dropParts, { exportId: job._id });
}

/** Its parts went when it finished. */
async function deleteFinished(ctx: MutationCtx, job: ExportJob): Promise<void> {
  if (job.storageId) await releaseFile(ctx, job.storageId);
  await ctx.db.delete("dataExports", job._id);
}

/** Runs a stalled job's batch (or assembly) again from where it was saved; fails it after MAX_RESUMES restarts in a row. */
async function resume(ctx: MutationCtx, job: ExportJob): Promise<void> {
  if (job.resumes >= MAX_RESUMES) return await failExport(ctx, job, "The export could not be completed. Try again later.");
  await ctx.db.patch("dataExports", job._id, { resumes: job.resumes + 1, updatedAt: Date.now() });
  if (job.status === "collecting") await ctx.scheduler.runAfter(0, internal.dataExports.collect, { exportId: job._id, batch: job.batch });
  else await ctx.scheduler.runAfter(0, internal.dataExportsNode.assemble, { exportId: job._id });
}

/** Deletes up to PARTS_PER_DELETE of an export's parts; true when none are left. */
export async function dropSomeParts(ctx: MutationCtx, exportId: Id<"dataExports">): Promise<boolean> {
  const parts = await ctx.db
    .query("dataExportParts")
    .withIndex("by_export_seq", (q) => q.eq("exportId", exportId))
    .take(PARTS_PER_DELETE);
  for (const part of parts) await ctx.db.delete("dataExportParts", part._id);
  return parts.length < PARTS_PER_DELETE;
}

/** A bounded batch of each kind per run (crons.ts). */
export async function sweepExports(ctx: MutationCtx): Promise<{ resumed: number; expired: number }> {
  const now = Date.now();
  const stalled = [
    ...(await byStatusBefore(ctx, "collecting", now - STALL_MS)),
    ...(await byStatusBefore(ctx, "assembling", now - ASSEMBLY_STALL_MS)),
  ];
  for (const job of stalled) await resume(ctx, job);
  const expiredDone = await byStatusBefore(ctx, "done", now - EXPORT_KEEP_MS);
  for (const job of expiredDone) await deleteFinished(ctx, job);
  const expiredFailed = await byStatusBefore(ctx, "failed", now - EXPORT_KEEP_MS);
  for (const job of expiredFailed) {
    if (await dropSomeParts(ctx, job._id)) await ctx.db.delete("dataExports", job._id);
  }
  return { resumed: stalled.length, expired: expiredDone.length + expiredFailed.length };
}

async function byStatusBefore(ctx: QueryCtx, status: ExportJob["status"], before: number): Promise<ExportJob[]> {
  return await ctx.db
    .query("dataExports")
    .withIndex("by_status_updatedAt", (q) => q.eq("status", status).lt("updatedAt", before))
    .take(SWEEP_BATCH);
}
