// Conversation rules shared by every module: find-or-create, membership and mystery hiding.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";

/** The key that makes one conversation per pair (and one mystery conversation per hidden sender). */
export function participantKey(a: Id<"users">, b: Id<"users">, hiddenParticipantId?: Id<"users">): string {
  const pair = [a, b].sort().join("|");
  return hiddenParticipantId ? `${pair}:mystery:${hiddenParticipantId}` : pair;
}

/** The other participant of a two-person conversation. */
export function counterpartOf(conversation: Doc<"conversations">, viewerId: Id<"users">): Id<"users"> {
  const other = conversation.participantIds.find((id) => id !== viewerId);
  if (!other) fail("INVALID", "This conversation has no other participant.");
  return other;
}

/** True while `viewerId` must not learn who the conversation's hidden participant is. */
export function isCounterpartHidden(conversation: Doc<"conversations">, viewerId: Id<"users">): boolean {
  return (
    conversation.hiddenParticipantId !== undefined &&
    conversation.hiddenParticipantId !== viewerId &&
    !conversation.unmasked
  );
}

/** The conversation, if `viewerId` takes part in it; otherwise NOT_FOUND (it does not reveal that it exists). */
export async function requireParticipant(
  ctx: QueryCtx,
  conversationId: Id<"conversations">,
  viewerId: Id<"users">,
): Promise<Doc<"conversations">> {
  const conversation = await ctx.db.get("conversations", conversationId);
  if (!conversation || !conversation.participantIds.includes(viewerId)) {
    fail("NOT_FOUND", "Conversation not found.");
  }
  return conversation;
}

/** The viewer's own pin/archive/unread row for a conversation. */
export async function participantState(
  ctx: QueryCtx,
  conversationId: Id<"conversations">,
  userId: Id<"users">,
): Promise<Doc<"conversationParticipants"> | null> {
  return await ctx.db
    .query("conversationParticipants")
    .withIndex("by_conversation_user", (q) => q.eq("conversationId", conversationId).eq("userId", userId))
    .unique();
}

/**
 * The conversation between `from` and `to`, created ("initiated" by `from`) when missing.
 * A mystery conversation is separate from the pair's ordinary one and hides `from` from `to`.
 * Publishes a new conversation to both participants' feeds.
 */
export async function findOrCreateConversation(
  ctx: MutationCtx,
  from: Id<"users">,
  to: Id<"users">,
  { mystery = false }: { mystery?: boolean } = {},
): Promise<Doc<"conversations">> {
  if (from === to) fail("INVALID", "You can't whisper yourself.");
  const key = participantKey(from, to, mystery ? from : undefined);
  const existing = await ctx.db
    .query("conversations")
    .withIndex("by_participantKey", (q) => q.eq("participantKey", key))
    .unique();
  if (existing) return existing;
  const now = Date.now();
  const conversationId = await ctx.db.insert("conversations", {
    participantIds: [from, to],
    status: "initiated",
    initiatorId: from,
    hiddenParticipantId: mystery ? from : undefined,
    participantKey: key,
    updatedAt: now,
  });
  for (const userId of [from, to]) {
    await ctx.db.insert("conversationParticipants", {
      conversationId,
      userId,
      isPinned: false,
      isArchived: false,
      unreadCount: 0,
      updatedAt: now,
    });
  }
  await publish(ctx, [from, to], "conversations", conversationId);
  const created = await ctx.db.get("conversations", conversationId);
  return created!;
}
