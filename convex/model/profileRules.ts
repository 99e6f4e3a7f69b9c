// Profile rules without a database: field limits, usernames' format and reserved names (shared with the app's forms).

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 24;
export const DISPLAY_NAME_MAX = 50;
export const NAME_MAX = 50;
export const CAREER_MAX = 80;
export const INTERESTS_MAX = 20;
export const INTEREST_MAX = 40;
export const LIFE_PHASE_MAX = 40;

const USERNAME_PATTERN = /^[A-Za-z0-9_.]+$/;

/** Names nobody may take: they would impersonate the app, its staff or its placeholders. */
export const RESERVED_USERNAMES: ReadonlySet<string> = new Set([
  "admin", "administrator", "root", "system", "support", "help", "staff", "team", "official",
  "moderator", "mod", "superadmin", "super_admin", "whispers", "whisper", "deleted", "someone",
  "anonymous", "anon", "unknown", "null", "undefined", "me", "you", "everyone", "api", "settings",
]);

/** Suggested life phases; any other text up to 40 characters is accepted too. */
export const LIFE_PHASES = [
  "student", "graduate", "early-career", "mid-career", "career-change", "job-seeking",
  "freelancer", "entrepreneur", "parent", "caregiver", "sabbatical", "retired",
] as const;

/** Why `username` can't be used as written (format or reserved), or null when it is well-formed. */
export function usernameProblem(username: string): string | null {
  if (username.length < USERNAME_MIN) return `Usernames need at least ${USERNAME_MIN} characters.`;
  if (username.length > USERNAME_MAX) return `Usernames can be at most ${USERNAME_MAX} characters.`;
  if (!USERNAME_PATTERN.test(username)) return "Usernames may use only letters, digits, '_' and '.'.";
  if (RESERVED_USERNAMES.has(username.toLowerCase())) return "This username is reserved.";
  return null;
}
