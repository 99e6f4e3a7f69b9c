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

/** The people the viewer blocked or who blocked the viewer. */
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

/**
 * Bounded candidate sets (never a table scan): up to PER_INDEX newest people for each
 * compatible mood (by_mood), the same life phase (by_lifePhase) and career (by_career), plus
 * the PER_INDEX newest people so shared interests alone can also match.
 */
async function candidates(ctx: QueryCtx, viewer: Doc<"users">): Promise<Doc<"users">[]> {
  const found = new Map<Id<"users">, Doc<"users">>();
  const add = (users: Doc<"users">[]) => users.forEach((user) => found.set(user._id, user));
  for (const mood of compatibleMoods(viewer.mood)) {
    add(await ctx.db.query("users").withIndex("by_mood", (q) => q.eq("mood", mood)).order("desc").take(PER_INDEX));
  }
  if (viewer.lifePhase) {
    const phase = viewer.lifePhase;
    add(await ctx.db.query("users").withIndex("by_lifePhase", (q) => q.eq("lifePhase", phase)).order("desc").take(PER_INDEX));
  }
  if (viewer.career) {
    const career = viewer.career;
    add(await ctx.db.query("users").withIndex("by_career", (q) => q.eq("career", career)).order("desc").take(PER_INDEX));
  }
  if (viewer.interests.length > 0) add(await ctx.db.query("users").order("desc").take(PER_INDEX));
  return [...found.values()];
}

/**
 * Up to `limit` (default 10, max 50) people to whisper to, best first. Each comes with the
 * score (0 to 1) and its parts (each already weighted: mood 0.4, interests 0.3, life phase
 * 0.15, career 0.15; they add up to the score) and the interests both share. Never the viewer,
 * anyone blocked either way, erased, banned or not yet onboarded people. Equal scores are
 * ordered by id, so equal inputs give the same list. Off when MOOD_MATCH is disabled.
 */
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
      (user) =>
        user._id !== viewer._id && !blocked.has(user._id) && !user.isDeleted && !user.isBanned && user.onboarded,
    );
    const ranked = rankMatches(eligible.map((user) => scoreMatch(viewer, user)), limit);
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
