// How a whisper looks to each viewer (projectWhisper), and the shared whisper rules: content, clientId, emoji.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { checkText, fail } from "../lib/errors";
import { checkClientId, requireSameRequest } from "../lib/idempotency";
import { MAX_CONTENT } from "../lib/textLimits";
import { whisperStatus } from "../schema";
import { isCounterpartHidden } from "./conversations";

/** At most this many different emoji on one whisper. */
export const MAX_DISTINCT_REACTIONS = 20;

/** The longest reaction (an emoji sequence with modifiers), in UTF-16 code units. */
export const MAX_EMOJI_LENGTH = 16;

const EMOJI_CHARS = /^[\p{Extended_Pictographic}\p{Emoji_Component}\p{Emoji_Presentation}\u200D\uFE0F\u20E3]+$/u;
const HAS_EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}{2}|\u20E3/u;

/** A reaction as a viewer sees it: no userId for a person hidden from the viewer. */
export const reactionView = v.object({
  emoji: v.string(),
  at: v.number(),
  fromViewer: v.boolean(),
  userId: v.optional(v.id("users")),
});

/** A whisper as one of its two participants sees it (see projectWhisper). */
export const whisperView = v.object({
  _id: v.id("whispers"),
  _creationTime: v.number(),
  conversationId: v.optional(v.id("conversations")),
  fromViewer: v.boolean(),
  senderId: v.optional(v.id("users")),
  recipientId: v.optional(v.id("users")),
  clientId: v.optional(v.string()),
  content: v.string(),
  imageUrl: v.optional(v.string()),
  audioUrl: v.optional(v.string()),
  audioDuration: v.optional(v.number()),
  isVoiceModulated: v.optional(v.boolean()),
  isMystery: v.boolean(),
  scheduledFor: v.optional(v.number()),
  status: whisperStatus,
  cancelReason: v.optional(v.string()),
  deliveredAt: v.optional(v.number()),
  /** The time to show it with, when it is not deliveredAt (shownWrittenAt). */
  writtenAt: v.optional(v.number()),
  readAt: v.optional(v.number()),
  /** When its sender last edited its text. */
  editedAt: v.optional(v.number()),
  parentId: v.optional(v.id("whispers")),
  chainRootId: v.optional(v.id("whispers")),
  isDeleted: v.boolean(),
  reactions: v.array(reactionView),
  updatedAt: v.number(),
});
export type WhisperView = Infer<typeof whisperView>;

/** A whisper written this long before its delivery (queued offline) shows its writing time to its recipient. */
export const SHOWN_DELAY_MS = 2 * 60 * 1000;

/**
 * The writing time a viewer sees. Its sender: always (their own device's time, so a whisper keeps
 * the time it showed while queued). Its recipient: only when it was queued for a while, to the
 * minute, and never from a hidden sender (a device clock's offset could tell who is writing).
 */
function shownWrittenAt(whisper: Doc<"whispers">, fromViewer: boolean, hidden: boolean): { writtenAt?: number } {
  const { writtenAt, deliveredAt } = whisper;
  if (writtenAt === undefined) return {};
  if (fromViewer) return { writtenAt };
  if (hidden || deliveredAt === undefined || deliveredAt - writtenAt < SHOWN_DELAY_MS) return {};
  return { writtenAt: Math.floor(writtenAt / 60_000) * 60_000 };
}

/**
 * A whisper for `viewer`, or null when the viewer may not see it: not its sender or recipient,
 * or its recipient while it is still scheduled (or was cancelled). While the conversation hides
 * the sender from the viewer (mystery, not unmasked), it carries no sender or recipient id and
 * the hidden person's reactions carry no userId: `fromViewer` tells the two sides apart.
 */
