// Changes to existing whispers: reactions, read receipts, text edits and deletion (tombstones).
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { EDIT_WINDOW_MS, withinEditWindow } from "../lib/editWindow";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { ensureParticipantState, requireParticipant } from "./conversations";
import { requireMayReachIn, requireNotBlocked } from "./visibility";
import { cancelWhisper, releaseMedia } from "./whisperDelivery";
import { checkContent, checkEmoji, MAX_DISTINCT_REACTIONS, requireVisibleWhisper } from "./whispers";

/** How many whispers one markRead marks at most (newest first). */
export const READ_BATCH = 200;

/** Only its two participants, and only where they may still reach each other. */
export async function toggleReaction(
  ctx: MutationCtx,
  viewerId: Id<"users">,
  whisperId: Id<"whispers">,
  emoji: string,
): Promise<{ added: boolean }> {
  checkEmoji(emoji);
  const whisper = await requireVisibleWhisper(ctx, viewerId, whisperId);
  if (whisper.status !== "delivered") fail("INVALID", "You can react once the whisper is delivered.");
  if (whisper.isDeleted) fail("INVALID", "This whisper was deleted.");
  // In its conversation by that conversation's rules (a masked one never consults its hidden sender).
  const conversation = whisper.conversationId ? await ctx.db.get("conversations", whisper.conversationId) : null;
  if (conversation) await requireMayReachIn(ctx, conversation, viewerId);
  else await requireNotBlocked(ctx, whisper.senderId, whisper.recipientId);
  const mine = (r: Doc<"whispers">["reactions"][number]) => r.userId === viewerId && r.emoji === emoji;
  const added = !whisper.reactions.some(mine);
  let reactions = whisper.reactions.filter((r) => !mine(r));
  if (added) {
    const distinct = new Set(whisper.reactions.map((r) => r.emoji));
    if (!distinct.has(emoji) && distinct.size >= MAX_DISTINCT_REACTIONS) {
      fail("LIMIT_REACHED", `A whisper can have at most ${MAX_DISTINCT_REACTIONS} different reactions.`);
    }
    reactions = [...reactions, { userId: viewerId, emoji, at: Date.now() }];
  }
  await ctx.db.patch("whispers", whisper._id, { reactions, updatedAt: Date.now() });
  await publish(ctx, [whisper.senderId, whisper.recipientId], "whispers", whisper._id);
  return { added };
}

/** Newest first, stopping at the first already read (older ones were read before); returns how many it marked. */
export async function markRead(
  ctx: MutationCtx,
  viewerId: Id<"users">,
  conversationId: Id<"conversations">,
): Promise<number> {
  const conversation = await requireParticipant(ctx, conversationId, viewerId);
  const recent = await ctx.db
    .query("whispers")
    .withIndex("by_conversation", (q) => q.eq("conversationId", conversation._id).gte("deliveredAt", 0))
    .order("desc")
    .take(READ_BATCH);
  const now = Date.now();
  let marked = 0;
  for (const whisper of recent) {
    if (whisper.recipientId !== viewerId || whisper.status !== "delivered") continue;
    if (whisper.readAt !== undefined) break;
    await ctx.db.patch("whispers", whisper._id, { readAt: now, updatedAt: now });
    await publish(ctx, [whisper.senderId, whisper.recipientId], "whispers", whisper._id);
    marked += 1;
  }
  const state = await ensureParticipantState(ctx, conversation._id, viewerId);
  if (marked > 0 || state.unreadCount !== 0) {
    await ctx.db.patch("conversationParticipants", state._id, { unreadCount: 0, lastReadAt: now, updatedAt: now });
    await publish(ctx, [viewerId], "conversations", conversation._id);
  }
  return marked;
}

/** True for a whisper with an image or a voice clip (its text is a caption, which may be removed). */
function hasMedia(whisper: Doc<"whispers">): boolean {
  return whisper.imageStorageId !== undefined || whisper.imageUrl !== undefined || whisper.audioStorageId !== undefined;
}

/** Within EDIT_WINDOW_MS of delivery by the server's clock, by the rules of sending, where the two may still reach each other. */
export async function editText(
  ctx: MutationCtx,
  viewerId: Id<"users">,
  whisperId: Id<"whispers">,
  content: string,
): Promise<{ editedAt: number | null }> {
  const whisper = await requireVisibleWhisper(ctx, viewerId, whisperId);
  if (whisper.senderId !== viewerId) fail("FORBIDDEN", "Only its sender can edit a whisper.");
  if (whisper.isDeleted) fail("INVALID", "This whisper was deleted.");
  if (whisper.status !== "delivered" || whisper.deliveredAt === undefined) {
    fail("INVALID", "A scheduled whisper can't be edited: cancel it and schedule it again.");
  }
  const media = hasMedia(whisper);
  if (media && whisper.content.trim() === "") fail("INVALID", "This whisper has no text to edit.");
  if (!withinEditWindow(whisper.deliveredAt, Date.now())) {
    fail("INVALID", `This whisper can no longer be edited: whispers can be edited for ${EDIT_WINDOW_MS / 60_000} minutes after they are sent.`);
  }
  const text = checkContent(content, { allowEmpty: media });
  if (text === whisper.content) return { editedAt: whisper.editedAt ?? null };
  const conversation = whisper.conversationId ? await ctx.db.get("conversations", whisper.conversationId) : null;
  if (conversation) await requireMayReachIn(ctx, conversation, viewerId);
  else await requireNotBlocked(ctx, whisper.senderId, whisper.recipientId);
  const now = Date.now();
  await ctx.db.patch("whispers", whisper._id, { content: text, editedAt: now, updatedAt: now });
  await publish(ctx, [whisper.senderId, whisper.recipientId], "whispers", whisper._id);
  return { editedAt: now };
}

/** A tombstone: no text, media or reactions; deleting twice does nothing. */
export async function deleteWhisper(ctx: MutationCtx, viewerId: Id<"users">, whisperId: Id<"whispers">) {
  const whisper = await requireVisibleWhisper(ctx, viewerId, whisperId);
  if (whisper.senderId !== viewerId) fail("FORBIDDEN", "Only its sender can delete a whisper.");
  if (whisper.isDeleted) return;
  if (whisper.status === "scheduled") await cancelWhisper(ctx, whisper);
  else await releaseMedia(ctx, whisper);
  await ctx.db.patch("whispers", whisper._id, {
    content: "",
    isDeleted: true,
    imageUrl: undefined,
    imageStorageId: undefined,
    audioStorageId: undefined,
    audioDuration: undefined,
    isVoiceModulated: undefined,
    reactions: [],
    updatedAt: Date.now(),
  });
  const delivered = whisper.status === "delivered";
  if (delivered && whisper.readAt === undefined && whisper.conversationId) {
    const state = await ensureParticipantState(ctx, whisper.conversationId, whisper.recipientId);
    const unreadCount = Math.max(0, state.unreadCount - 1);
    await ctx.db.patch("conversationParticipants", state._id, { unreadCount, updatedAt: Date.now() });
  }
  await publish(ctx, delivered ? [whisper.senderId, whisper.recipientId] : [whisper.senderId], "whispers", whisper._id);
  if (delivered && whisper.conversationId) {
    await publish(ctx, [whisper.senderId, whisper.recipientId], "conversations", whisper.conversationId);
  }
}
