// The profiles table's upkeep: the backfill that writes every person's compact profile row (run at deploy).
import { v } from "convex/values";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { backfillProfiles } from "./model/profiles";

/** Users per transaction: a users document with a full journal is ~45 KB, so 100 read about 4.5 MB. */
const BACKFILL_BATCH = 100;

/** Leaves rows already right alone, so every deploy and local start may run it: `npx convex run --prod profiles:backfill`. */
export const backfill = internalMutation({
  args: { cursor: v.optional(v.union(v.string(), v.null())) },
  returns: v.null(),
  handler: async (ctx, { cursor = null }) => {
    const next = await backfillProfiles(ctx, cursor, BACKFILL_BATCH);
    if (next !== null) await ctx.scheduler.runAfter(0, internal.profiles.backfill, { cursor: next });
    return null;
  },
});