export async function projectWhisper(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  whisper: Doc<"whispers">,
): Promise<WhisperView | null> {
  const fromViewer = whisper.senderId === viewer._id;
  if (!fromViewer && whisper.recipientId !== viewer._id) return null;
  if (!fromViewer && whisper.status !== "delivered") return null;
  const hidden = await hiddenFrom(ctx, viewer._id, whisper);
  const audioUrl = whisper.audioStorageId ? await ctx.storage.getUrl(whisper.audioStorageId) : null;
  return {
    _id: whisper._id,
    _creationTime: whisper._creationTime,
    conversationId: whisper.conversationId,
    fromViewer,
    ...(hidden ? {} : { senderId: whisper.senderId, recipientId: whisper.recipientId }),
    ...(fromViewer
      ? { clientId: whisper.clientId, scheduledFor: whisper.scheduledFor, cancelReason: whisper.cancelReason }
      : {}),
    content: whisper.content,
    imageUrl: whisper.imageUrl,
    ...(audioUrl ? { audioUrl } : {}),
    audioDuration: whisper.audioDuration,
    isVoiceModulated: whisper.isVoiceModulated,
    isMystery: whisper.isMystery === true,
    status: whisper.status,
    deliveredAt: whisper.deliveredAt,
    ...shownWrittenAt(whisper, fromViewer, hidden),
    readAt: whisper.readAt,
    editedAt: whisper.editedAt,
    parentId: whisper.parentId,
    chainRootId: whisper.chainRootId,
    isDeleted: whisper.isDeleted === true,
    reactions: whisper.reactions.map((reaction) => ({
      emoji: reaction.emoji,
      at: reaction.at,
      fromViewer: reaction.userId === viewer._id,
      ...(hidden && reaction.userId !== viewer._id ? {} : { userId: reaction.userId }),
    })),
    updatedAt: whisper.updatedAt,
  };
}

/** True while the whisper's other participant must stay hidden from `viewerId`. */
async function hiddenFrom(ctx: QueryCtx, viewerId: Id<"users">, whisper: Doc<"whispers">): Promise<boolean> {
  const conversation = whisper.conversationId ? await ctx.db.get("conversations", whisper.conversationId) : null;
  if (conversation) return isCounterpartHidden(conversation, viewerId);
  return whisper.isMystery === true && whisper.senderId !== viewerId;
}

/** The trimmed text of a whisper: at most 2,000 characters, empty only when `allowEmpty` (media attached). */
export function checkContent(content: string, { allowEmpty }: { allowEmpty: boolean }): string {
  if (allowEmpty && content.trim() === "") return "";
  return checkText(content, "A whisper", { max: MAX_CONTENT });
}

/**
 * The whisper `senderId` already created with `clientId`, if any (exactly-once creates);
 * CLIENT_ID_REUSED when a different request (`requestHash`, lib/idempotency.ts) created it.
 */
export async function whisperByClientId(
  ctx: QueryCtx,
  senderId: Id<"users">,
  clientId: string,
  requestHash: string,
): Promise<Doc<"whispers"> | null> {
  checkClientId(clientId);
  const whisper = await ctx.db
    .query("whispers")
    .withIndex("by_sender_clientId", (q) => q.eq("senderId", senderId).eq("clientId", clientId))
    .unique();
  if (whisper) requireSameRequest(whisper.requestHash, requestHash);
  return whisper;
}

/** Throws INVALID unless `emoji` is one short emoji (sequence). */
export function checkEmoji(emoji: string): string {
  const ok = emoji.length > 0 && emoji.length <= MAX_EMOJI_LENGTH && EMOJI_CHARS.test(emoji) && HAS_EMOJI.test(emoji);
  if (!ok) fail("INVALID", "A reaction must be a single emoji.");
  return emoji;
}

/** The whisper, if `viewer` may see it (sender, or recipient once delivered); else NOT_FOUND. */
export async function requireVisibleWhisper(
  ctx: QueryCtx,
  viewerId: Id<"users">,
  whisperId: Id<"whispers">,
): Promise<Doc<"whispers">> {
  const whisper = await ctx.db.get("whispers", whisperId);
  const visible =
    whisper && (whisper.senderId === viewerId || (whisper.recipientId === viewerId && whisper.status === "delivered"));
  if (!visible) fail("NOT_FOUND", "Whisper not found.");
  return whisper;
}
