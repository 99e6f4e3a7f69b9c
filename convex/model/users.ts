// How a person appears: to others public fields only (real names after an unmasking), to themselves everything.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { publish } from "../lib/feed";
import { moodEntry, themePreference } from "../schema";
import { profileFields, profileOf, type ProfileFields } from "./profiles";
import { isMasked, maySeeProfile, revealsNames } from "./visibility";

/** What another person may see of someone (profileView). */
export const publicProfileView = v.object({
  _id: v.id("users"),
  username: v.string(),
  displayName: v.string(),
  mood: v.optional(v.string()),
  career: v.optional(v.string()),
  interests: v.array(v.string()),
  lifePhase: v.optional(v.string()),
  isDeleted: v.boolean(),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  updatedAt: v.number(),
});
export type PublicProfile = Infer<typeof publicProfileView>;

/** The display name erased accounts are shown with. */
export const DELETED_DISPLAY_NAME = "Deleted user";

/** Real names only with `revealNames` (an accepted unmasking); an erased account shows nothing of its owner. */
export function profileView(profile: ProfileFields, { revealNames = false } = {}): PublicProfile {
  if (profile.isDeleted) {
    return {
      _id: profile.userId,
      username: profile.username,
      displayName: DELETED_DISPLAY_NAME,
      interests: [],
      isDeleted: true,
      updatedAt: profile.updatedAt,
    };
  }
  return {
    _id: profile.userId,
    username: profile.username,
    displayName: profile.displayName,
    mood: profile.mood,
    career: profile.career,
    interests: profile.interests,
    lifePhase: profile.lifePhase,
    isDeleted: false,
    ...(revealNames ? { firstName: profile.firstName, lastName: profile.lastName } : {}),
    updatedAt: profile.updatedAt,
  };
}

/** profileView of a whole users document, where one was read anyway (an admin's list, a push title). */
export function publicProfile(user: Doc<"users">, options: { revealNames?: boolean } = {}): PublicProfile {
  return profileView(profileFields(user), options);
}

// ── Own profile, projections and who hears about profile changes ───────────────────────────

export const ownProfileView = v.object({
  _id: v.id("users"),
  _creationTime: v.number(),
  isSelf: v.literal(true),
  username: v.string(),
  displayName: v.string(),
  email: v.string(),
  firstName: v.optional(v.string()),
  lastName: v.optional(v.string()),
  career: v.optional(v.string()),
  interests: v.array(v.string()),
  mood: v.optional(v.string()),
  lifePhase: v.optional(v.string()),
  moodJournal: v.array(moodEntry),
  themePreference,
  onboarded: v.boolean(),
  isDeleted: v.boolean(),
  isBanned: v.boolean(),
  banReason: v.optional(v.string()),
  updatedAt: v.number(),
});
export type OwnProfile = Infer<typeof ownProfileView>;

/** Everything the person may see of their own account (never clerkId or push tokens). */
export function ownProfile(user: Doc<"users">): OwnProfile {
  return {
    _id: user._id,
    _creationTime: user._creationTime,
    isSelf: true,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
    ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
    ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
    ...(user.career !== undefined ? { career: user.career } : {}),
    interests: user.interests,
    ...(user.mood !== undefined ? { mood: user.mood } : {}),
    ...(user.lifePhase !== undefined ? { lifePhase: user.lifePhase } : {}),
    moodJournal: user.moodJournal,
    themePreference: user.themePreference,
    onboarded: user.onboarded,
    isDeleted: user.isDeleted,
    isBanned: user.isBanned ?? false,
    ...(user.banReason !== undefined ? { banReason: user.banReason } : {}),
    updatedAt: user.updatedAt,
  };
}

/** `profile` as `viewer` may see it: real names only after an accepted unmasking between the two. */
export async function profileFor(ctx: QueryCtx, viewerId: Id<"users">, profile: ProfileFields): Promise<PublicProfile> {
  return profileView(profile, { revealNames: await revealsNames(ctx, viewerId, profile) });
}

/** Never asks whether `user` is a hidden sender (a tombstone for that alone would tell); profileAudience keeps such changes out instead. */
export async function projectUser(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  user: Doc<"users">,
): Promise<OwnProfile | PublicProfile | null> {
  if (user._id === viewer._id) return ownProfile(user);
  return await projectOtherUser(ctx, viewer, user._id);
}

/** From the compact profiles row alone, never the users document (whose journal can be ~45 KB). */
export async function projectOtherUser(ctx: QueryCtx, viewer: Doc<"users">, userId: Id<"users">): Promise<PublicProfile | null> {
  if (!(await maySeeProfile(ctx, viewer._id, userId))) return null;
  const profile = await profileOf(ctx, userId);
  return profile ? await profileFor(ctx, viewer._id, profile) : null;
}

/** How many of a person's conversations (newest first) and friend rows a profile change reaches. */
export const AUDIENCE_SCAN = 500;

/** Never the counterpart of a masked conversation where `userId` is the hidden sender, nor anyone blocked either way. */
export async function profileAudience(ctx: QueryCtx, userId: Id<"users">): Promise<Id<"users">[]> {
  const audience = new Set<Id<"users">>();
  const blocked = new Set<Id<"users">>();
  const memberships = await ctx.db
    .query("conversationParticipants")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .order("desc")
    .take(AUDIENCE_SCAN);
  for (const membership of memberships) {
    const conversation = await ctx.db.get("conversations", membership.conversationId);
    if (!conversation) continue;
    if (isMasked(conversation) && conversation.hiddenParticipantId === userId) continue;
    for (const id of conversation.participantIds) audience.add(id);
  }
  const outgoing = await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", userId))
    .take(AUDIENCE_SCAN);
  const incoming = await ctx.db
    .query("friends")
    .withIndex("by_friendId", (q) => q.eq("friendId", userId))
    .take(AUDIENCE_SCAN);
  for (const row of outgoing) (row.status === "blocked" ? blocked : audience).add(row.friendId);
  for (const row of incoming) (row.status === "blocked" ? blocked : audience).add(row.userId);
  for (const id of blocked) audience.delete(id);
  audience.add(userId);
  return [...audience];
}

export async function publishProfile(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  await publish(ctx, await profileAudience(ctx, userId), "users", userId);
}
