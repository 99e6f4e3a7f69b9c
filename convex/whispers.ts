// Whispers: sending (text, image, voice, mystery), scheduling, chains, reactions, read receipts, edits, deletion, reading.
import { paginationOptsValidator, paginationResultValidator } from "convex/server";
import { v } from "convex/values";
import { internal } from "./_generated/api";
import type { Doc } from "./_generated/dataModel";
import { internalMutation } from "./_generated/server";
import { fail } from "./lib/errors";
import { requireFeature } from "./lib/flags";
import { socialMutation, viewerMutation, viewerQuery } from "./lib/functions";
import { once, requestHash } from "./lib/idempotency";
import { consume } from "./lib/rateLimit";
import { requireParticipant } from "./model/conversations";
import { MAX_AUDIO_SECONDS } from "./model/files";
import { cancelWhisper, deliverScheduled, insertWhisper, resolveRoute } from "./model/whisperDelivery";
import { deleteWhisper as tombstone, editText, markRead as markReadIn, toggleReaction as toggle } from "./model/whisperEdits";
import { WhisperRun } from "./model/whisperRuns";
import { projectWhisper, requireVisibleWhisper, whisperByClientId, whisperView } from "./model/whispers";

const MIN_SCHEDULE_AHEAD_MS = 30_000;
const MAX_SCHEDULE_AHEAD_MS = 365 * 24 * 60 * 60 * 1000;
const DELIVERY_BATCH = 50;
const CHAIN_LIMIT = 200;
const SCHEDULED_LIMIT = 200;

const target = {
  recipientId: v.optional(v.id("users")),
  conversationId: v.optional(v.id("conversations")),
  isMystery: v.optional(v.boolean()),
};
/** Device time of writing (ms), only shown (model/whisperDelivery.ts writtenAtOf). */
const writtenAt = v.optional(v.number());
/** Exported: outbox:push checks a batched send against them. */
export const sendWhisperArgs = {
  clientId: v.string(),
  ...target,
  content: v.string(),
  imageStorageId: v.optional(v.id("_storage")),
  writtenAt,
};
const created = v.object({ whisperId: v.id("whispers"), conversationId: v.id("conversations") });

/** A retry answers the first call's result. */
function firstResult(whisper: Doc<"whispers">) {
  return { whisperId: whisper._id, conversationId: whisper.conversationId! };
}

/** Exactly-once per clientId (another request under it: CLIENT_ID_REUSED), as are the other creates below. */
export const sendWhisper = socialMutation({
  args: sendWhisperArgs,
  returns: created,
  handler: async (ctx, args) => {
    const run = new WhisperRun(ctx, ctx.viewer);
    const sent = await run.send(args);
    await run.finish();
    return sent;
  },
});

export const sendVoiceWhisper = socialMutation({
  args: {
    clientId: v.string(),
    ...target,
    audioStorageId: v.id("_storage"),
    audioDuration: v.number(),
    isVoiceModulated: v.boolean(),
    content: v.optional(v.string()),
    writtenAt,
  },
  returns: created,
  handler: async (ctx, args) => {
    const { clientId, audioStorageId, audioDuration, isVoiceModulated, content, writtenAt, ...to } = args;
    const hash = await requestHash("whispers:sendVoiceWhisper", args);
    const repeat = await whisperByClientId(ctx, ctx.viewer._id, clientId, hash);
    if (repeat) return firstResult(repeat);
    await requireFeature(ctx, "VOICE_WHISPERS");
    if (!Number.isFinite(audioDuration) || audioDuration <= 0 || audioDuration > MAX_AUDIO_SECONDS) {
      fail("INVALID", `A voice whisper lasts more than 0 and at most ${MAX_AUDIO_SECONDS} seconds.`);
    }
    await consume(ctx, "voiceWhisper", ctx.viewer._id);
    const route = await resolveRoute(ctx, ctx.viewer, to, { create: true });
    const audio = { storageId: audioStorageId, duration: audioDuration, isVoiceModulated };
    const whisperId = await insertWhisper(ctx, ctx.viewer, route, {
      clientId,
      requestHash: hash,
      content: content ?? "",
      audio,
      writtenAt,
    });
    return { whisperId, conversationId: route.conversation!._id };
  },
});

