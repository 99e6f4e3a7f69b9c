// GDPR erasure continuations: the batches that finish erasing a person's data after their account was erased.
import { v } from "convex/values";
import { internalMutation } from "./_generated/server";
import { BATCH_BUDGET, continueErasure as runBatch, eraseUser } from "./model/erasure";

/** One scheduled batch of an erasure; schedules the next one while data is left. */
export const continueErasure = internalMutation({
  args: { userId: v.id("users"), step: v.number(), after: v.union(v.number(), v.string(), v.null()) },
  returns: v.null(),
  handler: async (ctx, { userId, step, after }) => {
    await runBatch(ctx, userId, { step, after }, BATCH_BUDGET);
    return null;
  },
});

/** Erases the person a Clerk `user.deleted` webhook names (no-op when unknown or already erased). */
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
