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

/** Pinned first, then by latest whisper; archived ones included, flagged. */
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

/** NOT_FOUND unless the viewer takes part in it. */
export const get = viewerQuery({
  args: { conversationId: v.id("conversations") },
  returns: conversationView,
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    return (await projectConversation(ctx, ctx.viewer, conversation))!;
  },
});

/** For the viewer only. */
export const setPinned = viewerMutation({
  args: { conversationId: v.id("conversations"), pinned: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, pinned }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setOwnState(ctx, conversation, ctx.viewer._id, { isPinned: pinned });
    return null;
  },
});

/** For the viewer only; a new whisper to them unarchives it. */
export const setArchived = viewerMutation({
  args: { conversationId: v.id("conversations"), archived: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { conversationId, archived }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setOwnState(ctx, conversation, ctx.viewer._id, { isArchived: archived });
    return null;
  },
});

/** For both: no new whispers until either participant reopens it. */
export const close = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setClosed(ctx, conversation, ctx.viewer._id, true);
    return null;
  },
});

/** "active" again once the invitee had replied, else "initiated". */
export const reopen = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setClosed(ctx, conversation, ctx.viewer._id, false);
    return null;
  },
});

/** "Block this sender": stops the conversation both ways without naming anyone or touching block lists, whoever is hidden. */
export const block = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setConversationBlocked(ctx, conversation, ctx.viewer._id, true);
    return null;
  },
});

/** A no-op when not blocked, so a retry is safe. */
export const unblock = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.null(),
  handler: async (ctx, { conversationId }) => {
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    await setConversationBlocked(ctx, conversation, ctx.viewer._id, false);
    return null;
  },
});
