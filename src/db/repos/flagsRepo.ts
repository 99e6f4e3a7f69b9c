// Feature flags as the server last reported them, cached so the UI gates features offline.
import type { WhispersDB } from "../database";
import type { FeatureFlag } from "../types";

/** Whether `flags` say the same as the `stored` ones (same names, states and labels). */
export function sameFlags(stored: readonly FeatureFlag[], flags: readonly FeatureFlag[]): boolean {
  return (
    stored.length === flags.length &&
    flags.every((f) => stored.some((s) => s.name === f.name && s.enabled === f.enabled && s.label === f.label))
  );
}

/** Writes only when they differ (no liveQuery wake-up otherwise); `stored`: as already read in this transaction. */
export async function replaceFlags(db: WhispersDB, flags: FeatureFlag[], stored?: readonly FeatureFlag[]): Promise<void> {
  if (sameFlags(stored ?? (await db.featureFlags.toArray()), flags)) return;
  // Both requests at once (they run in order): nothing is issued after a wait.
  await Promise.all([db.featureFlags.clear(), db.featureFlags.bulkPut(flags)]);
}

/** Whether `name` is on (flags default to on, as on the server). */
export async function isFlagEnabled(db: WhispersDB, name: string): Promise<boolean> {
  return (await db.featureFlags.get(name))?.enabled ?? true;
}
