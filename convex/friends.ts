// Friendships: request, accept, decline, remove, block and unblock, and the viewer's lists.
import { v } from "convex/values";
import type { Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { socialMutation, viewerMutation, viewerQuery } from "./lib/functions";
import { consume } from "./lib/rateLimit";
import { requireNotBlocked, requireReachableUser } from "./model/visibility";
import { acceptRow, deleteRow, friendLists, friendView, insertRow, rowsBetween } from "./model/friends";

const statusResult = v.object({ status: v.union(v.literal("pending"), v.literal("accepted")) });

async function requireOther(ctx: QueryCtx, viewerId: Id<"users">, userId: Id<"users">) {
  if (userId === viewerId) fail("INVALID", "That's you.");
  return await requireReachableUser(ctx, userId);
}

/** Accepts instead when they already asked the viewer; repeating changes nothing. */
export const request = socialMutation({
  args: { userId: v.id("users") },
  returns: statusResult,
  handler: async (ctx, { userId }) => {
    await requireOther(ctx, ctx.viewer._id, userId);
    await requireNotBlocked(ctx, ctx.viewer._id, userId);
    const [mine, theirs] = await rowsBetween(ctx, ctx.viewer._id, userId);
    if (mine?.status === "accepted" || theirs?.status === "accepted") return { status: "accepted" as const };
    if (mine?.status === "pending") return { status: "pending" as const };
    if (theirs?.status === "pending") {
      await acceptRow(ctx, theirs);
      return { status: "accepted" as const };
    }
    await consume(ctx, "friendRequest", ctx.viewer._id);
    await insertRow(ctx, ctx.viewer._id, userId, "pending");
    return { status: "pending" as const };
  },
});

export const accept = socialMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const [, theirs] = await rowsBetween(ctx, ctx.viewer._id, userId);
    if (theirs?.status === "accepted") return null;
    if (theirs?.status !== "pending") fail("NOT_FOUND", "There is no friend request from this person.");
    await requireOther(ctx, ctx.viewer._id, userId);
    await requireNotBlocked(ctx, ctx.viewer._id, userId);
    await acceptRow(ctx, theirs);
    return null;
  },
});

export const decline = viewerMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const [, theirs] = await rowsBetween(ctx, ctx.viewer._id, userId);
    if (theirs?.status !== "pending") fail("NOT_FOUND", "There is no friend request from this person.");
    await deleteRow(ctx, theirs);
    return null;
  },
});

/** Either party ends a friendship; also withdraws the viewer's own pending request. */
export const remove = viewerMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const [mine, theirs] = await rowsBetween(ctx, ctx.viewer._id, userId);
    const removable = [mine, theirs].filter(
      (row) => row && (row.status === "accepted" || (row.status === "pending" && row === mine)),
    );
    if (removable.length === 0) fail("NOT_FOUND", "You aren't friends with this person.");
    for (const row of removable) await deleteRow(ctx, row!);
    return null;
  },
});

/** Ends any friendship or request between the two; the blocked person is not told (only the blocker sees the row). */
export const block = viewerMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    if (userId === ctx.viewer._id) fail("INVALID", "You can't block yourself.");
    if (!(await ctx.db.get("users", userId))) fail("NOT_FOUND", "That person isn't here.");
    const [mine, theirs] = await rowsBetween(ctx, ctx.viewer._id, userId);
    if (mine?.status === "blocked") return null;
    if (mine) await deleteRow(ctx, mine);
    // Their block of the viewer stays: it is theirs to lift.
    if (theirs && theirs.status !== "blocked") await deleteRow(ctx, theirs);
    await insertRow(ctx, ctx.viewer._id, userId, "blocked");
    return null;
  },
});

export const unblock = viewerMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const [mine] = await rowsBetween(ctx, ctx.viewer._id, userId);
    if (mine?.status !== "blocked") fail("NOT_FOUND", "You haven't blocked this person.");
    await deleteRow(ctx, mine);
    return null;
  },
});

export const list = viewerQuery({
  args: {},
  returns: v.object({
    friends: v.array(friendView),
    incoming: v.array(friendView),
    outgoing: v.array(friendView),
    blocked: v.array(friendView),
  }),
  handler: async (ctx) => await friendLists(ctx, ctx.viewer),
});
