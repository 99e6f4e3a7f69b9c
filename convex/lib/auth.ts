// Resolving the viewer from ctx.auth: the acting user never comes from a function's arguments.
import type { UserIdentity } from "convex/server";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "./errors";

/** The signed-in identity, or UNAUTHENTICATED. */
export async function requireIdentity(ctx: { auth: QueryCtx["auth"] }): Promise<UserIdentity> {
  const identity = await ctx.auth.getUserIdentity();
  if (!identity) fail("UNAUTHENTICATED", "Sign in first.");
  return identity;
}

/** The users row of this identity (auth subject = clerkId), or null before the first sign-in finished. */
export async function userByIdentity(ctx: QueryCtx, identity: UserIdentity): Promise<Doc<"users"> | null> {
  return await ctx.db
    .query("users")
    .withIndex("by_clerkId", (q) => q.eq("clerkId", identity.subject))
    .unique();
}

/** Refuses banned and erased accounts. */
export function requireActive(user: Doc<"users">): Doc<"users"> {
  if (user.isDeleted) fail("DELETED", "This account was deleted.");
  if (user.isBanned) fail("BANNED", "This account was banned" + (user.banReason ? `: ${user.banReason}` : "."));
  return user;
}

/**
 * Refuses (ONBOARDING_REQUIRED) an account that has not finished onboarding (no chosen username
 * and display name yet) when it tries a social action: anything that reaches another person or
 * puts the viewer in front of others, and matchmaking, which ranks people against the profile
 * onboarding completes. The social functions (built with socialMutation / socialQuery, plus
 * outbox:push's batched text whispers):
 * - whispers: sendWhisper, sendVoiceWhisper, scheduleWhisper, replyToWhisper, toggleReaction
 * - friends: request, accept
 * - unmasking: request, accept
 * - echoChambers: create, join, joinByCode, post
 * - skills: add (a listing others find), proposeMatch, acceptMatch, suggestedMatches
 * - moods: findMoodMatch
 * Everything else stays open before onboarding: the viewer's own account, profile, mood journal,
 * devices and data; reading; and withdrawing or protecting oneself (declining, leaving,
 * removing, blocking, deleting, closing, marking read), which must never wait for a profile.
 */
export function requireOnboarded(user: Doc<"users">): Doc<"users"> {
  if (!user.onboarded) fail("ONBOARDING_REQUIRED", "Finish setting up your profile first: choose a username and a display name.");
  return user;
}

/** The signed-in, active user; UNAUTHENTICATED when signed out or before the profile exists. */
export async function requireViewer(ctx: QueryCtx): Promise<Doc<"users">> {
  const identity = await requireIdentity(ctx);
  const user = await userByIdentity(ctx, identity);
  if (!user) fail("UNAUTHENTICATED", "Finish signing in first.");
  return requireActive(user);
}

/** The viewer's admin role, if any. */
export async function roleOf(ctx: QueryCtx, userId: Id<"users">): Promise<"admin" | "super_admin" | null> {
  const row = await ctx.db
    .query("adminRoles")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
  return row?.role ?? null;
}

/** Throws FORBIDDEN unless `userId` holds `minimum` (super_admin includes admin). */
export async function requireRole(
  ctx: QueryCtx,
  userId: Id<"users">,
  minimum: "admin" | "super_admin",
): Promise<"admin" | "super_admin"> {
  const role = await roleOf(ctx, userId);
  if (!role || (minimum === "super_admin" && role !== "super_admin")) {
    fail("FORBIDDEN", minimum === "super_admin" ? "Only super admins can do this." : "Only admins can do this.");
  }
  return role;
}
