// The unmasking ceremony: two people who share a conversation agree to reveal who they are.
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc, Id } from "./_generated/dataModel";
import { internalMutation, type MutationCtx } from "./_generated/server";
import { fail } from "./lib/errors";
import { publish } from "./lib/feed";
import { requireFeature } from "./lib/flags";
import { socialMutation, viewerMutation, viewerQuery } from "./lib/functions";
import { DAY_MS } from "./lib/time";
import { counterpartOf, requireParticipant } from "./model/conversations";
import { projectUnmaskingRequest, unmaskingRequestView } from "./model/unmasking";
import { areUnmasked, requireMayReachIn } from "./model/visibility";

/** Whispers republished per transaction when a mystery conversation is unmasked. */
const REPUBLISH_PAGE = 200;

/** After a decline, the requester waits this long before asking again in that conversation. */
export const ASK_AGAIN_AFTER_MS = DAY_MS;

/** One pending request per conversation (a mystery one on its own, hinting at nobody); the target's id is never returned. */
export const request = socialMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.object({ requestId: v.id("unmaskingRequests") }),
  handler: async (ctx, { conversationId }) => {
    await requireFeature(ctx, "UNMASKING");
    const conversation = await requireParticipant(ctx, conversationId, ctx.viewer._id);
    const targetId = counterpartOf(conversation, ctx.viewer._id);
    const alreadyUnmasked =
      conversation.unmasked ||
      (conversation.hiddenParticipantId === undefined && (await areUnmasked(ctx, ctx.viewer._id, targetId)));
    if (alreadyUnmasked) fail("CONFLICT", "You two are already unmasked.");
    // A masked conversation answers by its own rules only, whoever its hidden sender is.
    await requireMayReachIn(ctx, conversation, ctx.viewer._id);
    const pending = await ctx.db
      .query("unmaskingRequests")
      .withIndex("by_conversation_status", (q) => q.eq("conversationId", conversationId).eq("status", "pending"))
      .first();
    if (pending) fail("CONFLICT", "An unmasking request is already waiting for an answer.");
    await requireCooledDown(ctx, conversationId, ctx.viewer._id);
    const requestId = await ctx.db.insert("unmaskingRequests", {
      requesterId: ctx.viewer._id,
      targetId,
      conversationId,
      status: "pending",
      updatedAt: Date.now(),
    });
    await publish(ctx, [ctx.viewer._id, targetId], "unmaskingRequests", requestId);
    return { requestId };
  },
});

/** Both learn each other's names; a mystery conversation's whispers are republished, now with their sender. Idempotent. */
export const accept = socialMutation({
  args: { requestId: v.id("unmaskingRequests") },
  returns: v.null(),
  handler: async (ctx, { requestId }) => {
    await requireFeature(ctx, "UNMASKING");
    const request = await requireTarget(ctx, requestId, ctx.viewer._id);
    if (request.status === "accepted") return null;
    if (request.status !== "pending") fail("CONFLICT", "This request was already declined.");
    const asked = await ctx.db.get("conversations", request.conversationId);
    if (!asked) fail("NOT_FOUND", "Unmasking request not found.");
    await requireMayReachIn(ctx, asked, ctx.viewer._id);
    const now = Date.now();
    await ctx.db.patch("unmaskingRequests", requestId, { status: "accepted", respondedAt: now, updatedAt: now });
    await ctx.db.patch("conversations", request.conversationId, { unmasked: true, updatedAt: now });
    const both = [request.requesterId, request.targetId];
    await publish(ctx, both, "unmaskingRequests", requestId);
    await publish(ctx, both, "conversations", request.conversationId);
    await publish(ctx, [request.requesterId], "users", request.targetId);
    await publish(ctx, [request.targetId], "users", request.requesterId);
    const conversation = (await ctx.db.get("conversations", request.conversationId))!;
    if (conversation.hiddenParticipantId) {
      await republishWhispers(ctx, conversation._id, counterpartOf(conversation, conversation.hiddenParticipantId), null);
    }
    return null;
  },
});

