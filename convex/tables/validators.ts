// Validators shared by the tables, the functions' arguments and the views (re-exported by schema.ts).
import { v, type Infer } from "convex/values";

export const themePreference = v.union(v.literal("light"), v.literal("dark"), v.literal("system"));
export const conversationStatus = v.union(
  v.literal("initiated"),
  v.literal("active"),
  v.literal("closed"),
);
export const friendStatus = v.union(v.literal("pending"), v.literal("accepted"), v.literal("blocked"));
export const skillType = v.union(v.literal("offering"), v.literal("seeking"));
export const proficiencyLevel = v.union(
  v.literal("beginner"),
  v.literal("intermediate"),
  v.literal("advanced"),
  v.literal("expert"),
);
export const skillMatchStatus = v.union(
  v.literal("pending"),
  v.literal("accepted"),
  v.literal("declined"),
  v.literal("completed"),
);
export const unmaskingStatus = v.union(
  v.literal("pending"),
  v.literal("accepted"),
  v.literal("declined"),
);
export const adminRole = v.union(v.literal("admin"), v.literal("super_admin"));
export const adminRequestStatus = v.union(
  v.literal("pending"),
  v.literal("approved"),
  v.literal("rejected"),
);
/** "cancelled": withdrawn by its sender, or by the server once it could no longer be delivered or its sender was erased. */
export const whisperStatus = v.union(
  v.literal("scheduled"),
  v.literal("delivered"),
  v.literal("cancelled"),
);
export const chamberMemberStatus = v.union(v.literal("active"), v.literal("left"), v.literal("removed"));

export const moodEntry = v.object({
  mood: v.string(),
  note: v.optional(v.string()),
  at: v.number(),
});
export const reaction = v.object({
  userId: v.id("users"),
  emoji: v.string(),
  at: v.number(),
});

/** The tables whose rows travel through the per-viewer sync feed (`sync.ts`). */
export const feedTable = v.union(
  v.literal("users"),
  v.literal("whispers"),
  v.literal("conversations"),
  v.literal("friends"),
  v.literal("echoChambers"),
  v.literal("chamberMembers"),
  v.literal("chamberMessages"),
  v.literal("skills"),
  v.literal("skillMatches"),
  v.literal("unmaskingRequests"),
  v.literal("adminRequests"),
);

export type ThemePreference = Infer<typeof themePreference>;
export type ConversationStatus = Infer<typeof conversationStatus>;
export type MoodEntry = Infer<typeof moodEntry>;
export type FeedTable = Infer<typeof feedTable>;
