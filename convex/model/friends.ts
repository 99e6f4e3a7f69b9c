// The friend graph: directional rows (userId = requester or blocker), how each party sees them, and list building.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { publish } from "../lib/feed";
import { friendStatus } from "../schema";
import { profileOf } from "./profiles";
import { profileFor, publicProfileView } from "./users";
import { friendRow } from "./visibility";

/** How many rows in each direction list() reads. */
export const LIST_LIMIT = 500;

export const friendView = v.object({
  _id: v.id("friends"),
  _creationTime: v.number(),
  userId: v.id("users"),
  friendId: v.id("users"),
  otherId: v.id("users"),
  status: friendStatus,
  /** "outgoing": the viewer requested (or blocked); "incoming": the other person requested. */
  direction: v.union(v.literal("outgoing"), v.literal("incoming")),
  profile: publicProfileView,
  updatedAt: v.number(),
});
export type FriendView = Infer<typeof friendView>;

/** Null for the blocked party (never told), for non-parties, and when the other person is gone or erased. */
export async function projectFriend(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  row: Doc<"friends">,
): Promise<FriendView | null> {
  const outgoing = row.userId === viewer._id;
  if (!outgoing && row.friendId !== viewer._id) return null;
  if (!outgoing && row.status === "blocked") return null;
  const otherId = outgoing ? row.friendId : row.userId;
  const other = await profileOf(ctx, otherId);
  if (!other || other.isDeleted) return null;
  return {
    _id: row._id,
    _creationTime: row._creationTime,
    userId: row.userId,
    friendId: row.friendId,
    otherId,
    status: row.status,
    direction: outgoing ? "outgoing" : "incoming",
    profile: await profileFor(ctx, viewer._id, other),
    updatedAt: row.updatedAt,
  };
}

/** Both directional rows between `a` and `b`: [a → b, b → a]. */
export async function rowsBetween(
  ctx: QueryCtx,
  a: Id<"users">,
  b: Id<"users">,
): Promise<[Doc<"friends"> | null, Doc<"friends"> | null]> {
  return await Promise.all([friendRow(ctx, a, b), friendRow(ctx, b, a)]);
}

/** Who learns about a row: both parties, except that a block row goes to the blocker only. */
export function rowAudience(row: Doc<"friends">): Id<"users">[] {
  return row.status === "blocked" ? [row.userId] : [row.userId, row.friendId];
}

export async function insertRow(
  ctx: MutationCtx,
  userId: Id<"users">,
  friendId: Id<"users">,
  status: Doc<"friends">["status"],
): Promise<Id<"friends">> {
  const id = await ctx.db.insert("friends", { userId, friendId, status, updatedAt: Date.now() });
  await publish(ctx, status === "blocked" ? [userId] : [userId, friendId], "friends", id);
  return id;
}

/** Its audience receives a tombstone. */
export async function deleteRow(ctx: MutationCtx, row: Doc<"friends">): Promise<void> {
  await ctx.db.delete("friends", row._id);
  await publish(ctx, rowAudience(row), "friends", row._id);
}

export async function acceptRow(ctx: MutationCtx, row: Doc<"friends">): Promise<void> {
  await ctx.db.patch("friends", row._id, { status: "accepted", updatedAt: Date.now() });
  await publish(ctx, [row.userId, row.friendId], "friends", row._id);
}

export type FriendLists = {
  friends: FriendView[];
  incoming: FriendView[];
  outgoing: FriendView[];
  blocked: FriendView[];
};

/** Bounded by LIST_LIMIT each way. */
export async function friendLists(ctx: QueryCtx, viewer: Doc<"users">): Promise<FriendLists> {
  const mine = await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", viewer._id))
    .take(LIST_LIMIT);
  const theirs = await ctx.db
    .query("friends")
    .withIndex("by_friendId", (q) => q.eq("friendId", viewer._id))
    .take(LIST_LIMIT);
  const lists: FriendLists = { friends: [], incoming: [], outgoing: [], blocked: [] };
  for (const row of [...mine, ...theirs]) {
    const view = await projectFriend(ctx, viewer, row);
    if (!view) continue;
    if (view.status === "accepted") lists.friends.push(view);
    else if (view.status === "blocked") lists.blocked.push(view);
    else (view.direction === "incoming" ? lists.incoming : lists.outgoing).push(view);
  }
  return lists;
}
