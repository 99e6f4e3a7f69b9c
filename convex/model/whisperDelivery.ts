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

export type Draft = {
  clientId: string;
  /** The creating request's hash (lib/idempotency.ts requestHash), stored to refuse a reused clientId. */
  requestHash: string;
  content: string;
  imageStorageId?: Id<"_storage">;
  audio?: { storageId: Id<"_storage">; duration: number; isVoiceModulated: boolean };
  parent?: Doc<"whispers">;
  /** The device's time of writing (ms), as the client says. */
  writtenAt?: number;
};

/** How far back a whisper's stated writing time may lie (a phone offline for a month). */
export const WRITTEN_AT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

/** Clamped to the last WRITTEN_AT_MAX_AGE_MS, never after `now`: it is only shown, never used for order. */
export function writtenAtOf(writtenAt: number | undefined, now: number): number | undefined {
  if (writtenAt === undefined) return undefined;
  if (!Number.isFinite(writtenAt)) fail("INVALID", "writtenAt must be a time in milliseconds.");
  return Math.min(now, Math.max(now - WRITTEN_AT_MAX_AGE_MS, writtenAt));
}

/** A new conversation, mystery or not, goes by person-level rules (its sender knows whom they write to); an existing one by its own. */
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

/** Scheduled when `scheduledFor` is given, else delivered and announced now. */
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

/** Tells nobody: the caller announces it, so a run of sends announces all its whispers at once. */
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

/** Once per conversation however many arrived (one push for the newest); `created`: none is in a feed yet. */
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

/** Strictly increasing: Date.now() is frozen for a mutation and ids are random; deliveries conflict on the conversation, so they serialize. */
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

/** Re-checks reach as a send would now; an undeliverable one is cancelled with `cancelReason`, which the sender sees in the feed. */
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

/** Its media are deleted; only the sender is told, as the recipient never saw it. */
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

export async function releaseMedia(ctx: MutationCtx, whisper: Doc<"whispers">): Promise<void> {
  if (whisper.imageStorageId) await releaseFile(ctx, whisper.imageStorageId);
  if (whisper.audioStorageId) await releaseFile(ctx, whisper.audioStorageId);
}
