// Feature flags as the server last reported them, cached so the UI gates features offline.
import type { WhispersDB } from "../database";
import type { FeatureFlag } from "../types";

/**
 * Replaces the cached flags with `flags` when they differ (no write, so no liveQuery wake-up,
 * when nothing changed). Offline the cached flags stay in force; an unknown flag reads as on.
 */
export async function replaceFlags(db: WhispersDB, flags: FeatureFlag[]): Promise<void> {
  const stored = await db.featureFlags.toArray();
  const same =
    stored.length === flags.length &&
    flags.every((f) => stored.some((s) => s.name === f.name && s.enabled === f.enabled && s.label === f.label));
  if (same) return;
  await db.featureFlags.clear();
  await db.featureFlags.bulkPut(flags);
}

/** Whether `name` is on (flags default to on, as on the server). */
export async function isFlagEnabled(db: WhispersDB, name: string): Promise<boolean> {
  return (await db.featureFlags.get(name))?.enabled ?? true;
}
