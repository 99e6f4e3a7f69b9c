// Creating and delivering whispers: who may be reached, the exactly-once insert, delivery and scheduled delivery.
import type { Doc, Id } from "../_generated/dataModel";
import { internal } from "../_generated/api";
import type { MutationCtx } from "../_generated/server";
import { bumpCounter } from "../lib/counters";
import { fail } from "../lib/errors";
import { publish, publishMany } from "../lib/feed";
import { requireFeature } from "../lib/flags";
import { dayKey } from "../lib/time";
import {
  counterpartOf,
  ensureParticipantState,
  findConversation,
  findOrCreateConversation,
  requireParticipant,
} from "./conversations";
import { claimFile, releaseFile } from "./files";
import { isBlockedBetween, isLive, reachRefusalIn, requireMayReach, requireMayReachIn } from "./visibility";
import { checkContent } from "./whispers";

/** Where a whisper goes: a person directly, or an existing conversation (how a mystery recipient replies). */
export type Target = { recipientId?: Id<"users">; conversationId?: Id<"conversations">; isMystery?: boolean };

/** A resolved target: the reachable recipient, the conversation (if it exists yet) and whether the sender is hidden. */
export type Route = { recipient: Doc<"users">; conversation: Doc<"conversations"> | null; mystery: boolean };

/** What a new whisper carries. */
export type Draft = {
  clientId: string;
  /** The creating request's hash (lib/idempotency.ts requestHash), stored to refuse a reused clientId. */
  requestHash: string;
  content: string;
  imageStorageId?: Id<"_storage">;
  audio?: { storageId: Id<"_storage">; duration: number; isVoiceModulated: boolean };
  parent?: Doc<"whispers">;
  /** When the person wrote it on their device (ms), as the client says. */
  writtenAt?: number;
};

/** How far back a whisper's stated writing time may lie (a phone offline for a month). */
export const WRITTEN_AT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * The writing time to keep for a whisper sent at `now`: the device's, within the last
 * WRITTEN_AT_MAX_AGE_MS and never after `now` (a clock ahead is taken as now). It is only shown,
 * never used for order or anything else. INVALID when not a number.
 */
export function writtenAtOf(writtenAt: number | undefined, now: number): number | undefined {
  if (writtenAt === undefined) return undefined;
  if (!Number.isFinite(writtenAt)) fail("INVALID", "writtenAt must be a time in milliseconds.");
  return Math.min(now, Math.max(now - WRITTEN_AT_MAX_AGE_MS, writtenAt));
}

/**
 * Resolves and checks a target: exactly one of recipientId / conversationId; the sender may reach
 * the recipient (model/visibility.ts: into an existing conversation by its rules, a masked one
 * without consulting anything that could tell who its hidden sender is; a new conversation,
 * mystery or not, by person-level rules); the conversation is not closed; mystery whispers need
 * MYSTERY_WHISPERS. With `create`, a missing conversation is created.
 */
export async function resolveRoute(
  ctx: MutationCtx,
  sender: Doc<"users">,
  target: Target,
  { create }: { create: boolean },
): Promise<Route> {
  if ((target.recipientId === undefined) === (target.conversationId === undefined)) {
    fail("INVALID", "Give either recipientId or conversationId.");
  }
  let conversation: Doc<"conversations"> | null;
  let recipientId: Id<"users">;
  let mystery: boolean;
  if (target.conversationId !== undefined) {
    conversation = await requireParticipant(ctx, target.conversationId, sender._id);
    recipientId = counterpartOf(conversation, sender._id);
    mystery = conversation.hiddenParticipantId === sender._id && !conversation.unmasked;
    if (target.isMystery && !mystery) {
      fail("INVALID", "A mystery whisper starts its own conversation: send it with recipientId.");
    }
  } else {
    recipientId = target.recipientId!;
    if (recipientId === sender._id) fail("INVALID", "You can't whisper yourself.");
    conversation = await findConversation(ctx, sender._id, recipientId, { mystery: target.isMystery });
    mystery = target.isMystery === true && !conversation?.unmasked;
  }
  const recipient = conversation
    ? await requireMayReachIn(ctx, conversation, sender._id)
    : await requireMayReach(ctx, sender._id, recipientId);
  if (target.isMystery || mystery) await requireFeature(ctx, "MYSTERY_WHISPERS");
  if (conversation?.status === "closed") fail("CONFLICT", "This conversation is closed. Reopen it to whisper again.");
  if (!conversation && create) {
    conversation = await findOrCreateConversation(ctx, sender._id, recipientId, { mystery: target.isMystery });
  }
  return { recipient, conversation, mystery };
}

