// Skill exchange: offer or seek skills, find people to learn from or teach, and agree on matches.
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { MutationCtx } from "./_generated/server";
import { checkText, fail } from "./lib/errors";
import { DESCRIPTION_MAX, SKILL_NAME_MAX, SKILL_NAME_MIN } from "./model/skillRules";
import { publish } from "./lib/feed";
import { requireFeature } from "./lib/flags";
import { socialMutation, socialQuery, viewerMutation, viewerQuery } from "./lib/functions";
import { once } from "./lib/idempotency";
import { findOrCreateConversation } from "./model/conversations";
import { requireNotBlocked, requireReachableUser } from "./model/visibility";
import {
  listingsOf,
  MAX_LISTINGS_PER_USER,
  projectSkill,
  projectSkillMatch,
  requireListing,
  skillMatchView,
  skillView,
  suggestionView,
  suggestMatches,
} from "./model/skills";
import { proficiencyLevel, skillType } from "./schema";

/** Updates the viewer's listing of the same skill and type rather than adding a second. */
export const add = socialMutation({
  args: {
    skillName: v.string(),
    type: skillType,
    proficiencyLevel,
    description: v.optional(v.string()),
    clientId: v.optional(v.string()),
  },
  returns: v.object({ skillId: v.id("skills") }),
  handler: async (ctx, args) => {
    await requireFeature(ctx, "SKILL_EXCHANGE");
    return await once(ctx, ctx.viewer._id, "skills:add", args, async () => {
      const skillName = checkText(args.skillName, "Skill name", { min: SKILL_NAME_MIN, max: SKILL_NAME_MAX }).replace(/\s+/g, " ");
      const description =
        args.description === undefined || args.description.trim() === ""
          ? undefined
          : checkText(args.description, "Description", { max: DESCRIPTION_MAX });
      const skillNameLower = skillName.toLowerCase();
      const listings = await listingsOf(ctx, ctx.viewer._id, { withDeleted: true });
      const same = listings.find((row) => row.skillNameLower === skillNameLower && row.type === args.type);
      const fields = { skillName, proficiencyLevel: args.proficiencyLevel, description, isDeleted: false, updatedAt: Date.now() };
      let skillId: Id<"skills">;
      if (same) {
        skillId = same._id;
        await ctx.db.patch("skills", skillId, fields);
      } else {
        if (listings.filter((row) => !row.isDeleted).length >= MAX_LISTINGS_PER_USER) {
          fail("LIMIT_REACHED", `You can keep at most ${MAX_LISTINGS_PER_USER} listings.`);
        }
        skillId = await ctx.db.insert("skills", { userId: ctx.viewer._id, skillNameLower, type: args.type, ...fields });
      }
      await publish(ctx, [ctx.viewer._id], "skills", skillId);
      return { skillId };
    });
  },
});

/** A tombstone; idempotent. */
export const remove = viewerMutation({
  args: { skillId: v.id("skills") },
  returns: v.null(),
  handler: async (ctx, { skillId }) => {
    await requireFeature(ctx, "SKILL_EXCHANGE");
    const skill = await ctx.db.get("skills", skillId);
    if (!skill) fail("NOT_FOUND", "That listing doesn't exist.");
    if (skill.userId !== ctx.viewer._id) fail("FORBIDDEN", "You can only remove your own listings.");
    if (skill.isDeleted) return null;
    await ctx.db.patch("skills", skillId, { isDeleted: true, updatedAt: Date.now() });
    await publish(ctx, [ctx.viewer._id], "skills", skillId);
    return null;
  },
});

export const mine = viewerQuery({
  args: {},
  returns: v.array(skillView),
  handler: async (ctx) => {
    const rows = await listingsOf(ctx, ctx.viewer._id);
    const views = await Promise.all(rows.map((row) => projectSkill(ctx, ctx.viewer, row)));
    return views.filter((view) => view !== null);
  },
});

/** Other people's listings, full-text (prefix on the last word). */
export const search = viewerQuery({
  args: { query: v.string(), type: v.optional(skillType) },
  returns: v.array(skillView),
  handler: async (ctx, args) => {
    const text = checkText(args.query, "Search", { max: SKILL_NAME_MAX });
    const rows = await ctx.db
      .query("skills")
      .withSearchIndex("search_skillName", (q) =>
        args.type ? q.search("skillName", text).eq("type", args.type) : q.search("skillName", text),
      )
      .take(100);
    const views = await Promise.all(
      rows
        .filter((row) => !row.isDeleted && row.userId !== ctx.viewer._id)
        .map((row) => projectSkill(ctx, ctx.viewer, row)),
    );
    return views.filter((view) => view !== null).slice(0, 50);
  },
});

export const suggestedMatches = socialQuery({
  args: {},
  returns: v.array(suggestionView),
  handler: async (ctx) => await suggestMatches(ctx, ctx.viewer),
});

