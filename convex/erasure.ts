// GDPR erasure continuations: the batches that finish erasing a person's data after their account was erased, and their sweep.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { continueErasure as runBatch, eraseUser, resumeStalledErasures } from "./model/erasure";

/** Only the batch numbered `batch` runs, so a duplicate does nothing. */
export const continueErasure = internalMutation({
  args: { userId: v.id("users"), batch: v.number() },
  returns: v.null(),
  handler: async (ctx, { userId, batch }) => {
    await runBatch(ctx, userId, batch);
    return null;
  },
});

/** Cron: reschedules erasures whose batch failed or was lost. */
export const resumeStalled = internalMutation({
  args: {},
  returns: v.number(),
  handler: async (ctx) => await resumeStalledErasures(ctx),
});

/** A no-op when the clerkId is unknown or already erased. */
export const eraseFromClerk = internalMutation({
  args: { clerkId: v.string() },
  returns: v.null(),
  handler: async (ctx, { clerkId }) => {
    const user = await ctx.db
      .query("users")
      .withIndex("by_clerkId", (q) => q.eq("clerkId", clerkId))
      .unique();
    if (user) await eraseUser(ctx, user._id);
    return null;
  },
});
