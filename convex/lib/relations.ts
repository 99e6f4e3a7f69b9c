// Who may reach whom: blocks (either direction) stop whispers, matches and chamber contact.
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "./errors";

/** The friends row from `userId` to `friendId`, if any (rows are directional). */
export async function friendRow(
  ctx: QueryCtx,
  userId: Id<"users">,
  friendId: Id<"users">,
): Promise<Doc<"friends"> | null> {
  return await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", userId).eq("friendId", friendId))
    .unique();
}

/** True when either of the two blocked the other. */
export async function isBlockedBetween(ctx: QueryCtx, a: Id<"users">, b: Id<"users">): Promise<boolean> {
  const [ab, ba] = await Promise.all([friendRow(ctx, a, b), friendRow(ctx, b, a)]);
  return ab?.status === "blocked" || ba?.status === "blocked";
}

/** Throws BLOCKED when either of the two blocked the other. */
export async function requireNotBlocked(ctx: QueryCtx, a: Id<"users">, b: Id<"users">): Promise<void> {
  if (await isBlockedBetween(ctx, a, b)) fail("BLOCKED", "You can't reach this person.");
}

/** The other user, refusing missing, erased and banned accounts with NOT_FOUND. */
export async function requireReachableUser(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"users">> {
  const user = await ctx.db.get("users", userId);
  if (!user || user.isDeleted || user.isBanned) fail("NOT_FOUND", "That person isn't here.");
  return user;
}
