// Exponential backoff with full jitter for outbox retries.

export type BackoffPolicy = {
  /** First delay (ms). */
  baseMs: number;
  /** Largest delay (ms). */
  maxMs: number;
};

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 60_000 };

/** `attempt` 1 = first retry; random in [cap/2, cap], cap = min(maxMs, baseMs·2^(attempt-1)), so returning clients spread out. */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 30));
  const cap = Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
  return Math.round(cap / 2 + random() * (cap / 2));
}
