// Echo chambers: anonymous topic rooms; no payload carries a member's identity (not even the creator's), and aliases are random per chamber so they can't be linked.
// A chamber offers no direct contact, so people who blocked each other may share one: each sees the other's messages as hiddenBecauseBlocked.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { internal } from "./_generated/api";
import { internalMutation, type MutationCtx } from "./_generated/server";
import { bumpCounter, FOLD_BATCH } from "./lib/counters";
import { checkText, fail } from "./lib/errors";
import { publish } from "./lib/feed";
import { requireFeature } from "./lib/flags";
import { socialMutation, viewerMutation, viewerQuery } from "./lib/functions";
import { checkClientId, once, requestHash, requireSameRequest } from "./lib/idempotency";
import { consume } from "./lib/rateLimit";
import { endMembership, foldMemberCounts as foldDeltas, joinChamber, settleJoin as settle } from "./model/chamberMembership";
import {
  activeMemberIds,
  activeMembers,
  chamberMemberView,
  chamberMessageView,
  chamberView,
  MAX_CHAMBER_MEMBERS,
  memberRow,
  projectChamber,
  projectChamberMember,
  projectChamberMessage,
  randomInviteCode,
  requireActiveMember,
  requireChamber,
} from "./model/echoChambers";

const membership = v.object({
  chamberId: v.id("echoChambers"),
  memberId: v.id("chamberMembers"),
  alias: v.string(),
});

/** Exactly-once per clientId; the creator is the first member. */
export const create = socialMutation({
  args: {
    clientId: v.string(),
    name: v.string(),
    topic: v.string(),
    maxMembers: v.number(),
    isPublic: v.boolean(),
  },
  returns: v.object({ chamberId: v.id("echoChambers"), inviteCode: v.string() }),
  handler: async (ctx, args) => {
    await requireFeature(ctx, "ECHO_CHAMBERS");
    return await once(ctx, ctx.viewer._id, "echoChambers:create", args, async () => {
      const name = checkText(args.name, "Name", { max: 60 });
      const topic = checkText(args.topic, "Topic", { max: 40 });
      const { maxMembers } = args;
      if (!Number.isInteger(maxMembers) || maxMembers < 2 || maxMembers > MAX_CHAMBER_MEMBERS) {
        fail("INVALID", `A chamber holds between 2 and ${MAX_CHAMBER_MEMBERS} members.`);
      }
      await consume(ctx, "chamberCreate", ctx.viewer._id);
      const inviteCode = await freshInviteCode(ctx);
      const chamberId = await ctx.db.insert("echoChambers", {
        name,
        topic,
        topicLower: topic.toLowerCase(),
        creatorId: ctx.viewer._id,
        inviteCode,
        maxMembers,
        isPublic: args.isPublic,
        memberCount: 0,
        updatedAt: Date.now(),
      });
      await bumpCounter(ctx, "chambers");
      const chamber = (await ctx.db.get("echoChambers", chamberId))!;
      await joinChamber(ctx, ctx.viewer, chamber);
      return { chamberId, inviteCode };
    });
  },
});

/** Private chambers too: the code is the invitation. */
export const joinByCode = socialMutation({
  args: { inviteCode: v.string() },
  returns: membership,
  handler: async (ctx, { inviteCode }) => {
    await requireFeature(ctx, "ECHO_CHAMBERS");
    const chamber = await ctx.db
      .query("echoChambers")
      .withIndex("by_inviteCode", (q) => q.eq("inviteCode", inviteCode.trim()))
      .unique();
    if (!chamber || chamber.isDeleted) fail("NOT_FOUND", "No chamber has this invite code.");
    return await joinChamber(ctx, ctx.viewer, chamber);
  },
});

/** A private chamber answers NOT_FOUND, as if it did not exist. */
export const join = socialMutation({
  args: { chamberId: v.id("echoChambers") },
  returns: membership,
  handler: async (ctx, { chamberId }) => {
    await requireFeature(ctx, "ECHO_CHAMBERS");
    const chamber = await requireChamber(ctx, chamberId);
    if (!chamber.isPublic) fail("NOT_FOUND", "Chamber not found.");
    return await joinChamber(ctx, ctx.viewer, chamber);
  },
});

/** Idempotent; the chamber stays even when its creator leaves, whose powers return only if they rejoin. */
export const leave = viewerMutation({
  args: { chamberId: v.id("echoChambers") },
  returns: v.null(),
  handler: async (ctx, { chamberId }) => {
    await requireFeature(ctx, "ECHO_CHAMBERS");
    const chamber = await requireChamber(ctx, chamberId);
    const member = await memberRow(ctx, chamberId, ctx.viewer._id);
    if (!member) fail("NOT_FOUND", chamber.isPublic ? "You aren't a member of this chamber." : "Chamber not found.");
    await endMembership(ctx, chamber, member, "left");
    return null;
  },
});

/** Public chambers only, by case-insensitive topic prefix. */
export const discover = viewerQuery({
  args: { topic: v.optional(v.string()) },
  returns: v.array(chamberView),
  handler: async (ctx, { topic }) => {
    const prefix = (topic ?? "").trim().toLowerCase();
    const chambers = await ctx.db
      .query("echoChambers")
      .withIndex("by_public_topic", (q) =>
        prefix ? q.eq("isPublic", true).gte("topicLower", prefix).lt("topicLower", prefix + "\uffff") : q.eq("isPublic", true),
      )
      .take(50);
    const live = chambers.filter((chamber) => !chamber.isDeleted);
    const views = await Promise.all(live.map((chamber) => projectChamber(ctx, ctx.viewer, chamber)));
    return views.filter((view) => view !== null);
  },
});