/**
 * Inserts the whisper after checking its content and claiming its media (images need
 * IMAGE_WHISPERS). `scheduledFor` makes it a scheduled whisper; otherwise it is delivered now.
 */
export async function insertWhisper(
  ctx: MutationCtx,
  sender: Doc<"users">,
  route: Route,
  draft: Draft,
  scheduledFor?: number,
): Promise<Id<"whispers">> {
  const whisper = await writeWhisper(ctx, sender, route, draft, scheduledFor);
  if (scheduledFor === undefined) await announceDeliveries(ctx, [whisper], { created: true });
  else await publish(ctx, [sender._id], "whispers", whisper._id);
  return whisper._id;
}

/**
 * The insert of `insertWhisper` without telling anyone: the caller announces it (a run of sends
 * announces all of its whispers at once).
 */
export async function writeWhisper(
  ctx: MutationCtx,
  sender: Doc<"users">,
  route: Route,
  draft: Draft,
  scheduledFor?: number,
): Promise<Doc<"whispers">> {
  const hasMedia = draft.imageStorageId !== undefined || draft.audio !== undefined;
  const content = checkContent(draft.content, { allowEmpty: hasMedia });
  let imageUrl: string | undefined;
  if (draft.imageStorageId !== undefined) {
    await requireFeature(ctx, "IMAGE_WHISPERS");
    await claimFile(ctx, sender._id, draft.imageStorageId, "image");
    imageUrl = (await ctx.storage.getUrl(draft.imageStorageId)) ?? undefined;
  }
  // The stored length is the one read from the file at registration; the declared one is ignored.
  const audioDuration = draft.audio ? (await claimFile(ctx, sender._id, draft.audio.storageId, "voice")).duration : undefined;
  const now = Date.now();
  const whisperId = await ctx.db.insert("whispers", {
    senderId: sender._id,
    recipientId: route.recipient._id,
    content,
    conversationId: route.conversation?._id,
    imageUrl,
    imageStorageId: draft.imageStorageId,
    audioStorageId: draft.audio?.storageId,
    audioDuration,
    isVoiceModulated: draft.audio?.isVoiceModulated,
    scheduledFor,
    isMystery: route.mystery || undefined,
    reactions: [],
    parentId: draft.parent?._id,
    chainRootId: draft.parent ? (draft.parent.chainRootId ?? draft.parent._id) : undefined,
    clientId: draft.clientId,
    requestHash: draft.requestHash,
    status: scheduledFor === undefined ? "delivered" : "scheduled",
    deliveredAt: scheduledFor === undefined ? now : undefined,
    // A scheduled whisper's time is its delivery.
    writtenAt: scheduledFor === undefined ? writtenAtOf(draft.writtenAt, now) : undefined,
    updatedAt: now,
  });
  return (await ctx.db.get("whispers", whisperId))!;
}

/**
 * Everything that follows delivered whispers, once per conversation however many arrived in it:
 * the conversation's lastWhisperAt (and "active" once the invitee speaks), the recipient's unread
 * count (and un-archiving it for them), the whisper counters, both feeds (every whisper in order,
 * then the conversation), and one push notification for the newest whisper. `created`: every
 * whisper was inserted in this transaction (none is in a feed yet).
 */
export async function announceDeliveries(
  ctx: MutationCtx,
  whispers: readonly Doc<"whispers">[],
  { created }: { created: boolean },
): Promise<void> {
  if (whispers.length === 0) return;
  const byConversation = new Map<Id<"conversations">, Doc<"whispers">[]>();
  for (const whisper of whispers) {
    const group = byConversation.get(whisper.conversationId!);
    if (group) group.push(whisper);
    else byConversation.set(whisper.conversationId!, [whisper]);
  }
  const now = Date.now();
  for (const [conversationId, delivered] of byConversation) {
    const conversation = (await ctx.db.get("conversations", conversationId))!;
    const newest = delivered[delivered.length - 1]!;
    const activated = conversation.status === "initiated" && delivered.some((w) => w.senderId !== conversation.initiatorId);
    await ctx.db.patch("conversations", conversation._id, {
      lastWhisperAt: await orderDeliveries(ctx, conversation, delivered),
      updatedAt: now,
      ...(activated ? { status: "active" as const } : {}),
    });
    for (const [recipientId, count] of countBy(delivered, (w) => w.recipientId)) {
      const state = await ensureParticipantState(ctx, conversation._id, recipientId);
      await ctx.db.patch("conversationParticipants", state._id, {
        unreadCount: state.unreadCount + count,
        isArchived: false,
        updatedAt: now,
      });
    }
    const audience = conversation.participantIds;
    await publishMany(ctx, audience, "whispers", delivered.map((w) => w._id), { created });
    await publish(ctx, audience, "conversations", conversation._id);
    await ctx.scheduler.runAfter(0, internal.pushNode.sendWhisperNotification, { whisperId: newest._id });
  }
  await bumpCounter(ctx, "whispers", whispers.length);
  await bumpCounter(ctx, `whispers:${dayKey(now)}`, whispers.length);
}

