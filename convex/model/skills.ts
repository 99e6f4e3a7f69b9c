// Skill exchange rules: listings, who may see them, suggested teacher/learner pairs and match views.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { proficiencyLevel, skillMatchStatus, skillType } from "../schema";
import { profileOf } from "./profiles";
import { profileFor, publicProfileView, type PublicProfile } from "./users";
import { isBlockedBetween } from "./visibility";

/** Most listings one person may keep; also bounds every per-user scan. */
export const MAX_LISTINGS_PER_USER = 50;

const PROFICIENCY_RANK: Record<Doc<"skills">["proficiencyLevel"], number> = {
  beginner: 1,
  intermediate: 2,
  advanced: 3,
  expert: 4,
};

export const skillView = v.object({
  _id: v.id("skills"),
  _creationTime: v.number(),
  skillName: v.string(),
  type: skillType,
  proficiencyLevel: proficiencyLevel,
  description: v.optional(v.string()),
  isYours: v.boolean(),
  /** Someone else's listing carries its owner's public profile. */
  owner: v.optional(publicProfileView),
  updatedAt: v.number(),
});
export type SkillView = Infer<typeof skillView>;

export const skillMatchView = v.object({
  _id: v.id("skillMatches"),
  _creationTime: v.number(),
  skillName: v.string(),
  status: skillMatchStatus,
  teacherIsYou: v.boolean(),
  proposedByYou: v.boolean(),
  offeringSkillId: v.id("skills"),
  seekingSkillId: v.optional(v.id("skills")),
  conversationId: v.optional(v.id("conversations")),
  counterpart: publicProfileView,
  updatedAt: v.number(),
});
export type SkillMatchView = Infer<typeof skillMatchView>;

/** `userId`'s listings (deleted ones too when `withDeleted`), bounded. */
export async function listingsOf(
  ctx: QueryCtx,
  userId: Id<"users">,
  { withDeleted = false } = {},
): Promise<Doc<"skills">[]> {
  const rows = await ctx.db
    .query("skills")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(MAX_LISTINGS_PER_USER * 4);
  return withDeleted ? rows : rows.filter((row) => !row.isDeleted);
}

/** The profile `viewer` may see of `user`: null when erased, banned or blocked either way. */
async function visibleProfile(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  userId: Id<"users">,
): Promise<PublicProfile | null> {
  const profile = await profileOf(ctx, userId);
  if (!profile || profile.isDeleted || profile.isBanned) return null;
  if (await isBlockedBetween(ctx, viewer._id, userId)) return null;
  return await profileFor(ctx, viewer._id, profile);
}

/** Null (a tombstone) when deleted, or when its owner is erased, banned or blocked either way. */
export async function projectSkill(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  skill: Doc<"skills">,
): Promise<SkillView | null> {
  if (skill.isDeleted) return null;
  const isYours = skill.userId === viewer._id;
  const owner = isYours ? null : await visibleProfile(ctx, viewer, skill.userId);
  if (!isYours && !owner) return null;
  return {
    _id: skill._id,
    _creationTime: skill._creationTime,
    skillName: skill.skillName,
    type: skill.type,
    proficiencyLevel: skill.proficiencyLevel,
    ...(skill.description !== undefined ? { description: skill.description } : {}),
    isYours,
    ...(owner ? { owner } : {}),
    updatedAt: skill.updatedAt,
  };
}

/** A match as one of its two parties sees it, with the other party's public profile. */
export async function projectSkillMatch(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  match: Doc<"skillMatches">,
): Promise<SkillMatchView | null> {
  const teacherIsYou = match.teacherId === viewer._id;
  if (!teacherIsYou && match.learnerId !== viewer._id) return null;
  const counterpartId = teacherIsYou ? match.learnerId : match.teacherId;
  const counterpart = await profileOf(ctx, counterpartId);
  if (!counterpart) return null;
  return {
    _id: match._id,
    _creationTime: match._creationTime,
    skillName: match.skillName,
    status: match.status,
    teacherIsYou,
    proposedByYou: match.proposerId === viewer._id,
    offeringSkillId: match.offeringSkillId,
    ...(match.seekingSkillId ? { seekingSkillId: match.seekingSkillId } : {}),
    ...(match.conversationId ? { conversationId: match.conversationId } : {}),
    counterpart: await profileFor(ctx, viewer._id, counterpart),
    updatedAt: match.updatedAt,
  };
}

export async function requireListing(ctx: QueryCtx, skillId: Id<"skills">): Promise<Doc<"skills">> {
  const skill = await ctx.db.get("skills", skillId);
  if (!skill || skill.isDeleted) fail("NOT_FOUND", "That listing doesn't exist any more.");
  return skill;
}

// ── Suggested matches ─────────────────────────────────────────────────────────────────────

export const suggestionView = v.object({
  yourSkill: skillView,
  theirSkill: skillView,
  teacherIsYou: v.boolean(),
  /** Both teach something the other seeks. */
  mutual: v.boolean(),
});
export type SuggestionView = Infer<typeof suggestionView>;

const CANDIDATES_PER_LISTING = 20;
const MAX_SUGGESTIONS = 50;

/** Ranked by the teacher's proficiency, then mutual exchanges, then the newest listing. */
export async function suggestMatches(ctx: QueryCtx, viewer: Doc<"users">): Promise<SuggestionView[]> {
  const mine = await listingsOf(ctx, viewer._id);
  const listingsByOwner = new Map<Id<"users">, Doc<"skills">[]>();
  const ranked: { view: SuggestionView; teacherRank: number; created: number }[] = [];
  for (const yours of mine) {
    const opposite = yours.type === "offering" ? "seeking" : "offering";
    const candidates = await ctx.db
      .query("skills")
      .withIndex("by_name_type", (q) => q.eq("skillNameLower", yours.skillNameLower).eq("type", opposite))
      .take(CANDIDATES_PER_LISTING);
    for (const theirs of candidates) {
      if (theirs.isDeleted || theirs.userId === viewer._id) continue;
      const theirView = await projectSkill(ctx, viewer, theirs);
      if (!theirView) continue;
      if (!listingsByOwner.has(theirs.userId)) listingsByOwner.set(theirs.userId, await listingsOf(ctx, theirs.userId));
      const teacher = yours.type === "offering" ? yours : theirs;
      ranked.push({
        view: {
          yourSkill: (await projectSkill(ctx, viewer, yours))!,
          theirSkill: theirView,
          teacherIsYou: yours.type === "offering",
          mutual: isMutual(mine, listingsByOwner.get(theirs.userId)!),
        },
        teacherRank: PROFICIENCY_RANK[teacher.proficiencyLevel],
        created: theirs._creationTime,
      });
    }
  }
  ranked.sort(
    (a, b) =>
      b.teacherRank - a.teacherRank || Number(b.view.mutual) - Number(a.view.mutual) || b.created - a.created,
  );
  return ranked.slice(0, MAX_SUGGESTIONS).map((entry) => entry.view);
}

/** True when each of the two offers a skill the other one seeks. */
function isMutual(mine: Doc<"skills">[], theirs: Doc<"skills">[]): boolean {
  const teaches = (from: Doc<"skills">[], to: Doc<"skills">[]) =>
    from.some(
      (offer) =>
        offer.type === "offering" &&
        to.some((seek) => seek.type === "seeking" && seek.skillNameLower === offer.skillNameLower),
    );
  return teaches(mine, theirs) && teaches(theirs, mine);
}
