// Conversations: the viewer's list, one conversation, per-participant pin/archive, close and reopen, blocking a mystery one.
import { v } from "convex/values";
import { viewerMutation, viewerQuery } from "./lib/functions";
import {
  conversationView,
  projectConversation,
  requireParticipant,
  setClosed,
  setConversationBlocked,
  setOwnState,
} from "./model/conversations";

const LIST_LIMIT = 500;

/** The viewer's conversations: pinned first, then the most recent whisper first; archived ones flagged. */
export const list = viewerQuery({
  args: {},
  returns: v.array(conversationView),
  handler: async (ctx) => {
    const rows = await ctx.db
      .query("conversationParticipants")
      .withIndex("by_user", (q) => q.eq("userId", ctx.viewer._id))
      .take(LIST_LIMIT);
    const projected = await Promise.all(
      rows.map(async (row) => {
        const conversation = await ctx.db.get("conversations", row.conversationId);
        return conversation ? await projectConversation(ctx, ctx.viewer, conversation) : null;
      }),
    );
    const views = projected.filter((view) => view !== null);
    const recency = (view: (typeof views)[number]) => view.lastWhisperAt ?? view._creationTime;
    return views.sort((a, b) => Number(b.isPinned) - Number(a.isPinned) || recency(b) - recency(a));
  },
});

/** One of the viewer's conversations (NOT_FOUND when the viewer takes no part in it). */
export const get = viewerQuery({
  args: { conversationId: v.id("conversations") },
  returns: conversationView,
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    return (await projectConversation(ctx, ctx.viewer, conversation))!;
  },
});

/** Pins or unpins the conversation for the viewer only. */
export const setPinned = viewerMutation({
  args: { conversationId: v.id("conversations"), pinned: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, pinned }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setOwnState(ctx, conversation, ctx.viewer._id, { isPinned: pinned });
    return null;
  },
});

/** Archives or unarchives the conversation for the viewer only (a new whisper to them unarchives it). */
export const setArchived = viewerMutation({
  args: { conversationId: v.id("conversations"), archived: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, archived }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setOwnState(ctx, conversation, ctx.viewer._id, { isArchived: archived });
    return null;
  },
});

/** Closes the conversation for both: no new whispers until either participant reopens it. */
export const close = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setClosed(ctx, conversation, ctx.viewer._id, true);
    return null;
  },
});

/** Reopens a closed conversation ("active" again once the invitee had replied, else "initiated"). */
export const reopen = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setClosed(ctx, conversation, ctx.viewer._id, false);
    return null;
  },
});

/**
 * "Block this sender" inside a mystery conversation that still hides who is there: stops every
 * whisper, reply, reaction and unmasking step between the two in it (and so every later mystery
 * whisper from that person to the viewer), without ever naming anyone or touching the viewer's
 * block list; the same answers whoever the hidden sender is. Either participant may block it.
 */
export const block = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setConversationBlocked(ctx, conversation, ctx.viewer._id, true);
    return null;
  },
});

/** Lifts the viewer's block of a conversation (nothing to do when they had not blocked it: a retry is safe). */
export const unblock = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setConversationBlocked(ctx, conversation, ctx.viewer._id, false);
    return null;
  },
});
