// Profile rules the forms check before the server does (same limits as convex/model/profile.ts).

export const USERNAME_MIN = 3;
export const USERNAME_MAX = 24;
export const DISPLAY_NAME_MAX = 50;
export const NAME_MAX = 50;
export const CAREER_MAX = 80;
export const INTERESTS_MAX = 20;
export const INTEREST_MAX = 40;
export const LIFE_PHASE_MAX = 40;

/** Suggested life phases (any other text up to 40 characters works too). */
export const LIFE_PHASES = [
  "student",
  "graduate",
  "early-career",
  "mid-career",
  "career-change",
  "job-seeking",
  "freelancer",
  "entrepreneur",
  "parent",
  "caregiver",
  "sabbatical",
  "retired",
] as const;

/** Why a username can't be used as written, or null (the server also checks reserved names and uniqueness). */
export function usernameFormatProblem(username: string): string | null {
  const name = username.trim();
  if (name.length < USERNAME_MIN) return `Usernames need at least ${USERNAME_MIN} characters.`;
  if (name.length > USERNAME_MAX) return `Usernames can be at most ${USERNAME_MAX} characters.`;
  if (!/^[A-Za-z0-9_.]+$/.test(name)) return "Usernames may use only letters, digits, '_' and '.'.";
  return null;
}

/** Adds an interest (trimmed, no case-insensitive duplicates); returns the list and a problem, if any. */
export function addInterest(list: readonly string[], raw: string): { list: string[]; problem?: string } {
  const interest = raw.trim();
  if (!interest) return { list: [...list] };
  if (interest.length > INTEREST_MAX) return { list: [...list], problem: `Each interest can be at most ${INTEREST_MAX} characters.` };
  if (list.some((i) => i.toLowerCase() === interest.toLowerCase())) return { list: [...list] };
  if (list.length >= INTERESTS_MAX) return { list: [...list], problem: `At most ${INTERESTS_MAX} interests.` };
  return { list: [...list, interest] };
}
