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
  /** 0..1, estimated. */
  progress: v.number(),
  items: v.number(),
  createdAt: v.number(),
  updatedAt: v.number(),
  /** Done only; the URL is given to its owner only. */
  size: v.optional(v.number()),
  url: v.optional(v.string()),
  expiresAt: v.optional(v.number()),
  /** Failed: why, shown to the person. */
  error: v.optional(v.string()),
});

/** While one is being prepared, returns that one; watch it with `current`. */
export const request = viewerMutation({
  args: {},
  returns: v.id("dataExports"),
  handler: async (ctx) => await requestExport(ctx, ctx.viewer),
});

/** The newest export: its progress, then the file's URL until it expires. */
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

export const collect = internalMutation({
  args: { exportId: v.id("dataExports"), batch: v.number() },
  returns: v.null(),
  handler: async (ctx, { exportId, batch }) => {
    await collectBatch(ctx, exportId, batch);
    return null;
  },
});

/** Null unless the export is assembling. */
export const assembly = internalQuery({
  args: { exportId: v.id("dataExports") },
  returns: v.union(v.object({ exportedAt: v.number(), parts: v.number() }), v.null()),
  handler: async (ctx, { exportId }) => await assemblyOf(ctx, exportId),
});

export const parts = internalQuery({
  args: { exportId: v.id("dataExports"), after: v.number() },
  returns: v.array(v.object({ section: v.string(), count: v.number(), json: v.string() })),
  handler: async (ctx, { exportId, after }) => await partsAfter(ctx, exportId, after),
});

/** Deletes the file instead when the job moved on meanwhile (a duplicate assembly). */
export const finish = internalMutation({
  args: { exportId: v.id("dataExports"), storageId: v.id("_storage"), size: v.number() },
  returns: v.null(),
  handler: async (ctx, { exportId, storageId, size }) => {
    await finishExport(ctx, exportId, storageId, size);
    return null;
  },
});

/** A bounded batch per run, rescheduling itself while parts are left. */
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
