// Who may see and reach whom, decided here only: blocks, bans, erasure, mystery masking and unmasking.
// The rules, one per line (the security specification: nothing else states them):
// 1. Outside a masked conversation, `a` reaches `b` only while `b` is live (else NOT_FOUND) and neither blocked the other (else BLOCKED).
// 2. A masked conversation is an island: it consults only itself and its own block, never a person-level block, ban or erasure, which the recipient could probe to learn who is hidden.
// 3. Its own block ("Block this sender") stops both directions there, so every later mystery whisper from that hidden person too; the other side sees only BLOCKED.
// 4. A person-level block still stops the blocked person starting a mystery conversation (the sender knows whom they write to); the hidden side sees the counterpart's ban or erasure as any sender would.
// 5. After an accepted unmasking the conversation is ordinary (rule 1). Refusals in the island are the same for every possible hidden sender; erasure still removes the hidden sender's whispers (GDPR outranks masking).
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { memoized } from "../lib/queryMemo";

// ── Person level ─────────────────────────────────────────────────────────────────────────

/** The friends row from `userId` to `friendId`, if any (rows are directional). */
export async function friendRow(
  ctx: QueryCtx,
  userId: Id<"users">,
  friendId: Id<"users">,
): Promise<Doc<"friends"> | null> {
  return await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", userId).eq("friendId", friendId))
    .unique();
}

/** True when either of the two blocked the other (person level); asked once per pair in a query (lib/queryMemo.ts). */
export async function isBlockedBetween(ctx: QueryCtx, a: Id<"users">, b: Id<"users">): Promise<boolean> {
  return await memoized(ctx, `blocked:${[a, b].sort().join(":")}`, async () => {
    const [ab, ba] = await Promise.all([friendRow(ctx, a, b), friendRow(ctx, b, a)]);
    return ab?.status === "blocked" || ba?.status === "blocked";
  });
}

/** Friend rows (each way) a viewer may have for isBlockedWithViewer to read them all at once. */
const VIEWER_ROWS = 200;

/** Null when the viewer has more than VIEWER_ROWS rows either way: too many to read at once. */
async function fewBlocks(ctx: QueryCtx, viewerId: Id<"users">): Promise<Set<Id<"users">> | null> {
  const [outgoing, incoming] = await Promise.all([
    ctx.db.query("friends").withIndex("by_userId_friendId", (q) => q.eq("userId", viewerId)).take(VIEWER_ROWS + 1),
    ctx.db.query("friends").withIndex("by_friendId", (q) => q.eq("friendId", viewerId)).take(VIEWER_ROWS + 1),
  ]);
  if (outgoing.length > VIEWER_ROWS || incoming.length > VIEWER_ROWS) return null;
  return new Set([
    ...outgoing.filter((row) => row.status === "blocked").map((row) => row.friendId),
    ...incoming.filter((row) => row.status === "blocked").map((row) => row.userId),
  ]);
}

/** For one viewer and many people (a page of chamber messages): two index ranges per query, not two lookups per person. */
export async function isBlockedWithViewer(ctx: QueryCtx, viewerId: Id<"users">, otherId: Id<"users">): Promise<boolean> {
  const blocks = await memoized(ctx, `blocks:${viewerId}`, () => fewBlocks(ctx, viewerId));
  return blocks ? blocks.has(otherId) : await isBlockedBetween(ctx, viewerId, otherId);
}

const UNREACHABLE = "You can't reach this person.";
const GONE = "That person isn't here.";

/** Throws BLOCKED when either of the two blocked the other. */
export async function requireNotBlocked(ctx: QueryCtx, a: Id<"users">, b: Id<"users">): Promise<void> {
  if (await isBlockedBetween(ctx, a, b)) fail("BLOCKED", UNREACHABLE);
}

/** True when the account exists and is neither erased nor banned. */
export function isLive(user: Doc<"users"> | null): user is Doc<"users"> {
  return !!user && !user.isDeleted && !user.isBanned;
}

