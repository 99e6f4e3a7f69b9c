// Time helpers shared by counters and the dashboard.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of `ms` as YYYY-MM-DD. */
export function dayKey(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