/** Only its sender sees it until delivery; a new conversation is created then, so `conversationId` may be null. */
export const scheduleWhisper = socialMutation({
  args: {
    clientId: v.string(),
    ...target,
    content: v.string(),
    scheduledFor: v.number(),
    imageStorageId: v.optional(v.id("_storage")),
  },
  returns: v.object({ whisperId: v.id("whispers"), conversationId: v.union(v.id("conversations"), v.null()) }),
  handler: async (ctx, args) => {
    const { clientId, content, scheduledFor, imageStorageId, ...to } = args;
    const hash = await requestHash("whispers:scheduleWhisper", args);
    const repeat = await whisperByClientId(ctx, ctx.viewer._id, clientId, hash);
    if (repeat) return { whisperId: repeat._id, conversationId: repeat.conversationId ?? null };
    await requireFeature(ctx, "SCHEDULED_WHISPERS");
    const now = Date.now();
    if (!Number.isFinite(scheduledFor) || scheduledFor < now + MIN_SCHEDULE_AHEAD_MS) {
      fail("INVALID", "Schedule a whisper at least 30 seconds ahead.");
    }
    if (scheduledFor > now + MAX_SCHEDULE_AHEAD_MS) fail("INVALID", "Schedule a whisper at most one year ahead.");
    await consume(ctx, "whisper", ctx.viewer._id);
    const route = await resolveRoute(ctx, ctx.viewer, to, { create: false });
    const draft = { clientId, requestHash: hash, content, imageStorageId };
    const whisperId = await insertWhisper(ctx, ctx.viewer, route, draft, scheduledFor);
    // Delivery on time rather than at the next cron tick; harmless if the cron got there first.
    await ctx.scheduler.runAt(scheduledFor, internal.whispers.processScheduledWhispers, {});
    return { whisperId, conversationId: route.conversation?._id ?? null };
  },
});

/** Cancelling twice does nothing. */
export const cancelScheduledWhisper = viewerMutation({
  args: { whisperId: v.id("whispers") },
  returns: v.null(),
  handler: async (ctx, { whisperId }) => {
    const whisper = await ctx.db.get("whispers", whisperId);
    if (!whisper || whisper.senderId !== ctx.viewer._id) fail("NOT_FOUND", "Whisper not found.");
    if (whisper.status === "delivered") fail("CONFLICT", "This whisper was already delivered.");
    if (whisper.status === "scheduled") await cancelWhisper(ctx, whisper);
    return null;
  },
});

/** Into the parent's conversation, once the parent is delivered. */
export const replyToWhisper = socialMutation({
  args: {
    clientId: v.string(),
    parentId: v.id("whispers"),
    content: v.string(),
    imageStorageId: v.optional(v.id("_storage")),
    writtenAt,
  },
  returns: created,
  handler: async (ctx, args) => {
    const { clientId, parentId, content, imageStorageId, writtenAt } = args;
    const hash = await requestHash("whispers:replyToWhisper", args);
    const repeat = await whisperByClientId(ctx, ctx.viewer._id, clientId, hash);
    if (repeat) return firstResult(repeat);
    await requireFeature(ctx, "WHISPER_CHAINS");
    const parent = await requireVisibleWhisper(ctx, ctx.viewer._id, parentId);
    if (parent.status !== "delivered" || !parent.conversationId) fail("INVALID", "You can reply once it is delivered.");
    if (parent.isDeleted) fail("INVALID", "This whisper was deleted.");
    await consume(ctx, "whisper", ctx.viewer._id);
    const route = await resolveRoute(ctx, ctx.viewer, { conversationId: parent.conversationId }, { create: true });
    const whisperId = await insertWhisper(ctx, ctx.viewer, route, {
      clientId,
      requestHash: hash,
      content,
      imageStorageId,
      parent,
      writtenAt,
    });
    return { whisperId, conversationId: route.conversation!._id };
  },
});

/** Exactly-once with a clientId. */
export const toggleReaction = socialMutation({
  args: { whisperId: v.id("whispers"), emoji: v.string(), clientId: v.optional(v.string()) },
  returns: v.object({ added: v.boolean() }),
  handler: async (ctx, args) =>
    await once(ctx, ctx.viewer._id, "whispers:toggleReaction", args, async () => {
      const { whisperId, emoji } = args;
      await consume(ctx, "reaction", ctx.viewer._id);
      return await toggle(ctx, ctx.viewer._id, whisperId, emoji);
    }),
});