/** Full for members, a public chamber's summary for others. */
export const get = viewerQuery({
  args: { chamberId: v.id("echoChambers") },
  returns: chamberView,
  handler: async (ctx, { chamberId }) => {
    const chamber = await requireChamber(ctx, chamberId);
    const view = await projectChamber(ctx, ctx.viewer, chamber);
    if (!view) fail("NOT_FOUND", "Chamber not found.");
    return view;
  },
});

/** Exactly-once per clientId: a retry answers the first message, another request under it is CLIENT_ID_REUSED. */
export const post = socialMutation({
  args: { chamberId: v.id("echoChambers"), clientId: v.string(), content: v.string() },
  returns: v.object({ messageId: v.id("chamberMessages") }),
  handler: async (ctx, args) => {
    await requireFeature(ctx, "ECHO_CHAMBERS");
    const clientId = checkClientId(args.clientId);
    const hash = await requestHash("echoChambers:post", args);
    const earlier = await ctx.db
      .query("chamberMessages")
      .withIndex("by_author_clientId", (q) => q.eq("authorId", ctx.viewer._id).eq("clientId", clientId))
      .unique();
    if (earlier) {
      requireSameRequest(earlier.requestHash, hash);
      return { messageId: earlier._id };
    }
    const { member } = await requireActiveMember(ctx, args.chamberId, ctx.viewer._id);
    const content = checkText(args.content, "Message", { max: 1000 });
    await consume(ctx, "chamberMessage", ctx.viewer._id);
    const messageId = await ctx.db.insert("chamberMessages", {
      chamberId: args.chamberId,
      authorId: ctx.viewer._id,
      alias: member.alias,
      content,
      clientId,
      requestHash: hash,
      updatedAt: Date.now(),
    });
    await publish(ctx, await activeMemberIds(ctx, args.chamberId), "chamberMessages", messageId);
    return { messageId };
  },
});

/** Active members only. */
export const listMessages = viewerQuery({
  args: { chamberId: v.id("echoChambers"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(chamberMessageView),
  handler: async (ctx, { chamberId, paginationOpts }) => {
    await requireActiveMember(ctx, chamberId, ctx.viewer._id);
    const result = await ctx.db
      .query("chamberMessages")
      .withIndex("by_chamber", (q) => q.eq("chamberId", chamberId))
      .order("desc")
      .paginate(paginationOpts);
    const page = await Promise.all(result.page.map((message) => projectChamberMessage(ctx, ctx.viewer, message)));
    return { ...result, page: page.filter((message) => message !== null) };
  },
});

/** Aliases only, never who they are. */
export const members = viewerQuery({
  args: { chamberId: v.id("echoChambers") },
  returns: v.array(chamberMemberView),
  handler: async (ctx, { chamberId }) => {
    await requireActiveMember(ctx, chamberId, ctx.viewer._id);
    const rows = await activeMembers(ctx, chamberId);
    const views = await Promise.all(rows.map((row) => projectChamberMember(ctx, ctx.viewer, row)));
    return views.filter((view) => view !== null);
  },
});

/** The creator only, while an active member; a removed member can never rejoin. */
export const removeMember = viewerMutation({
  args: { chamberId: v.id("echoChambers"), memberId: v.id("chamberMembers") },
  returns: v.null(),
  handler: async (ctx, { chamberId, memberId }) => {
    await requireFeature(ctx, "ECHO_CHAMBERS");
    const { chamber } = await requireActiveMember(ctx, chamberId, ctx.viewer._id);
    if (chamber.creatorId !== ctx.viewer._id) fail("FORBIDDEN", "Only the chamber's creator can remove members.");
    const member = await ctx.db.get("chamberMembers", memberId);
    if (!member || member.chamberId !== chamberId) fail("NOT_FOUND", "That member isn't in this chamber.");
    if (member.userId === ctx.viewer._id) fail("INVALID", "You can't remove yourself; leave the chamber instead.");
    await endMembership(ctx, chamber, member, "removed");
    return null;
  },
});

/** Scheduled by each join: model/chamberMembership.ts says why the fan-out follows the commit. */
export const settleJoin = internalMutation({
  args: { memberId: v.id("chamberMembers") },
  returns: v.null(),
  handler: async (ctx, { memberId }) => {
    await settle(ctx, memberId);
    return null;
  },
});

/** A batch per run, rescheduling itself while batches are full (crons.ts: every minute). */
export const foldMemberCounts = internalMutation({
  args: {},
  returns: v.object({ folded: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const folded = await foldDeltas(ctx);
    const more = folded === FOLD_BATCH;
    if (more) await ctx.scheduler.runAfter(0, internal.echoChambers.foldMemberCounts, {});
    return { folded, more };
  },
});

async function freshInviteCode(ctx: MutationCtx): Promise<string> {
  for (;;) {
    const code = randomInviteCode();
    const clash: Doc<"echoChambers"> | null = await ctx.db
      .query("echoChambers")
      .withIndex("by_inviteCode", (q) => q.eq("inviteCode", code))
      .first();
    if (!clash) return code;
  }
}
