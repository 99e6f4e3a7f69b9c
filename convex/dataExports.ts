// Data export (GDPR portability): requesting one, watching it, and the scheduled batches that collect it, drop its parts and sweep old ones.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation, internalQuery } from "./_generated/server";
import { viewerMutation, viewerQuery } from "./lib/functions";
import {
  assemblyOf,
  collectBatch,
  dropSomeParts,
  EXPORT_KEEP_MS,
  finishExport,
  latestExport,
  partsAfter,
  requestExport,
  sweepExports,
} from "./model/dataExportJobs";

const exportStatus = v.union(v.literal("collecting"), v.literal("assembling"), v.literal("done"), v.literal("failed"));

const exportView = v.object({
  _id: v.id("dataExports"),
  status: exportStatus,
  /** The estimated share done, 0..1. */
  progress: v.number(),
  /** Items collected so far. */
  items: v.number(),
  createdAt: v.number(),
  updatedAt: v.number(),
  /** Done: the file's size, its download URL (given to its owner only) and when it is deleted. */
  size: v.optional(v.number()),
  url: v.optional(v.string()),
  expiresAt: v.optional(v.number()),
  /** Failed: why, for the person. */
  error: v.optional(v.string()),
});

/**
 * Starts preparing a file of everything Whispers keeps about the viewer (GDPR portability):
 * profile, mood journal, friends, chambers, skills, matches, unmasking and admin requests, push
 * endpoints, every whisper sent and received (as the viewer sees them: mystery senders stay
 * hidden), conversations and their chamber messages. Collected by scheduled batches; watch it
 * with `current`. While one is being prepared, returns that one. Rate limited (RATE_LIMITED).
 */
export const request = viewerMutation({
  args: {},
  returns: v.id("dataExports"),
  handler: async (ctx) => await requestExport(ctx, ctx.viewer),
});

/** The viewer's newest export: its progress while prepared, then the file's URL until it expires; null when none. */
export const current = viewerQuery({
  args: {},
  returns: v.union(exportView, v.null()),
  handler: async (ctx) => {
    const job = await latestExport(ctx, ctx.viewer._id);
    if (!job) return null;
    const url = job.status === "done" && job.storageId ? await ctx.storage.getUrl(job.storageId) : null;
    return {
      _id: job._id,
      status: job.status,
      progress: job.progress,
      items: job.items,
      createdAt: job.createdAt,
      updatedAt: job.updatedAt,
      ...(job.status === "done" ? { size: job.size, expiresAt: job.updatedAt + EXPORT_KEEP_MS } : {}),
      ...(url ? { url } : {}),
      ...(job.error ? { error: job.error } : {}),
    };
  },
});

/** One collecting batch (model/dataExportJobs.ts collectBatch). */
export const collect = internalMutation({
  args: { exportId: v.id("dataExports"), batch: v.number() },
  returns: v.null(),
  handler: async (ctx, { exportId, batch }) => {
    await collectBatch(ctx, exportId, batch);
    return null;
  },
});

/** The assembly's start: when the export was requested and how many parts it has; null when it is not assembling. */
export const assembly = internalQuery({
  args: { exportId: v.id("dataExports") },
  returns: v.union(v.object({ exportedAt: v.number(), parts: v.number() }), v.null()),
  handler: async (ctx, { exportId }) => await assemblyOf(ctx, exportId),
});

/** A read of the assembly: the parts after `after`, in order. */
export const parts = internalQuery({
  args: { exportId: v.id("dataExports"), after: v.number() },
  returns: v.array(v.object({ section: v.string(), count: v.number(), json: v.string() })),
  handler: async (ctx, { exportId, after }) => await partsAfter(ctx, exportId, after),
});

/** Records the assembled file (or deletes it when the job moved on meanwhile). */
export const finish = internalMutation({
  args: { exportId: v.id("dataExports"), storageId: v.id("_storage"), size: v.number() },
  returns: v.null(),
  handler: async (ctx, { exportId, storageId, size }) => {
    await finishExport(ctx, exportId, storageId, size);
    return null;
  },
});

/** Deletes a finished or failed export's parts, a bounded batch at a time, continuing while any are left. */
export const dropParts = internalMutation({
  args: { exportId: v.id("dataExports") },
  returns: v.null(),
  handler: async (ctx, { exportId }) => {
    if (!(await dropSomeParts(ctx, exportId))) await ctx.scheduler.runAfter(0, internal.dataExports.dropParts, { exportId });
    return null;
  },
});

/** crons.ts: restarts stalled exports, deletes expired ones. */
export const sweep = internalMutation({
  args: {},
  returns: v.object({ resumed: v.number(), expired: v.number() }),
  handler: async (ctx) => await sweepExports(ctx),
});