export const markRead = viewerMutation({
  args: { conversationId: v.id("conversations") },
  returns: v.object({ marked: v.number() }),
  handler: async (ctx, { conversationId }) => ({
    marked: await markReadIn(ctx, ctx.viewer._id, conversationId),
  }),
});

/** Exactly-once, so an edit retried after a later one can't bring the older text back (rules: model/whisperEdits.ts). */
export const editWhisper = socialMutation({
  args: { whisperId: v.id("whispers"), content: v.string(), clientId: v.string() },
  returns: v.object({ editedAt: v.union(v.number(), v.null()) }),
  handler: async (ctx, args) =>
    await once(ctx, ctx.viewer._id, "whispers:editWhisper", args, async () => {
      await consume(ctx, "whisper", ctx.viewer._id);
      return await editText(ctx, ctx.viewer._id, args.whisperId, args.content);
    }),
});

/** A tombstone for both; its media are deleted from storage. */
export const deleteWhisper = viewerMutation({
  args: { whisperId: v.id("whispers") },
  returns: v.null(),
  handler: async (ctx, { whisperId }) => {
    await tombstone(ctx, ctx.viewer._id, whisperId);
    return null;
  },
});

/** Delivered whispers only (the deliveredAt range), newest first. */
export const listConversation = viewerQuery({
  args: { conversationId: v.id("conversations"), paginationOpts: paginationOptsValidator },
  returns: paginationResultValidator(whisperView),
  handler: async (ctx, { conversationId, paginationOpts }) => {
    await requireParticipant(ctx, conversationId, ctx.viewer._id);
    const result = await ctx.db
      .query("whispers")
      .withIndex("by_conversation", (q) => q.eq("conversationId", conversationId).gte("deliveredAt", 0))
      .order("desc")
      .paginate(paginationOpts);
    const page = await Promise.all(result.page.map((whisper) => projectWhisper(ctx, ctx.viewer, whisper)));
    return { ...result, page: page.filter((whisper) => whisper !== null) };
  },
});

/** The root, then its replies in sent order. */
export const getChain = viewerQuery({
  args: { whisperId: v.id("whispers") },
  returns: v.array(whisperView),
  handler: async (ctx, { whisperId }) => {
    const whisper = await requireVisibleWhisper(ctx, ctx.viewer._id, whisperId);
    const rootId = whisper.chainRootId ?? whisper._id;
    const root = await ctx.db.get("whispers", rootId);
    const replies = await ctx.db
      .query("whispers")
      .withIndex("by_chainRoot", (q) => q.eq("chainRootId", rootId))
      .take(CHAIN_LIMIT);
    const chain = await Promise.all(
      [...(root ? [root] : []), ...replies].map((doc) => projectWhisper(ctx, ctx.viewer, doc)),
    );
    return chain.filter((doc) => doc !== null);
  },
});

/** Soonest first. */
export const listScheduled = viewerQuery({
  args: {},
  returns: v.array(whisperView),
  handler: async (ctx) => {
    const scheduled = await ctx.db
      .query("whispers")
      .withIndex("by_sender_status", (q) => q.eq("senderId", ctx.viewer._id).eq("status", "scheduled"))
      .take(SCHEDULED_LIMIT);
    const views = await Promise.all(scheduled.map((whisper) => projectWhisper(ctx, ctx.viewer, whisper)));
    return views.filter((view) => view !== null);
  },
});

/** Each is re-checked at delivery (an undeliverable one is cancelled); scheduleWhisper also runs it at the exact time. */
export const processScheduledWhispers = internalMutation({
  args: {},
  returns: v.object({ delivered: v.number(), cancelled: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const due = await ctx.db
      .query("whispers")
      .withIndex("by_status_scheduledFor", (q) => q.eq("status", "scheduled").lte("scheduledFor", Date.now()))
      .take(DELIVERY_BATCH + 1);
    let delivered = 0;
    let cancelled = 0;
    for (const whisper of due.slice(0, DELIVERY_BATCH)) {
      if ((await deliverScheduled(ctx, whisper)) === "delivered") delivered += 1;
      else cancelled += 1;
    }
    const more = due.length > DELIVERY_BATCH;
    if (more) await ctx.scheduler.runAfter(0, internal.whispers.processScheduledWhispers, {});
    return { delivered, cancelled, more };
  },
});
