// Mood matching: people to whisper to, ranked by mood compatibility, shared interests, life phase and career.
import { v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import type { QueryCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { requireFeature } from "./lib/flags";
import { socialQuery } from "./lib/functions";
import { compatibleMoods, rankMatches, scoreMatch } from "./model/moods";
import { profileFor, publicProfileView } from "./model/users";

const DEFAULT_LIMIT = 10;
const MAX_LIMIT = 50;
/** How many people each index lookup (and the newest-people fallback) contributes at most. */
const PER_INDEX = 200;
/** How many of the viewer's block rows (each direction) are read to exclude blocked people. */
const BLOCK_SCAN = 1000;

const matchView = v.object({
  user: publicProfileView,
  score: v.number(),
  parts: v.object({ mood: v.number(), interests: v.number(), lifePhase: v.number(), career: v.number() }),
  sharedInterests: v.array(v.string()),
});

async function blockedEitherWay(ctx: QueryCtx, viewerId: Id<"users">): Promise<Set<Id<"users">>> {
  const mine = await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", viewerId))
    .take(BLOCK_SCAN);
  const theirs = await ctx.db
    .query("friends")
    .withIndex("by_friendId", (q) => q.eq("friendId", viewerId))
    .take(BLOCK_SCAN);
  return new Set([
    ...mine.filter((row) => row.status === "blocked").map((row) => row.friendId),
    ...theirs.filter((row) => row.status === "blocked").map((row) => row.userId),
  ]);
}

/** Bounded index reads of matchable profiles rows (never a scan, never the users documents with their journals); the newest too, so interests alone can match. */
async function candidates(ctx: QueryCtx, viewer: Doc<"users">): Promise<Doc<"profiles">[]> {
  const found = new Map<Id<"users">, Doc<"profiles">>();
  const add = (profiles: Doc<"profiles">[]) => profiles.forEach((profile) => found.set(profile.userId, profile));
  const { mood, lifePhase, career } = viewer;
  for (const compatible of compatibleMoods(mood)) {
    const byMood = ctx.db
      .query("profiles")
      .withIndex("by_matchable_mood", (q) => q.eq("matchable", true).eq("mood", compatible));
    add(await byMood.order("desc").take(PER_INDEX));
  }
  if (lifePhase) {
    const byPhase = ctx.db
      .query("profiles")
      .withIndex("by_matchable_lifePhase", (q) => q.eq("matchable", true).eq("lifePhase", lifePhase));
    add(await byPhase.order("desc").take(PER_INDEX));
  }
  if (career) {
    const byCareer = ctx.db
      .query("profiles")
      .withIndex("by_matchable_career", (q) => q.eq("matchable", true).eq("career", career));
    add(await byCareer.order("desc").take(PER_INDEX));
  }
  if (viewer.interests.length > 0) {
    const newest = ctx.db.query("profiles").withIndex("by_matchable_updatedAt", (q) => q.eq("matchable", true));
    add(await newest.order("desc").take(PER_INDEX));
  }
  return [...found.values()];
}

/** Parts come already weighted and add up to the score; never anyone blocked either way. */
export const findMoodMatch = socialQuery({
  args: { limit: v.optional(v.number()) },
  returns: v.array(matchView),
  handler: async (ctx, { limit = DEFAULT_LIMIT }) => {
    await requireFeature(ctx, "MOOD_MATCH");
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      fail("INVALID", `limit must be a whole number from 1 to ${MAX_LIMIT}.`);
    }
    const viewer = ctx.viewer;
    const blocked = await blockedEitherWay(ctx, viewer._id);
    const eligible = (await candidates(ctx, viewer)).filter(
      (profile) => profile.userId !== viewer._id && !blocked.has(profile.userId),
    );
    const ranked = rankMatches(eligible.map((profile) => scoreMatch(viewer, profile)), limit);
    return await Promise.all(
      ranked.map(async ({ user, score, parts, sharedInterests }) => ({
        user: await profileFor(ctx, viewer._id, user),
        score,
        parts,
        sharedInterests,
      })),
    );
  },
});