/** The requester may ask again after ASK_AGAIN_AFTER_MS. Idempotent. */
export const decline = viewerMutation({
  args: { requestId: v.id("unmaskingRequests") },
  returns: v.null(),
  handler: async (ctx, { requestId }) => {
    await requireFeature(ctx, "UNMASKING");
    const request = await requireTarget(ctx, requestId, ctx.viewer._id);
    if (request.status === "declined") return null;
    if (request.status !== "pending") fail("CONFLICT", "This request was already accepted.");
    const now = Date.now();
    await ctx.db.patch("unmaskingRequests", requestId, { status: "declined", respondedAt: now, updatedAt: now });
    await publish(ctx, [request.requesterId, request.targetId], "unmaskingRequests", requestId);
    return null;
  },
});

export const forConversation = viewerQuery({
  args: { conversationId: v.id("conversations") },
  returns: v.array(unmaskingRequestView),
  handler: async (ctx, { conversationId }) => {
    await requireParticipant(ctx, conversationId, ctx.viewer._id);
    const rows = await ctx.db
      .query("unmaskingRequests")
      .withIndex("by_conversation_status", (q) => q.eq("conversationId", conversationId))
      .take(100);
    const views = await Promise.all(rows.map((row) => projectUnmaskingRequest(ctx, ctx.viewer, row)));
    return views.filter((view) => view !== null).sort((a, b) => b._creationTime - a._creationTime);
  },
});

/** A page per transaction: a large conversation would not fit one. */
export const continueRepublishing = internalMutation({
  args: { conversationId: v.id("conversations"), userId: v.id("users"), cursor: v.string() },
  returns: v.null(),
  handler: async (ctx, { conversationId, userId, cursor }) => {
    await republishWhispers(ctx, conversationId, userId, cursor);
    return null;
  },
});

/** Publishes the conversation's delivered whispers to `userId`, one page now and the rest scheduled. */
async function republishWhispers(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  userId: Id<"users">,
  cursor: string | null,
): Promise<void> {
  const result = await ctx.db
    .query("whispers")
    .withIndex("by_conversation", (q) => q.eq("conversationId", conversationId))
    .paginate({ numItems: REPUBLISH_PAGE, cursor });
  for (const whisper of result.page) {
    if (whisper.status === "delivered") await publish(ctx, [userId], "whispers", whisper._id);
  }
  if (!result.isDone) {
    await ctx.scheduler.runAfter(0, internal.unmasking.continueRepublishing, {
      conversationId,
      userId,
      cursor: result.continueCursor,
    });
  }
}

/** Refuses a new request within a day of the viewer's last declined one in this conversation. */
async function requireCooledDown(
  ctx: MutationCtx,
  conversationId: Id<"conversations">,
  requesterId: Id<"users">,
): Promise<void> {
  const declined = await ctx.db
    .query("unmaskingRequests")
    .withIndex("by_conversation_status", (q) => q.eq("conversationId", conversationId).eq("status", "declined"))
    .order("desc")
    .take(20);
  const last = declined.find((request) => request.requesterId === requesterId);
  const waitMs = last ? (last.respondedAt ?? last.updatedAt) + ASK_AGAIN_AFTER_MS - Date.now() : 0;
  if (waitMs > 0) {
    fail("RATE_LIMITED", `Your last request was declined; you can ask again in ${Math.ceil(waitMs / 3_600_000)} hours.`);
  }
}

/** The request, if `userId` is its target; the requester gets FORBIDDEN, anyone else NOT_FOUND. */
async function requireTarget(
  ctx: MutationCtx,
  requestId: Id<"unmaskingRequests">,
  userId: Id<"users">,
): Promise<Doc<"unmaskingRequests">> {
  const request = await ctx.db.get("unmaskingRequests", requestId);
  if (!request || (request.requesterId !== userId && request.targetId !== userId)) {
    fail("NOT_FOUND", "Unmasking request not found.");
  }
  if (request.targetId !== userId) fail("FORBIDDEN", "Only the person asked can answer this request.");
  return request;
}
