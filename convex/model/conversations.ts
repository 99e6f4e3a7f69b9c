// Conversation rules shared by every module: find-or-create, membership and mystery hiding.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { conversationStatus } from "../schema";
import { profileOf } from "./profiles";
import { profileFor, publicProfileView } from "./users";
import { isCounterpartHidden, isMasked } from "./visibility";

// Whether a counterpart is hidden is a visibility rule; re-exported for the modules that ask it here.
export { isCounterpartHidden };

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

/** The existing conversation `from` → `to` (the mystery one hides `from`), without creating it. */
export async function findConversation(
  ctx: QueryCtx,
  from: Id<"users">,
  to: Id<"users">,
  { mystery = false }: { mystery?: boolean } = {},
): Promise<Doc<"conversations"> | null> {
  const key = participantKey(from, to, mystery ? from : undefined);
  return await ctx.db
    .query("conversations")
    .withIndex("by_participantKey", (q) => q.eq("participantKey", key))
    .unique();
}

/**
 * The conversation between `from` and `to`, created ("initiated" by `from`) when missing.
 * A mystery conversation is separate from the pair's ordinary one and hides `from` from `to`.
 * Publishes a new conversation to both participants' feeds, and each one's profile to the other
 * (except a hidden sender's).
 */
export async function findOrCreateConversation(
  ctx: MutationCtx,
  from: Id<"users">,
  to: Id<"users">,
  { mystery = false }: { mystery?: boolean } = {},
): Promise<Doc<"conversations">> {
  if (from === to) fail("INVALID", "You can't whisper yourself.");
  const existing = await findConversation(ctx, from, to, { mystery });
  if (existing) return existing;
  const key = participantKey(from, to, mystery ? from : undefined);
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
  // Each learns the other's public profile through the feed, except the recipient of a mystery whisper.
  await publish(ctx, [from], "users", to);
  if (!mystery) await publish(ctx, [to], "users", from);
  const created = await ctx.db.get("conversations", conversationId);
  return created!;
}

/** The longest preview of a whisper's text in the conversation list and in notifications. */
export const PREVIEW_LENGTH = 120;

/** What the conversation list (or, with `emoji`, a notification) shows of a whisper. */
export function whisperPreview(whisper: Doc<"whispers">, { emoji = false } = {}): string {
  if (whisper.isDeleted) return "Whisper deleted";
  const text = whisper.content.trim();
  if (text) return text.length > PREVIEW_LENGTH ? text.slice(0, PREVIEW_LENGTH - 1) + "…" : text;
  if (whisper.audioStorageId) return emoji ? "🎤 Voice whisper" : "Voice whisper";
  if (whisper.imageUrl || whisper.imageStorageId) return emoji ? "📷 Image" : "Image";
  return "";
}

/** The name the recipient of a mystery whisper sees for its hidden sender. */
export const HIDDEN_NAME = "Someone";

/** A conversation as one participant sees it (see projectConversation). */
export const conversationView = v.object({
  _id: v.id("conversations"),
  _creationTime: v.number(),
  status: conversationStatus,
  isMystery: v.boolean(),
  hiddenFromViewer: v.boolean(),
  viewerIsHidden: v.boolean(),
  unmasked: v.boolean(),
  counterpartId: v.optional(v.id("users")),
  /** The counterpart's public profile, or just {displayName: "Someone"} while they are hidden. */
  counterpart: v.union(publicProfileView, v.object({ displayName: v.literal(HIDDEN_NAME) })),
  initiatedByViewer: v.boolean(),
  closedByViewer: v.optional(v.boolean()),
  /** The viewer blocked this (mystery) conversation itself; never shown to the other participant. */
  blockedByViewer: v.optional(v.literal(true)),
  isPinned: v.boolean(),
  isArchived: v.boolean(),
  unreadCount: v.number(),
  lastReadAt: v.optional(v.number()),
  lastWhisperAt: v.optional(v.number()),
  lastWhisper: v.union(
    v.null(),
    v.object({
      whisperId: v.id("whispers"),
      clientId: v.optional(v.string()),
      preview: v.string(),
      fromViewer: v.boolean(),
      at: v.number(),
    }),
  ),
  updatedAt: v.number(),
});
export type ConversationView = Infer<typeof conversationView>;

/**
 * A conversation for `viewer` (null unless a participant): the viewer's own pin, archive and
 * unread state merged in, and no trace of a hidden counterpart (no id, no profile).
 */
