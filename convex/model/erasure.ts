// GDPR erasure: the account is erased in the calling transaction; everything they wrote follows in batches.
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { banAccount } from "./admin";
import { type After, deletePendingUploads, STEPS } from "./erasureSteps";
import { patchUser } from "./profiles";
import { DELETED_DISPLAY_NAME, profileAudience } from "./users";

/** Documents handled in the erasing transaction itself; most people are fully erased right away. */
export const FIRST_BUDGET = 100;
/** Unattached uploads deleted in the erasing transaction (uploads are rate limited: rarely more). */
export const PENDING_UPLOADS_AT_ONCE = 50;
/** Documents handled by each scheduled continuation. */
export const BATCH_BUDGET = 200;

export type ErasureState = { step: number; after: After };

/** A username nobody can choose (usernames may not contain '-') and that says nothing about its owner. */
export function tombstoneUsername(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return "deleted-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Erases `userId` (GDPR): in this transaction the account loses every personal field
 * (email, names, career, life phase, mood and journal, interests, push token), its username
 * becomes a tombstone and it is marked deleted; push subscriptions go; then their whispers,
 * files, chamber messages and memberships, skills, matches, friendships, unmasking and admin
 * requests and bookkeeping are erased in batches: the first batch here, the rest in scheduled
 * continuations (`internal.erasure.continueErasure`). Every changed document is published to
 * its audience. With `ban` the account is also banned with `reason` (admin mode).
 *
 * clerkId is kept on purpose: the same sign-in then finds the erased account and is refused
 * (DELETED) instead of silently recreating the person. It is an opaque id of the auth
 * provider, never returned by any public function. Erasing again is a no-op (a ban still applies).
 */
export async function eraseUser(
  ctx: MutationCtx,
  userId: Id<"users">,
  { reason, ban = false }: { reason?: string; ban?: boolean } = {},
): Promise<void> {
  const user = await ctx.db.get("users", userId);
  if (!user) fail("NOT_FOUND", "That person isn't here.");
  if (ban) await banAccount(ctx, user, reason ?? "Account deleted by an admin.");
  if (user.isDeleted) return;
  const audience = await profileAudience(ctx, userId);
  const now = Date.now();
  const username = tombstoneUsername();
  // patchUser blanks the profiles row the same way (model/profiles.ts).
  await patchUser(ctx, userId, {
    username,
    usernameLower: username,
    email: "",
    firstName: undefined,
    lastName: undefined,
    displayName: DELETED_DISPLAY_NAME,
    career: undefined,
    interests: [],
    mood: undefined,
    lifePhase: undefined,
    moodJournal: [],
    pushNotificationToken: undefined,
    isDeleted: true,
    deletedAt: now,
    updatedAt: now,
  });
  const subscriptions = await ctx.db
    .query("pushSubscriptions")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .take(1000);
  for (const subscription of subscriptions) await ctx.db.delete("pushSubscriptions", subscription._id);
  await publish(ctx, audience, "users", userId);
  await deletePendingUploads(ctx, userId, PENDING_UPLOADS_AT_ONCE);
  await continueErasure(ctx, userId, { step: 0, after: null }, FIRST_BUDGET);
}

/**
 * Runs erasure steps from `state` until `budget` documents were handled, then schedules the
 * next continuation (if anything is left). Returns the state reached, or null when finished.
 */
export async function continueErasure(
  ctx: MutationCtx,
  userId: Id<"users">,
  state: ErasureState,
  budget: number,
): Promise<ErasureState | null> {
  let { step, after } = state;
  let left = budget;
  while (step < STEPS.length && left > 0) {
    const result = await STEPS[step](ctx, userId, after, left);
    left -= Math.max(1, result.used);
    if (result.done) {
      step += 1;
      after = null;
    } else {
      after = result.after;
    }
  }
  if (step >= STEPS.length) return null;
  await ctx.scheduler.runAfter(0, internal.erasure.continueErasure, { userId, step, after });
  return { step, after };
}
