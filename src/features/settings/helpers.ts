// Pure helpers of the Settings screen: which profile fields changed, the export's file name.
import type { ProfileValues } from "../auth/ProfileForm";

/** An emptied optional field is sent as "" to clear it. */
export function changedFields(before: ProfileValues, after: ProfileValues): Partial<ProfileValues> {
  const changes: Partial<ProfileValues> = {};
  for (const key of ["username", "displayName", "career", "lifePhase", "firstName", "lastName"] as const) {
    if (after[key].trim() !== before[key].trim()) changes[key] = after[key].trim();
  }
  if (after.interests.join("\n") !== before.interests.join("\n")) changes.interests = after.interests;
  return changes;
}

export function exportFileName(username: string | undefined, now = new Date()): string {
  const day = now.toISOString().slice(0, 10);
  return `whispers-${(username ?? "export").replace(/[^A-Za-z0-9_.-]/g, "")}-${day}.json`;
}

