// Token-bucket rate limits stored in the database, one bucket per (limit, user).
import type { Id } from "../_generated/dataModel";
import { env, type MutationCtx } from "../_generated/server";
import { fail } from "./errors";

/** Each limit: bucket size and how many tokens come back per minute. */
export const LIMITS = {
  whisper: { capacity: 120, perMinute: 60 },
  voiceWhisper: { capacity: 10, perMinute: 5 },
  upload: { capacity: 30, perMinute: 15 },
  chamberMessage: { capacity: 60, perMinute: 30 },
  /** Creating echo chambers: a few at once, then one every 5 minutes. */
  chamberCreate: { capacity: 5, perMinute: 0.2 },
  /** Adding or removing a reaction: enough for quick taps and second thoughts, not for flooding feeds. */
  reaction: { capacity: 60, perMinute: 30 },
  friendRequest: { capacity: 20, perMinute: 5 },
  adminRequest: { capacity: 3, perMinute: 1 / 60 },
  /** Requesting a data export (each reads everything of the person): three, then one an hour. */
  dataExport: { capacity: 3, perMinute: 1 / 60 },
} as const;

export type LimitName = keyof typeof LIMITS;

/**
 * The deployment's RATE_LIMIT_SCALE: a positive number multiplying every bucket's capacity and
 * refill rate (load tests and benchmarks: `npm run bench` runs its local backend with 1000).
 * Unset, empty, not a number, zero or negative: 1 (the limits above). Leave it unset in production.
 */
export function rateLimitScale(): number {
  const raw = env.RATE_LIMIT_SCALE?.trim();
  if (!raw) return 1;
  const scale = Number(raw);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

/** Takes one token from `userId`'s bucket for `name`, or throws RATE_LIMITED with a retry hint. */
export async function consume(ctx: MutationCtx, name: LimitName, userId: Id<"users">): Promise<void> {
  const bucket = await openBucket(ctx, name, userId);
  bucket.take();
  await bucket.save();
}

/** A bucket read once and taken from many times in one transaction (a batch of sends), saved once. */
export type Bucket = {
  /** Takes one token, or throws RATE_LIMITED with how long to wait. */
  take(): void;
  /** Gives back the token of a send that was refused after all (as a rolled-back consume would). */
  refund(): void;
  /** Writes the bucket if anything was taken. */
  save(): Promise<void>;
};

export async function openBucket(ctx: MutationCtx, name: LimitName, userId: Id<"users">): Promise<Bucket> {
  const scale = rateLimitScale();
  const capacity = LIMITS[name].capacity * scale;
  const perMinute = LIMITS[name].perMinute * scale;
  const key = `${name}:${userId}`;
  const now = Date.now();
  const row = await ctx.db
    .query("rateLimits")
    .withIndex("by_key", (q) => q.eq("key", key))
    .unique();
  let tokens = row ? Math.min(capacity, row.tokens + ((now - row.refilledAt) / 60_000) * perMinute) : capacity;
  let taken = 0;
  return {
    take() {
      if (tokens < 1) {
        const waitSeconds = Math.ceil(((1 - tokens) / perMinute) * 60);
        fail("RATE_LIMITED", `Slow down: try again in ${waitSeconds} seconds.`);
      }
      tokens -= 1;
      taken += 1;
    },
    refund() {
      tokens += 1;
      taken -= 1;
    },
    async save() {
      if (taken === 0) return;
      if (row) await ctx.db.patch("rateLimits", row._id, { tokens, refilledAt: now });
      else await ctx.db.insert("rateLimits", { key, tokens, refilledAt: now });
      taken = 0;
    },
  };
}
