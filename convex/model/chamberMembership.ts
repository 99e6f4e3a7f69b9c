// Joining, leaving and removing chamber members, and telling every member's feed about it.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { activeMemberIds, activeMembers, memberRow, uniqueAlias } from "./echoChambers";

/** How many of the latest messages a new member's feed receives (older ones: listMessages). */
export const JOIN_BACKLOG = 50;

export type Membership = { chamberId: Id<"echoChambers">; memberId: Id<"chamberMembers">; alias: string };

/**
 * Makes `viewer` an active member. Idempotent for an active member; a "left" member comes
 * back under the same alias; a "removed" member is refused; a full chamber is refused.
 * The new member's feed receives the other members and the latest messages.
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
  if (chamber.memberCount >= chamber.maxMembers) fail("LIMIT_REACHED", "This chamber is full.");
  const now = Date.now();
  let memberId: Id<"chamberMembers">;
  let alias: string;
  if (existing) {
    memberId = existing._id;
    alias = existing.alias;
    await ctx.db.patch("chamberMembers", memberId, { status: "active", joinedAt: now, updatedAt: now });
  } else {
    alias = await uniqueAlias(ctx, chamber._id);
    memberId = await ctx.db.insert("chamberMembers", {
      chamberId: chamber._id,
      userId: viewer._id,
      alias,
      status: "active",
      joinedAt: now,
      updatedAt: now,
    });
  }
  await ctx.db.patch("echoChambers", chamber._id, { memberCount: chamber.memberCount + 1, updatedAt: now });
  await publishMembershipChange(ctx, chamber._id, memberId, []);
  await publishBacklog(ctx, chamber._id, viewer._id);
  return { chamberId: chamber._id, memberId, alias };
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
  if (wasActive) {
    await ctx.db.patch("echoChambers", chamber._id, {
      memberCount: Math.max(0, chamber.memberCount - 1),
      updatedAt: now,
    });
  }
  await publishMembershipChange(ctx, chamber._id, member._id, [member.userId]);
}

/** Publishes a member row and the chamber (its memberCount) to every active member and `others`. */
async function publishMembershipChange(
  ctx: MutationCtx,
  chamberId: Id<"echoChambers">,
  memberId: Id<"chamberMembers">,
  others: Id<"users">[],
): Promise<void> {
  const audience = [...(await activeMemberIds(ctx, chamberId)), ...others];
  await publish(ctx, audience, "chamberMembers", memberId);
  await publish(ctx, audience, "echoChambers", chamberId);
}

/** A (re)joining member's feed: every active member row and the latest messages. */
async function publishBacklog(ctx: MutationCtx, chamberId: Id<"echoChambers">, userId: Id<"users">) {
  for (const member of await activeMembers(ctx, chamberId)) {
    if (member.userId !== userId) await publish(ctx, [userId], "chamberMembers", member._id);
  }
  const latest = await ctx.db
    .query("chamberMessages")
    .withIndex("by_chamber", (q) => q.eq("chamberId", chamberId))
    .order("desc")
    .take(JOIN_BACKLOG);
  for (const message of latest.reverse()) await publish(ctx, [userId], "chamberMessages", message._id);
}
