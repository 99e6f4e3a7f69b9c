// How a person appears to others: public profile fields only, real names only after an unmasking.
import type { Doc, Id } from "../_generated/dataModel";

export type PublicProfile = {
  _id: Id<"users">;
  username: string;
  displayName: string;
  mood?: string;
  career?: string;
  interests: string[];
  lifePhase?: string;
  isDeleted: boolean;
  firstName?: string;
  lastName?: string;
  updatedAt: number;
};

/** The display name erased accounts are shown with. */
export const DELETED_DISPLAY_NAME = "Deleted user";

/**
 * The profile another person may see. First and last name travel only when `revealNames`
 * (an accepted unmasking between the two); an erased account shows nothing of its owner.
 */
export function publicProfile(user: Doc<"users">, { revealNames = false } = {}): PublicProfile {
  if (user.isDeleted) {
    return {
      _id: user._id,
      username: user.username,
      displayName: DELETED_DISPLAY_NAME,
      interests: [],
      isDeleted: true,
      updatedAt: user.updatedAt,
    };
  }
  return {
    _id: user._id,
    username: user.username,
    displayName: user.displayName,
    mood: user.mood,
    career: user.career,
    interests: user.interests,
    lifePhase: user.lifePhase,
    isDeleted: false,
    ...(revealNames ? { firstName: user.firstName, lastName: user.lastName } : {}),
    updatedAt: user.updatedAt,
  };
}