/** The least step between two whispers' deliveredAt in one conversation: a few ulps of a millisecond timestamp. */
export const DELIVERY_STEP_MS = 1 / 1024;

/**
 * Gives `delivered` (in the order they were sent) strictly increasing `deliveredAt`s after the
 * conversation's last one, and returns the newest. Clients sort a conversation by deliveredAt;
 * Date.now() is frozen for a whole mutation (a push of 50 whispers would share one value) and
 * ids are random, so neither may decide the order: each whisper lands at least DELIVERY_STEP_MS
 * after the one before it. Deliveries into one conversation already write its document, so they
 * are serialized (a conflicting one is retried and sees this one's lastWhisperAt).
 */
async function orderDeliveries(ctx: MutationCtx, conversation: Doc<"conversations">, delivered: readonly Doc<"whispers">[]): Promise<number> {
  let last = conversation.lastWhisperAt ?? -Infinity;
  for (const whisper of delivered) {
    const at = Math.max(whisper.deliveredAt ?? Date.now(), last + DELIVERY_STEP_MS);
    if (at !== whisper.deliveredAt) await ctx.db.patch("whispers", whisper._id, { deliveredAt: at });
    last = at;
  }
  return last;
}

function countBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

/**
 * Delivers a due scheduled whisper, re-checking that it still may be: a banned or erased
 * sender or recipient, a block either way, or a closed conversation cancels it instead, with
 * the reason in `cancelReason` (the sender learns it through the feed).
 */
export async function deliverScheduled(ctx: MutationCtx, whisper: Doc<"whispers">): Promise<"delivered" | "cancelled"> {
  const mystery = whisper.isMystery === true;
  const existing = whisper.conversationId
    ? await ctx.db.get("conversations", whisper.conversationId)
    : await findConversation(ctx, whisper.senderId, whisper.recipientId, { mystery });
  const reason = await undeliverableReason(ctx, whisper, existing);
  if (reason) {
    await cancelWhisper(ctx, whisper, reason);
    return "cancelled";
  }
  const conversation =
    existing ?? (await findOrCreateConversation(ctx, whisper.senderId, whisper.recipientId, { mystery }));
  const now = Date.now();
  await ctx.db.patch("whispers", whisper._id, {
    status: "delivered",
    deliveredAt: now,
    conversationId: conversation._id,
    updatedAt: now,
  });
  await announceDeliveries(ctx, [(await ctx.db.get("whispers", whisper._id))!], { created: false });
  return "delivered";
}

async function undeliverableReason(
  ctx: MutationCtx,
  whisper: Doc<"whispers">,
  conversation: Doc<"conversations"> | null,
): Promise<string | null> {
  const sender = await ctx.db.get("users", whisper.senderId);
  if (!sender || sender.isDeleted || sender.isBanned) return "Your account can't send whispers right now.";
  if (conversation) {
    // Into an existing conversation: its own rules (a masked one never consults the hidden person).
    const refusal = await reachRefusalIn(ctx, conversation, whisper.senderId);
    if (refusal) return refusal;
    if (conversation.status === "closed") return "The conversation was closed.";
    return null;
  }
  if (!isLive(await ctx.db.get("users", whisper.recipientId))) return "This person isn't here any more.";
  if (await isBlockedBetween(ctx, whisper.senderId, whisper.recipientId)) return "You can't reach this person any more.";
  return null;
}

/**
 * Cancels a scheduled whisper (by its sender, or by the server with a `reason`): its media is
 * deleted from storage and only the sender is told (the recipient never saw it).
 */
export async function cancelWhisper(ctx: MutationCtx, whisper: Doc<"whispers">, reason?: string): Promise<void> {
  await releaseMedia(ctx, whisper);
  await ctx.db.patch("whispers", whisper._id, {
    status: "cancelled",
    cancelReason: reason,
    imageUrl: undefined,
    imageStorageId: undefined,
    audioStorageId: undefined,
    updatedAt: Date.now(),
  });
  await publish(ctx, [whisper.senderId], "whispers", whisper._id);
}

/** Deletes a whisper's image and voice clip from storage. */
export async function releaseMedia(ctx: MutationCtx, whisper: Doc<"whispers">): Promise<void> {
  if (whisper.imageStorageId) await releaseFile(ctx, whisper.imageStorageId);
  if (whisper.audioStorageId) await releaseFile(ctx, whisper.audioStorageId);
}
