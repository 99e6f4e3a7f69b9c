// GDPR erasure: the account is erased in the calling transaction; everything they wrote follows in measured batches that resume after a failure.
import { internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { TransactionBudget } from "../lib/budget";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { banAccount } from "./admin";
import { type After, deletePendingUploads, STEPS } from "./erasureSteps";
import { patchUser } from "./profiles";
import { DELETED_DISPLAY_NAME, profileAudience } from "./users";

/** Rows handled in the erasing transaction itself (the person's request stays quick); most people are fully erased right away. */
export const FIRST_BUDGET = 100;
/** Unattached uploads deleted in the erasing transaction (uploads are rate limited: rarely more). */
export const PENDING_UPLOADS_AT_ONCE = 50;
/** An erasure whose `erasures` row has not moved for this long lost its batch (it failed): the sweep schedules it again. */
export const STALLED_MS = 5 * 60 * 1000;

export type ErasureState = { step: number; after: After };

/** A username nobody can choose (usernames may not contain '-') and that says nothing about its owner. */
export function tombstoneUsername(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return "deleted-" + Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Personal fields go now, the rest in measured batches (the first one here); returns whether batches remain. */
export async function eraseUser(
  ctx: MutationCtx,
  userId: Id<"users">,
  { reason, ban = false }: { reason?: string; ban?: boolean } = {},
): Promise<boolean> {
  const user = await ctx.db.get("users", userId);
  if (!user) fail("NOT_FOUND", "That person isn't here.");
  if (ban) await banAccount(ctx, user, reason ?? "Account deleted by an admin.");
  if (user.isDeleted) return await erasureInProgress(ctx, userId);
  const audience = await profileAudience(ctx, userId);
  const now = Date.now();
  const username = tombstoneUsername();
  // patchUser blanks the profiles row the same way (model/profiles.ts).
  // clerkId stays (opaque, never returned): the same sign-in then finds the erased account and is refused, not recreated.
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
  return (await runErasure(ctx, userId, { step: 0, after: null }, new TransactionBudget(ctx, { maxUnits: FIRST_BUDGET }))) !== null;
}

/** Saves where it stopped in the `erasures` row and schedules the next batch; null once everything is erased. */
export async function runErasure(ctx: MutationCtx, userId: Id<"users">, state: ErasureState, budget: TransactionBudget): Promise<ErasureState | null> {
  let { step, after } = state;
  while (step < STEPS.length) {
    const result = await STEPS[step](ctx, userId, after, budget);
    if (result.done) {
      step += 1;
      after = null;
    } else {
      after = result.after;
    }
    if (result.stopped) break;
    // The next step's rows may cost more than any this batch measured (a membership's end reaches 500 feeds).
    if (result.done && step < STEPS.length && !(await budget.roomForAnotherKind())) break;
  }
  const row = await erasureOf(ctx, userId);
  if (step >= STEPS.length) {
    if (row) await ctx.db.delete("erasures", row._id);
    return null;
  }
  const batch = (row?.batch ?? 0) + 1;
  const saved = { step, after, batch, updatedAt: Date.now() };
  if (row) await ctx.db.patch("erasures", row._id, saved);
  else await ctx.db.insert("erasures", { userId, ...saved });
  await ctx.scheduler.runAfter(0, internal.erasure.continueErasure, { userId, batch });
  return { step, after };
}

/** Only the batch due runs (a duplicate finds the row moved on); its first row always runs, so each batch makes progress. */
export async function continueErasure(ctx: MutationCtx, userId: Id<"users">, batch: number): Promise<void> {
  const row = await erasureOf(ctx, userId);
  if (!row || row.batch !== batch) return;
  await runErasure(ctx, userId, { step: row.step, after: row.after }, new TransactionBudget(ctx, { atLeastOne: true }));
}

/** Run by a cron, so an erasure always finishes even when a batch failed or was lost. */
export async function resumeStalledErasures(ctx: MutationCtx): Promise<number> {
  const now = Date.now();
  const stalled = await ctx.db
    .query("erasures")
    .withIndex("by_updatedAt", (q) => q.lt("updatedAt", now - STALLED_MS))
    .take(100);
  for (const row of stalled) {
    await ctx.db.patch("erasures", row._id, { updatedAt: now, resumes: (row.resumes ?? 0) + 1 });
    await ctx.scheduler.runAfter(0, internal.erasure.continueErasure, { userId: row.userId, batch: row.batch });
  }
  return stalled.length;
}

/** Whether `userId`'s erasure still has batches to run (the account itself is erased at once). */
export async function erasureInProgress(ctx: QueryCtx, userId: Id<"users">): Promise<boolean> {
  return (await erasureOf(ctx, userId)) !== null;
}

async function erasureOf(ctx: QueryCtx, userId: Id<"users">) {
  return await ctx.db
    .query("erasures")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
}
