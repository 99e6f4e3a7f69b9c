// What the outbox may push in one batch (outbox:push): plain constants, shared with the client's drainer.

/** Most operations in one push: one transaction must stay well inside Convex's limits (reads, writes, time). */
export const OUTBOX_BATCH_MAX = 50;

/**
 * The public mutations the client's outbox sends, and so the only ones outbox:push runs. Each
 * runs exactly as a direct call would (its own argument validation, the caller's identity, its
 * own authorization checks); creates carry their clientId, so a resent batch is exactly-once.
 */
export const OUTBOX_MUTATIONS: ReadonlySet<string> = new Set([
  "whispers:sendWhisper",
  "whispers:sendVoiceWhisper",
  "whispers:scheduleWhisper",
  "whispers:cancelScheduledWhisper",
  "whispers:replyToWhisper",
  "whispers:toggleReaction",
  "whispers:markRead",
  "whispers:deleteWhisper",
  "whispers:editWhisper",
  "users:completeOnboarding",
  "users:updateProfile",
  "users:setThemePreference",
  "users:setMood",
  "users:updateMoodEntry",
  "users:deleteMoodEntry",
  "conversations:setPinned",
  "conversations:setArchived",
  "conversations:close",
  "conversations:reopen",
  "conversations:block",
  "conversations:unblock",
  "friends:request",
  "friends:accept",
  "friends:decline",
  "friends:remove",
  "friends:block",
  "friends:unblock",
  "unmasking:request",
  "unmasking:accept",
  "unmasking:decline",
  "skills:add",
  "skills:remove",
  "skills:proposeMatch",
  "skills:acceptMatch",
  "skills:declineMatch",
  "skills:completeMatch",
  "echoChambers:create",
  "echoChambers:joinByCode",
  "echoChambers:join",
  "echoChambers:leave",
  "echoChambers:post",
  "echoChambers:removeMember",
  "admin:requestRole",
]);

/**
 * Refusals that mean "not now" rather than "never": the push stops at such an op and answers the
 * rest "not run", so the client retries them later in their order.
 */
export const STOP_CODES: ReadonlySet<string> = new Set(["RATE_LIMITED", "UNAUTHENTICATED"]);
