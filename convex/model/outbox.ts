// What the outbox may push in one batch (outbox:push): plain constants, shared with the client's drainer.
import { getFunctionName } from "convex/server";
import { api } from "../_generated/api";

/** Most operations in one push: one transaction must stay well inside Convex's limits (reads, writes, time). */
export const OUTBOX_BATCH_MAX = 50;

/** The only mutations outbox:push runs, each exactly as a direct call would (its validator, the caller's identity, its checks). */
export const OUTBOX_MUTATIONS: ReadonlySet<string> = new Set(
  [
    api.whispers.sendWhisper,
    api.whispers.sendVoiceWhisper,
    api.whispers.scheduleWhisper,
    api.whispers.cancelScheduledWhisper,
    api.whispers.replyToWhisper,
    api.whispers.toggleReaction,
    api.whispers.markRead,
    api.whispers.deleteWhisper,
    api.whispers.editWhisper,
    api.users.completeOnboarding,
    api.users.updateProfile,
    api.users.setThemePreference,
    api.users.setMood,
    api.users.updateMoodEntry,
    api.users.deleteMoodEntry,
    api.conversations.setPinned,
    api.conversations.setArchived,
    api.conversations.close,
    api.conversations.reopen,
    api.conversations.block,
    api.conversations.unblock,
    api.friends.request,
    api.friends.accept,
    api.friends.decline,
    api.friends.remove,
    api.friends.block,
    api.friends.unblock,
    api.unmasking.request,
    api.unmasking.accept,
    api.unmasking.decline,
    api.skills.add,
    api.skills.remove,
    api.skills.proposeMatch,
    api.skills.acceptMatch,
    api.skills.declineMatch,
    api.skills.completeMatch,
    api.echoChambers.create,
    api.echoChambers.joinByCode,
    api.echoChambers.join,
    api.echoChambers.leave,
    api.echoChambers.post,
    api.echoChambers.removeMember,
    api.admin.requestRole,
  ].map((ref) => getFunctionName(ref)),
);

/** "Not now" rather than "never": the push stops there, and the client retries the rest later, in order. */
export const STOP_CODES: ReadonlySet<string> = new Set(["RATE_LIMITED", "UNAUTHENTICATED"]);
