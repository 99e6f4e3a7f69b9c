// Convex's transaction limits in Convex's words: convex-test enforces the same limits but words its errors its own way.

/** Convex's advice after a read limit (OVER_LIMIT_HELP in the backend). */
const OVER_LIMIT_HELP =
  "Consider using smaller limits in your queries, paginating your queries, or using indexed queries with a selective index range expressions.";

const CONVEX_WORDING: [RegExp, (limit: string) => string][] = [
  [/^Too many index ranges read in a single function execution \(limit: (\d+)\)/, (n) => `Too many reads in a single function execution (limit: ${n}). ${OVER_LIMIT_HELP}`],
  [/^Scanned too many documents in a single function execution \(limit: (\d+)\)/, (n) => `Too many documents read in a single function execution (limit: ${n}). ${OVER_LIMIT_HELP}`],
  [/^Read too much data in a single function execution \(limit: (\d+) bytes\)/, (n) => `Too many bytes read in a single function execution (limit: ${n} bytes). ${OVER_LIMIT_HELP}`],
  [/^Wrote too many documents in a single function execution \(limit: (\d+)\)/, (n) => `Too many writes in a single function execution (limit: ${n})`],
  [/^Wrote too much data in a single function execution \(limit: (\d+) bytes\)/, (n) => `Too many bytes written in a single function execution (limit: ${n} bytes)`],
  [/^Scheduled too many functions in a single function execution \(limit: (\d+)\)/, (n) => `Too many functions scheduled by this mutation (limit: ${n})`],
  [
    /^Scheduled function arguments too large in a single function execution \(limit: (\d+) bytes\)/,
    (n) => `Too large total size of the arguments of scheduled functions from this mutation (limit: ${n} bytes)`,
  ],
];

export function convexLimitMessage(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  for (const [pattern, wording] of CONVEX_WORDING) {
    const match = pattern.exec(error.message);
    if (match) return wording(match[1]!);
  }
  return null;
}

const TRACKING_METHODS = ["trackRead", "trackWrite", "trackIndexRange", "trackScheduledFunction"] as const;

/** The calls of convex-test's per-transaction tracker that throw at a limit. */
export type MetricsTracker = Record<(typeof TRACKING_METHODS)[number], (...args: number[]) => void>;

export function rewordLimitErrors(tracker: MetricsTracker): void {
  for (const method of TRACKING_METHODS) {
    const track = tracker[method].bind(tracker);
    tracker[method] = (...args: number[]) => {
      try {
        track(...args);
      } catch (error) {
        const message = convexLimitMessage(error);
        throw message === null ? error : new Error(message);
      }
    };
  }
}
