// The profiles table: each person's compact profile, written with their users document and read instead of it.
import type { WithoutSystemFields } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { memoized } from "../lib/queryMemo";

export type ProfileFields = WithoutSystemFields<Doc<"profiles">>;

/** A change to a users document (a field set to undefined is removed, as in db.patch). */
export type UserPatch = Partial<WithoutSystemFields<Doc<"users">>>;

/** The users fields a profiles row mirrors: a patch touching one of them rewrites the row. */
const MIRRORED = [
  "username", "displayName", "firstName", "lastName", "career", "interests", "mood", "lifePhase",
  "isDeleted", "isBanned", "onboarded",
] as const satisfies readonly (keyof Doc<"users">)[];

export function profileFields(user: Doc<"users">): ProfileFields {
  const isBanned = user.isBanned === true;
  return {
    userId: user._id,
    username: user.username,
    displayName: user.displayName,
    ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
    ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
    ...(user.career !== undefined ? { career: user.career } : {}),
    interests: user.interests,
    ...(user.mood !== undefined ? { mood: user.mood } : {}),
    ...(user.lifePhase !== undefined ? { lifePhase: user.lifePhase } : {}),
    isDeleted: user.isDeleted,
    isBanned,
    onboarded: user.onboarded,
    matchable: user.onboarded && !user.isDeleted && !isBanned,
    updatedAt: user.updatedAt,
  };
}

/** Whether two profiles show the same (everything but `updatedAt`). */
function sameProfile(a: ProfileFields, b: ProfileFields): boolean {
  const shown = (p: ProfileFields) => JSON.stringify([...MIRRORED.map((key) => p[key] ?? null), p.matchable]);
  return a.userId === b.userId && shown(a) === shown(b);
}

async function profileRow(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"profiles"> | null> {
  return await ctx.db
    .query("profiles")
    .withIndex("by_userId", (q) => q.eq("userId", userId))
    .unique();
}

/** Rewrites updatedAt too (a mood set again is news to matching); `whenChanged` (the backfill) skips rows already right. */
export async function writeProfile(ctx: MutationCtx, user: Doc<"users">, { whenChanged = false } = {}): Promise<void> {
  const fields = profileFields(user);
  const row = await profileRow(ctx, user._id);
  if (!row) await ctx.db.insert("profiles", fields);
  else if (!sameProfile(row, fields) || (!whenChanged && row.updatedAt !== fields.updatedAt)) {
    await ctx.db.replace("profiles", row._id, fields);
  }
}

/** Every write of a mirrored field goes through here (or writeProfile after an insert), so the row never drifts. */
export async function patchUser(ctx: MutationCtx, userId: Id<"users">, patch: UserPatch): Promise<Doc<"users">> {
  await ctx.db.patch("users", userId, patch);
  const user = (await ctx.db.get("users", userId))!;
  if (MIRRORED.some((key) => key in patch)) await writeProfile(ctx, user);
  return user;
}

/** Once per query (lib/queryMemo.ts); a user the backfill hasn't reached yet is mirrored from the document. */
export async function profileOf(ctx: QueryCtx, userId: Id<"users">): Promise<ProfileFields | null> {
  return await memoized(ctx, `profile:${userId}`, async () => {
    const row = await profileRow(ctx, userId);
    if (row) return row;
    const user = await ctx.db.get("users", userId);
    return user ? profileFields(user) : null;
  });
}

/** Writes the missing or stale profiles rows of one page of users; the cursor of the next page, or null after the last. */
export async function backfillProfiles(ctx: MutationCtx, cursor: string | null, batch: number): Promise<string | null> {
  const page = await ctx.db.query("users").paginate({ cursor, numItems: batch });
  for (const user of page.page) await writeProfile(ctx, user, { whenChanged: true });
  return page.isDone ? null : page.continueCursor;
}
