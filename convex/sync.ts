// The pull side of offline-first sync: each viewer's feed of changed documents, page by page.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { fail } from "./lib/errors";
import { viewerQuery } from "./lib/functions";
import { buildPage, feedChange, pruneReceipts, RECEIPT_TTL_MS } from "./model/sync";

const DEFAULT_LIMIT = 200;
const MAX_LIMIT = 500;
const PRUNE_BATCH = 500;

/**
 * The changes the viewer may see after `cursor`, oldest first, at most `limit` (default 200, max 500).
 * Each change is {table, id, at, doc}: `doc` is the document as projected for the viewer (typed
 * per table: model/sync.ts FEED_VIEWS), or null (a tombstone: delete it locally); `at` its feed position. Apply a page, store the returned
 * `cursor` (the position of the page's last change, or the input cursor when nothing changed)
 * and pull again while `hasMore`. Start from FEED_START (""). Every page also carries every
 * feature flag; the query reads the flags table, so a flag change re-runs each subscriber's pull.
 *
 * Why commit timestamps and not `updatedAt`: a position is the commit timestamp of the row's
 * latest write (`db.vars.commitTs`), so the feed orders changes exactly as they committed. A
 * cursor on a clock read inside the transaction can skip a write: a transaction that read the
 * clock earlier but committed later lands *behind* a cursor the client already advanced past,
 * and is never pulled. A document changed twice appears once, at its latest position. Positions
 * compare as strings (lib/feedPosition.ts). Offline, the client keeps its last cursor and
 * resumes from it when it reconnects.
 */
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

/**
 * Deletes idempotency receipts (clientOps) older than 30 days, a bounded batch per run; schedules
 * itself again while more are left. crons.ts runs it daily.
 */
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