/** The other user, refusing missing, erased and banned accounts with NOT_FOUND. */
export async function requireReachableUser(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"users">> {
  const user = await ctx.db.get("users", userId);
  if (!isLive(user)) fail("NOT_FOUND", GONE);
  return user;
}

/** Person-level reach, outside a masked conversation: `to`'s live account, or NOT_FOUND / BLOCKED. */
export async function requireMayReach(ctx: QueryCtx, from: Id<"users">, to: Id<"users">): Promise<Doc<"users">> {
  const user = await requireReachableUser(ctx, to);
  await requireNotBlocked(ctx, from, to);
  return user;
}

// ── Unmasking ────────────────────────────────────────────────────────────────────────────

/** Most requests from one person to another that areUnmasked looks through (bounded reads). */
const MAX_PER_PAIR = 100;

/** Either direction; reads only the requests between the two (by_requester is keyed on requester and target). */
export async function areUnmasked(ctx: QueryCtx, a: Id<"users">, b: Id<"users">): Promise<boolean> {
  if (a === b) return false;
  for (const [requesterId, targetId] of [
    [a, b],
    [b, a],
  ]) {
    const requests = await ctx.db
      .query("unmaskingRequests")
      .withIndex("by_requester", (q) => q.eq("requesterId", requesterId).eq("targetId", targetId))
      .order("desc")
      .take(MAX_PER_PAIR);
    if (requests.some((request) => request.status === "accepted")) return true;
  }
  return false;
}

/** Whether `viewerId` sees `profile`'s person's first and last name: after an accepted unmasking between the two. */
export async function revealsNames(
  ctx: QueryCtx,
  viewerId: Id<"users">,
  profile: { userId: Id<"users">; isDeleted: boolean },
): Promise<boolean> {
  return !profile.isDeleted && (await areUnmasked(ctx, viewerId, profile.userId));
}

/** Not across a block; never asks about hidden senders: the feed carries only visibly linked profiles (profileAudience). */
export async function maySeeProfile(ctx: QueryCtx, viewerId: Id<"users">, userId: Id<"users">): Promise<boolean> {
  return userId === viewerId || !(await isBlockedBetween(ctx, viewerId, userId));
}

// ── Mystery masking ──────────────────────────────────────────────────────────────────────

/** A mystery conversation not unmasked yet: rule 2's island. */
export function isMasked(conversation: Doc<"conversations">): boolean {
  return conversation.hiddenParticipantId !== undefined && !conversation.unmasked;
}

/** True while `viewerId` must not learn who the conversation's hidden participant is. */
export function isCounterpartHidden(conversation: Doc<"conversations">, viewerId: Id<"users">): boolean {
  return isMasked(conversation) && conversation.hiddenParticipantId !== viewerId;
}

/** True when the conversation's participant `userId` blocked the conversation itself. */
export async function blockedConversation(
  ctx: QueryCtx,
  conversationId: Id<"conversations">,
  userId: Id<"users">,
): Promise<boolean> {
  const row = await ctx.db
    .query("conversationParticipants")
    .withIndex("by_conversation_user", (q) => q.eq("conversationId", conversationId).eq("userId", userId))
    .unique();
  return row?.isBlocked === true;
}

/** Why `actorId` may not reach `otherId` inside `conversation` right now, or null when they may. */
async function refusalIn(
  ctx: QueryCtx,
  conversation: Doc<"conversations">,
  actorId: Id<"users">,
  otherId: Id<"users">,
): Promise<{ code: "BLOCKED" | "NOT_FOUND"; message: string } | null> {
  if (await blockedConversation(ctx, conversation._id, actorId)) {
    return { code: "BLOCKED", message: "You blocked this conversation. Unblock it to whisper here again." };
  }
  if (await blockedConversation(ctx, conversation._id, otherId)) return { code: "BLOCKED", message: UNREACHABLE };
  if (isMasked(conversation)) {
    // The hidden side knows who the counterpart is, so their ban or erasure is told as to any sender.
    if (conversation.hiddenParticipantId === actorId && !isLive(await ctx.db.get("users", otherId))) {
      return { code: "NOT_FOUND", message: GONE };
    }
    return null;
  }
  if (!isLive(await ctx.db.get("users", otherId))) return { code: "NOT_FOUND", message: GONE };
  if (await isBlockedBetween(ctx, actorId, otherId)) return { code: "BLOCKED", message: UNREACHABLE };
  return null;
}

function counterpart(conversation: Doc<"conversations">, actorId: Id<"users">): Id<"users"> {
  const other = conversation.participantIds.find((id) => id !== actorId);
  if (!other) fail("INVALID", "This conversation has no other participant.");
  return other;
}

/** The island's rules while masked, person-level ones otherwise; the other's document is read, never judged, while hidden. */
export async function requireMayReachIn(
  ctx: QueryCtx,
  conversation: Doc<"conversations">,
  actorId: Id<"users">,
): Promise<Doc<"users">> {
  const otherId = counterpart(conversation, actorId);
  const refusal = await refusalIn(ctx, conversation, actorId, otherId);
  if (refusal) fail(refusal.code, refusal.message);
  const other = await ctx.db.get("users", otherId);
  // Only a hard-deleted row is missing (erasure keeps a tombstone user); not a masked answer.
  if (!other) fail("NOT_FOUND", GONE);
  return other;
}

/** The same decision as requireMayReachIn, as a reason (for cancelling a due scheduled whisper) or null. */
export async function reachRefusalIn(
  ctx: QueryCtx,
  conversation: Doc<"conversations">,
  actorId: Id<"users">,
): Promise<string | null> {
  const refusal = await refusalIn(ctx, conversation, actorId, counterpart(conversation, actorId));
  if (!refusal) return null;
  if (refusal.message === UNREACHABLE) return "You can't reach this person any more.";
  if (refusal.message === GONE) return "This person isn't here any more.";
  return refusal.message;
}
