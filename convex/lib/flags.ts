// Feature flags on the server side: a disabled feature's mutations are refused.
import type { QueryCtx } from "../_generated/server";
import { fail } from "./errors";

/** Every flag the product knows, with the name people see. A flag with no row is enabled. */
export const FEATURES = {
  WHISPER_CHAINS: "Whisper chains",
  VOICE_WHISPERS: "Voice whispers",
  MYSTERY_WHISPERS: "Mystery whispers",
  SCHEDULED_WHISPERS: "Scheduled whispers",
  IMAGE_WHISPERS: "Image whispers",
  ECHO_CHAMBERS: "Echo chambers",
  SKILL_EXCHANGE: "Skill exchange",
  UNMASKING: "Unmasking",
  MOOD_MATCH: "Mood match",
} as const;

export type FeatureName = keyof typeof FEATURES;

export function isFeatureName(name: string): name is FeatureName {
  return Object.prototype.hasOwnProperty.call(FEATURES, name);
}

/** Whether `name` is on; flags default to on until an admin turns them off. */
export async function isEnabled(ctx: QueryCtx, name: FeatureName): Promise<boolean> {
  const row = await ctx.db
    .query("featureFlags")
    .withIndex("by_name", (q) => q.eq("name", name))
    .unique();
  return row?.enabled ?? true;
}

/** Throws FEATURE_DISABLED when `name` is off. */
export async function requireFeature(ctx: QueryCtx, name: FeatureName): Promise<void> {
  if (!(await isEnabled(ctx, name))) {
    fail("FEATURE_DISABLED", `The feature "${FEATURES[name]}" is turned off right now.`);
  }
}