/** The offering listing's owner teaches; the viewer must be one of the two. */
export const proposeMatch = socialMutation({
  args: {
    offeringSkillId: v.id("skills"),
    seekingSkillId: v.optional(v.id("skills")),
    clientId: v.optional(v.string()),
  },
  returns: v.object({ matchId: v.id("skillMatches") }),
  handler: async (ctx, args) => {
    await requireFeature(ctx, "SKILL_EXCHANGE");
    return await once(ctx, ctx.viewer._id, "skills:proposeMatch", args, async () => {
      const offering = await requireListing(ctx, args.offeringSkillId);
      if (offering.type !== "offering") fail("INVALID", "The first listing must offer the skill.");
      const seeking = args.seekingSkillId ? await requireListing(ctx, args.seekingSkillId) : null;
      if (seeking && seeking.type !== "seeking") fail("INVALID", "The second listing must seek the skill.");
      if (seeking && seeking.skillNameLower !== offering.skillNameLower) {
        fail("INVALID", "Those listings are for different skills.");
      }
      const teacherId = offering.userId;
      const learnerId = seeking?.userId ?? ctx.viewer._id;
      if (teacherId === learnerId) fail("INVALID", "You can't match with yourself.");
      if (teacherId !== ctx.viewer._id && learnerId !== ctx.viewer._id) {
        fail("FORBIDDEN", "You can only propose matches you take part in.");
      }
      const otherId = teacherId === ctx.viewer._id ? learnerId : teacherId;
      await requireReachableUser(ctx, otherId);
      await requireNotBlocked(ctx, ctx.viewer._id, otherId);
      const existing = await ctx.db
        .query("skillMatches")
        .withIndex("by_offeringSkill", (q) => q.eq("offeringSkillId", offering._id))
        .take(500);
      const open = existing.filter((m) => m.learnerId === learnerId && (m.status === "pending" || m.status === "accepted"));
      if (open.length > 0) {
        fail("CONFLICT", "You two already have a match for this skill.");
      }
      const matchId = await ctx.db.insert("skillMatches", {
        teacherId,
        learnerId,
        offeringSkillId: offering._id,
        seekingSkillId: seeking?._id,
        skillName: offering.skillName,
        proposerId: ctx.viewer._id,
        status: "pending",
        updatedAt: Date.now(),
      });
      await publish(ctx, [teacherId, learnerId], "skillMatches", matchId);
      return { matchId };
    });
  },
});

/** By the invited party; opens (or reuses) their conversation. Idempotent. */
export const acceptMatch = socialMutation({
  args: { matchId: v.id("skillMatches") },
  returns: v.object({ conversationId: v.id("conversations") }),
  handler: async (ctx, { matchId }) => {
    await requireFeature(ctx, "SKILL_EXCHANGE");
    const match = await requireInvited(ctx, matchId, ctx.viewer._id);
    if (match.status === "accepted" && match.conversationId) return { conversationId: match.conversationId };
    if (match.status !== "pending") fail("CONFLICT", `This match is already ${match.status}.`);
    await requireReachableUser(ctx, match.proposerId);
    await requireNotBlocked(ctx, ctx.viewer._id, match.proposerId);
    const offering = await ctx.db.get("skills", match.offeringSkillId);
    if (!offering || offering.isDeleted) fail("CONFLICT", "The teacher removed this listing.");
    const conversation = await findOrCreateConversation(ctx, match.proposerId, ctx.viewer._id);
    await setStatus(ctx, match, "accepted", { conversationId: conversation._id });
    return { conversationId: conversation._id };
  },
});

/** By the invited party. Idempotent. */
export const declineMatch = viewerMutation({
  args: { matchId: v.id("skillMatches") },
  returns: v.null(),
  handler: async (ctx, { matchId }) => {
    await requireFeature(ctx, "SKILL_EXCHANGE");
    const match = await requireInvited(ctx, matchId, ctx.viewer._id);
    if (match.status === "declined") return null;
    if (match.status !== "pending") fail("CONFLICT", `This match is already ${match.status}.`);
    await setStatus(ctx, match, "declined");
    return null;
  },
});

/** By either party. Idempotent. */
export const completeMatch = viewerMutation({
  args: { matchId: v.id("skillMatches") },
  returns: v.null(),
  handler: async (ctx, { matchId }) => {
    await requireFeature(ctx, "SKILL_EXCHANGE");
    const match = await requireMatchParty(ctx, matchId, ctx.viewer._id);
    if (match.status === "completed") return null;
    if (match.status !== "accepted") fail("CONFLICT", "Only an accepted match can be completed.");
    await setStatus(ctx, match, "completed");
    return null;
  },
});

export const myMatches = viewerQuery({
  args: {},
  returns: v.array(skillMatchView),
  handler: async (ctx) => {
    const me = ctx.viewer._id;
    const [teaching, learning] = await Promise.all([
      ctx.db.query("skillMatches").withIndex("by_teacher", (q) => q.eq("teacherId", me)).order("desc").take(200),
      ctx.db.query("skillMatches").withIndex("by_learner", (q) => q.eq("learnerId", me)).order("desc").take(200),
    ]);
    const views = await Promise.all([...teaching, ...learning].map((m) => projectSkillMatch(ctx, ctx.viewer, m)));
    return views.filter((view) => view !== null).sort((a, b) => b.updatedAt - a.updatedAt);
  },
});

/** NOT_FOUND unless `userId` is one of its two parties. */
async function requireMatchParty(ctx: MutationCtx, matchId: Id<"skillMatches">, userId: Id<"users">) {
  const match = await ctx.db.get("skillMatches", matchId);
  if (!match || (match.teacherId !== userId && match.learnerId !== userId)) fail("NOT_FOUND", "Match not found.");
  return match;
}

/** The party who did not propose it; the proposer gets FORBIDDEN. */
async function requireInvited(ctx: MutationCtx, matchId: Id<"skillMatches">, userId: Id<"users">) {
  const match = await requireMatchParty(ctx, matchId, userId);
  if (match.proposerId === userId) fail("FORBIDDEN", "Only the person you asked can answer this proposal.");
  return match;
}

async function setStatus(
  ctx: MutationCtx,
  match: Doc<"skillMatches">,
  status: Doc<"skillMatches">["status"],
  extra: { conversationId?: Id<"conversations"> } = {},
) {
  await ctx.db.patch("skillMatches", match._id, { status, ...extra, updatedAt: Date.now() });
  await publish(ctx, [match.teacherId, match.learnerId], "skillMatches", match._id);
}
