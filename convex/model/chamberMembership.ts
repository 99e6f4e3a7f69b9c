// Joining, leaving and removing chamber members, and telling every member's feed about it.
// A join writes nothing another join reads (its row, stamped joinTs, and a count delta), so joins don't conflict; settleJoin fans out after the commit, reading only earlier joinTs.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { internal } from "../_generated/api";
import { takeSettledDeltas } from "../lib/counters";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { activeMemberIds, activeMembers, memberRow, uniqueAlias } from "./echoChambers";

/** How many of the latest messages a new member's feed receives (older ones: listMessages). */
export const JOIN_BACKLOG = 50;

/** Within this many seats of the limit a join counts members exactly (conflicting with concurrent joins); elsewhere settleJoin refuses an overflow. */
export const JOIN_SLACK = 16;

export type Membership = { chamberId: Id<"echoChambers">; memberId: Id<"chamberMembers">; alias: string };

/** Idempotent for an active member; a "left" member returns under the same alias, a "removed" one is refused. */
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

/** Idempotent; a join that finds the chamber already filled by earlier joinTs came too late and is undone. */
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

/** Removing a member who already left still marks them removed, so they can never come back. */
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

/** The only writer of memberCount: joins add deltas instead of writing the chamber row. Returns how many it folded. */
export async function foldMemberCounts(ctx: MutationCtx): Promise<number> {
  const { sums, taken } = await takeSettledDeltas(ctx, "chamberMemberDeltas", (row) => row.chamberId);
  for (const [chamberId, sum] of sums) {
    const chamber = await ctx.db.get("echoChambers", chamberId);
    if (chamber) await ctx.db.patch("echoChambers", chamberId, { memberCount: Math.max(0, chamber.memberCount + sum) });
  }
  return taken;
}
