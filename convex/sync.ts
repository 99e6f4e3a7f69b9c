// The pull side of offline-first sync: each viewer's feed of changed documents, page by page.
// Positions are commit timestamps, not updatedAt: a write that read the clock earlier but committed later would land behind a cursor already passed.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { fail } from "./lib/errors";
import { viewerQuery } from "./lib/functions";
import { buildPage, feedChange, pruneReceipts, RECEIPT_TTL_MS } from "./model/sync";

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 500;
const PRUNE_BATCH = 500;

/** Start from FEED_START (""); `doc` null is a tombstone. Every page carries the flags, read from their table so a flag change re-runs each pull. */
export const pull = viewerQuery({
  args: { cursor: v.string(), limit: v.optional(v.number()) },
  returns: v.object({
    changes: v.array(feedChange),
    cursor: v.string(),
    hasMore: v.boolean(),
    flags: v.array(v.object({ name: v.string(), enabled: v.boolean() })),
  }),
  handler: async (ctx, { cursor, limit = DEFAULT_LIMIT }) => {
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      fail("INVALID", `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    return await buildPage(ctx, ctx.viewer, cursor, limit);
  },
});

/** A batch per run, rescheduling itself while more are left (crons.ts: daily). */
export const pruneClientOps = internalMutation({
  args: {},
  returns: v.object({ deleted: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const deleted = await pruneReceipts(ctx, Date.now() - RECEIPT_TTL_MS, PRUNE_BATCH);
    const more = deleted === PRUNE_BATCH;
    if (more) await ctx.scheduler.runAfter(0, internal.sync.pruneClientOps, {});
    return { deleted, more };
  },
});