export async function projectConversation(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  conversation: Doc<"conversations">,
): Promise<ConversationView | null> {
  if (!conversation.participantIds.includes(viewer._id)) return null;
  const state = await participantState(ctx, conversation._id, viewer._id);
  const hidden = isCounterpartHidden(conversation, viewer._id);
  const otherId = counterpartOf(conversation, viewer._id);
  const other = hidden ? null : await profileOf(ctx, otherId);
  const last = await ctx.db
    .query("whispers")
    .withIndex("by_conversation", (q) => q.eq("conversationId", conversation._id).gte("deliveredAt", 0))
    .order("desc")
    .first();
  return {
    _id: conversation._id,
    _creationTime: conversation._creationTime,
    status: conversation.status,
    isMystery: conversation.hiddenParticipantId !== undefined,
    hiddenFromViewer: hidden,
    viewerIsHidden: conversation.hiddenParticipantId === viewer._id && !conversation.unmasked,
    unmasked: conversation.unmasked === true,
    ...(hidden ? {} : { counterpartId: otherId }),
    counterpart: other ? await profileFor(ctx, viewer._id, other) : { displayName: HIDDEN_NAME },
    initiatedByViewer: conversation.initiatorId === viewer._id,
    ...(conversation.closedBy ? { closedByViewer: conversation.closedBy === viewer._id } : {}),
    ...(state?.isBlocked ? { blockedByViewer: true as const } : {}),
    isPinned: state?.isPinned ?? false,
    isArchived: state?.isArchived ?? false,
    unreadCount: state?.unreadCount ?? 0,
    lastReadAt: state?.lastReadAt,
    lastWhisperAt: conversation.lastWhisperAt,
    lastWhisper: last
      ? {
          whisperId: last._id,
          // The sender's own clientId (as their whispers carry it), never the other side's.
          ...(last.senderId === viewer._id ? { clientId: last.clientId } : {}),
          preview: whisperPreview(last),
          fromViewer: last.senderId === viewer._id,
          at: last.deliveredAt ?? last._creationTime,
        }
      : null,
    updatedAt: Math.max(conversation.updatedAt, state?.updatedAt ?? 0),
  };
}

/** The viewer's participant row, created with defaults when missing. */
export async function ensureParticipantState(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  userId: Id<"users">,
): Promise<Doc<"conversationParticipants">> {
  const existing = await participantState(ctx, conversationId, userId);
  if (existing) return existing;
  const id = await ctx.db.insert("conversationParticipants", {
    conversationId,
    userId,
    isPinned: false,
    isArchived: false,
    unreadCount: 0,
    updatedAt: Date.now(),
  });
  return (await ctx.db.get("conversationParticipants", id))!;
}

/** Changes only `viewerId`'s own view of a conversation (pin, archive) and tells only them. */
export async function setOwnState(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  viewerId: Id<"users">,
  patch: { isPinned?: boolean; isArchived?: boolean },
): Promise<void> {
  const state = await ensureParticipantState(ctx, conversation._id, viewerId);
  await ctx.db.patch("conversationParticipants", state._id, { ...patch, updatedAt: Date.now() });
  await publish(ctx, [viewerId], "conversations", conversation._id);
}

/**
 * Blocks or unblocks a masked mystery conversation for `viewerId` ("Block this sender"; the rule is
 * in model/visibility.ts). Only the viewer's own participant row changes and only they are told,
 * so the other participant learns it only as BLOCKED when they next try to reach the viewer in it.
 * An ordinary or unmasked conversation is not blocked on its own: both know who is there, so the
 * person is blocked instead. Blocking twice, or unblocking what isn't blocked, does nothing (retries are safe).
 */
export async function setConversationBlocked(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  viewerId: Id<"users">,
  blocked: boolean,
): Promise<void> {
  // Lifting a block that isn't there (also an outbox retry after a lost answer) writes nothing.
  if (!blocked && !(await participantState(ctx, conversation._id, viewerId))?.isBlocked) return;
  const state = await ensureParticipantState(ctx, conversation._id, viewerId);
  if (blocked && !isMasked(conversation) && !state.isBlocked) {
    fail("INVALID", "Only a mystery conversation is blocked on its own: block the person instead.");
  }
  if ((state.isBlocked === true) === blocked) return;
  await ctx.db.patch("conversationParticipants", state._id, { isBlocked: blocked || undefined, updatedAt: Date.now() });
  await publish(ctx, [viewerId], "conversations", conversation._id);
}

/** Closes or reopens a conversation for both participants (reopened: "active" once the invitee replied). */
export async function setClosed(
  ctx: MutationCtx,
  conversation: Doc<"conversations">,
  viewerId: Id<"users">,
  closed: boolean,
): Promise<void> {
  if ((conversation.status === "closed") === closed) return;
  const now = Date.now();
  if (closed) {
    await ctx.db.patch("conversations", conversation._id, { status: "closed", closedBy: viewerId, updatedAt: now });
  } else {
    const status = (await inviteeReplied(ctx, conversation)) ? "active" : "initiated";
    await ctx.db.patch("conversations", conversation._id, { status, closedBy: undefined, updatedAt: now });
  }
  await publish(ctx, conversation.participantIds, "conversations", conversation._id);
}

async function inviteeReplied(ctx: QueryCtx, conversation: Doc<"conversations">): Promise<boolean> {
  const reply = await ctx.db
    .query("whispers")
    .withIndex("by_conversation", (q) => q.eq("conversationId", conversation._id).gte("deliveredAt", 0))
    // Runs only on reopen and stops at the first reply; no index has (conversation, sender).
    // eslint-disable-next-line @convex-dev/no-filter-in-query
    .filter((q) => q.neq(q.field("senderId"), conversation.initiatorId))
    .first();
  return reply !== null;
}
