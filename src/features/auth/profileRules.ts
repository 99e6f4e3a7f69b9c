// Profile rules the forms check before the server does: the server's own limits and username rules (convex/model/profileRules.ts).
import { INTEREST_MAX, INTERESTS_MAX, usernameProblem } from "../../../convex/model/profileRules";

export {
  CAREER_MAX,
  DISPLAY_NAME_MAX,
  INTEREST_MAX,
  INTERESTS_MAX,
  LIFE_PHASE_MAX,
  LIFE_PHASES,
  NAME_MAX,
  USERNAME_MAX,
  USERNAME_MIN,
} from "../../../convex/model/profileRules";

/** The format only: the server also checks that nobody holds it. */
export function usernameFormatProblem(username: string): string | null {
  return usernameProblem(username.trim());
}

/** Trimmed, no case-insensitive duplicates. */
export function addInterest(list: readonly string[], raw: string): { list: string[]; problem?: string } {
  const interest = raw.trim();
  if (!interest) return { list: [...list] };
  if (interest.length > INTEREST_MAX) return { list: [...list], problem: `Each interest can be at most ${INTEREST_MAX} characters.` };
  if (list.some((i) => i.toLowerCase() === interest.toLowerCase())) return { list: [...list] };
  if (list.length >= INTERESTS_MAX) return { list: [...list], problem: `At most ${INTERESTS_MAX} interests.` };
  return { list: [...list, interest] };
}
