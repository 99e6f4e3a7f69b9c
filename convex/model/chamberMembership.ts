// Joining, leaving and removing chamber members, and telling every member's feed about it.
//
// A join writes nothing another join reads: it inserts its member row (stamped with its commit,
// joinTs) and a member-count delta, and tells only the joiner's own feed. settleJoin runs right
// after the commit and does the fan-out in commit order: the joiner learns the members who joined
// before, those members learn the joiner, and a later joiner's settle covers the other direction;
// so it reads only members with an earlier joinTs, a range no later join can write into.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { internal } from "../_generated/api";
import { takeSettledDeltas } from "../lib/counters";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { activeMemberIds, activeMembers, memberRow, uniqueAlias } from "./echoChambers";

/** How many of the latest messages a new member's feed receives (older ones: listMessages). */
export const JOIN_BACKLOG = 50;

/**
 * Within this many seats of the limit (by the folded count), a join counts the active members
 * exactly, which conflicts with a concurrent join: the last seats are one decision. Further
 * away, joins read only the folded count and never conflict; settleJoin still refuses, in
 * commit order, any join past the limit.
 */
export const JOIN_SLACK = 16;

export type Membership = { chamberId: Id<"echoChambers">; memberId: Id<"chamberMembers">; alias: string };

/**
 * Makes `viewer` an active member. Idempotent for an active member; a "left" member comes
 * back under the same alias; a "removed" member is refused; a full chamber is refused.
 * The joiner's feed gets the membership and the chamber now; settleJoin, scheduled here, gives
 * it the other members and the latest messages and tells the members who joined earlier.
 */
export async function joinChamber(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  chamber: Doc<"echoChambers">,
): Promise<Membership> {
  const existing = await memberRow(ctx, chamber._id, viewer._id);
  if (existing?.status === "active") {
    return { chamberId: chamber._id, memberId: existing._id, alias: existing.alias };
  }
  if (existing?.status === "removed") fail("FORBIDDEN", "You were removed from this chamber.");
  if (chamber.memberCount + JOIN_SLACK >= chamber.maxMembers) {
    const active = await activeMembers(ctx, chamber._id);
    if (active.length >= chamber.maxMembers) fail("LIMIT_REACHED", "This chamber is full.");
  }
  const now = Date.now();
  const joinTs = ctx.db.vars.commitTs;
  let memberId: Id<"chamberMembers">;
  let alias: string;
  if (existing) {
    memberId = existing._id;
    alias = existing.alias;
    await ctx.db.patch("chamberMembers", memberId, { status: "active", joinedAt: now, joinTs, updatedAt: now });
  } else {
    alias = await uniqueAlias(ctx, chamber._id);
    memberId = await ctx.db.insert("chamberMembers", {
      chamberId: chamber._id,
      userId: viewer._id,
      alias,
      status: "active",
      joinedAt: now,
      joinTs,
      updatedAt: now,
    });
  }
  await ctx.db.insert("chamberMemberDeltas", { chamberId: chamber._id, delta: 1 });
  await publish(ctx, [viewer._id], "chamberMembers", memberId);
  await publish(ctx, [viewer._id], "echoChambers", chamber._id);
  await ctx.scheduler.runAfter(0, internal.echoChambers.settleJoin, { memberId });
  return { chamberId: chamber._id, memberId, alias };
}

/**
 * A join's fan-out, run after it committed (idempotent: running it again publishes the same).
 * With the members who joined before it (by joinTs): when they already fill the chamber, the
 * join came too late and is undone (the joiner's feed says so); otherwise each of them learns
 * the new member and the new member learns each of them and the latest messages.
 */
export async function settleJoin(ctx: MutationCtx, memberId: Id<"chamberMembers">): Promise<void> {
  const member = await ctx.db.get("chamberMembers", memberId);
  if (!member || member.status !== "active" || typeof member.joinTs !== "bigint") return;
  const chamber = await ctx.db.get("echoChambers", member.chamberId);
  if (!chamber || chamber.isDeleted) return;
  const joinTs = member.joinTs;
  const earlier = await ctx.db
    .query("chamberMembers")
    .withIndex("by_chamber_status_join", (q) => q.eq("chamberId", chamber._id).eq("status", "active").lt("joinTs", joinTs))
    .take(chamber.maxMembers);
  if (earlier.length >= chamber.maxMembers) {
    await ctx.db.patch("chamberMembers", memberId, { status: "left", updatedAt: Date.now() });
    await ctx.db.insert("chamberMemberDeltas", { chamberId: chamber._id, delta: -1 });
    await publish(ctx, [member.userId], "chamberMembers", memberId);
    await publish(ctx, [member.userId], "echoChambers", chamber._id);
    return;
  }
  await publish(ctx, earlier.map((m) => m.userId), "chamberMembers", memberId);
  for (const other of earlier) await publish(ctx, [member.userId], "chamberMembers", other._id);
  const latest = await ctx.db
    .query("chamberMessages")
    .withIndex("by_chamber", (q) => q.eq("chamberId", chamber._id))
    .order("desc")
    .take(JOIN_BACKLOG);
  for (const message of latest.reverse()) await publish(ctx, [member.userId], "chamberMessages", message._id);
}

/**
 * Ends `member`'s active membership with `status` ("left" or "removed"). The chamber stays,
 * also when its creator leaves. Removing a member who already left still marks them removed,
 * so they cannot come back. Already in that status: nothing changes.
 */
export async function endMembership(
  ctx: MutationCtx,
  chamber: Doc<"echoChambers">,
  member: Doc<"chamberMembers">,
  status: "left" | "removed",
): Promise<void> {
  if (member.status === status || member.status === "removed") return;
  const now = Date.now();
  const wasActive = member.status === "active";
  await ctx.db.patch("chamberMembers", member._id, { status, updatedAt: now });
  if (wasActive) await ctx.db.insert("chamberMemberDeltas", { chamberId: chamber._id, delta: -1 });
  await publish(ctx, [...(await activeMemberIds(ctx, chamber._id)), member.userId], "chamberMembers", member._id);
  await publish(ctx, [member.userId], "echoChambers", chamber._id);
}

/**
 * Folds up to FOLD_BATCH settled member-count deltas (oldest first; lib/counters.ts) into their
 * chambers' memberCount and deletes them; returns how many it folded. The only writer of memberCount.
 */
export async function foldMemberCounts(ctx: MutationCtx): Promise<number> {
  const { sums, taken } = await takeSettledDeltas(ctx, "chamberMemberDeltas", (row) => row.chamberId);
  for (const [chamberId, sum] of sums) {
    const chamber = await ctx.db.get("echoChambers", chamberId);
    if (chamber) await ctx.db.patch("echoChambers", chamberId, { memberCount: Math.max(0, chamber.memberCount + sum) });
  }
  return taken;
}
