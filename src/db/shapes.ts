// Server projection → local row: the one place that knows the field names of the sync feed's documents.
import { listRankOf } from "./schema";
import type {
  LocalChamberMessage,
  LocalConversation,
  LocalDoc,
  LocalFriend,
  LocalMe,
  LocalProfile,
  LocalWhisper,
  Reaction,
} from "./types";

export type ServerDoc = Record<string, unknown> & { _id: string };

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);
const idOf = (value: unknown): string | undefined =>
  str(value) ?? (value && typeof value === "object" ? str((value as { _id?: unknown })._id) : undefined);

function synced<T>(doc: ServerDoc, fields: T): T & { id: string; syncState: "synced" } {
  const { _id, ...rest } = doc;
  return { ...rest, ...fields, id: _id, syncState: "synced" };
}

/** Where a whisper sits in its conversation. */
export function whisperSortKey(doc: Record<string, unknown>): number {
  return num(doc.deliveredAt) ?? num(doc.scheduledFor) ?? num(doc._creationTime) ?? num(doc.updatedAt) ?? 0;
}

/** A projected whisper as a local row (clientId, conversation, position, fromViewer filled in). */
export function toLocalWhisper(doc: ServerDoc, viewerId: string | undefined): LocalWhisper {
  const senderId = str(doc.senderId);
  const fromViewer =
    typeof doc.fromViewer === "boolean" ? doc.fromViewer : viewerId !== undefined && senderId === viewerId;
  const reactions = Array.isArray(doc.reactions) ? (doc.reactions as Reaction[]) : [];
  return synced(doc, {
    clientId: str(doc.clientId) ?? doc._id,
    conversationId: str(doc.conversationId) ?? "",
    sortKey: whisperSortKey(doc),
    status: (str(doc.status) as LocalWhisper["status"]) ?? "delivered",
    fromViewer,
    content: str(doc.content) ?? "",
    reactions,
  }) as LocalWhisper;
}

/** The counterpart and mystery flags of a projected conversation, whatever form the projection takes. */
export function toLocalConversation(doc: ServerDoc, viewerId: string | undefined): LocalConversation {
  const participants = Array.isArray(doc.participantIds) ? (doc.participantIds as string[]) : [];
  const counterpartId =
    str(doc.counterpartId) ??
    idOf(doc.counterpart) ??
    (viewerId ? participants.find((p) => p !== viewerId) : undefined);
  const isMystery = doc.isMystery === true || doc.hiddenParticipantId !== undefined || doc.mystery === true;
  const counterpartHidden =
    doc.hiddenFromViewer === true || doc.counterpartHidden === true || (isMystery && !doc.unmasked && counterpartId === undefined);
  const lastActivityAt = Math.max(num(doc.lastWhisperAt) ?? 0, num(doc.updatedAt) ?? 0);
  const row = synced(doc, {
    status: (str(doc.status) as LocalConversation["status"]) ?? "initiated",
    counterpartId,
    isMystery,
    counterpartHidden,
    isPinned: doc.isPinned === true || doc.pinned === true,
    isArchived: doc.isArchived === true || doc.archived === true,
    unreadCount: num(doc.unreadCount) ?? 0,
    lastActivityAt,
    listRank: 0,
  }) as LocalConversation;
  row.listRank = listRankOf(row);
  return row;
}

/** The key that recognises the server's version of a conversation started on this device. */
export function conversationMatchKey(counterpartId: string, isMystery: boolean): string {
  return `${counterpartId}|${isMystery ? "mystery" : "plain"}`;
}

/** The own projected profile as the `me` row. */
export function toLocalMe(doc: ServerDoc): LocalMe {
  return synced(doc, {
    username: str(doc.username) ?? "",
    displayName: str(doc.displayName) ?? "",
    interests: Array.isArray(doc.interests) ? (doc.interests as string[]) : [],
    moodJournal: Array.isArray(doc.moodJournal) ? (doc.moodJournal as LocalMe["moodJournal"]) : [],
    themePreference: (str(doc.themePreference) as LocalMe["themePreference"]) ?? "system",
  }) as LocalMe;
}

/** Another person's public profile as a `profiles` row. */
export function toLocalProfile(doc: ServerDoc): LocalProfile {
  return synced(doc, {
    username: str(doc.username) ?? "",
    displayName: str(doc.displayName) ?? "",
    interests: Array.isArray(doc.interests) ? (doc.interests as string[]) : [],
    isDeleted: doc.isDeleted === true,
  }) as LocalProfile;
}

/** True for the signed-in person's own user document (only it carries the mood journal). */
export function isOwnUserDoc(doc: ServerDoc, viewerId: string | undefined): boolean {
  return viewerId !== undefined ? doc._id === viewerId : Array.isArray(doc.moodJournal);
}

/** A projected friendship row, keyed by the other person for optimistic matching. */
export function toLocalFriend(doc: ServerDoc, viewerId: string | undefined): LocalFriend {
  const userId = str(doc.userId);
  const friendId = str(doc.friendId);
  const otherUserId =
    str(doc.otherId) ??
    str(doc.otherUserId) ??
    str(doc.counterpartId) ??
    idOf(doc.profile) ??
    idOf(doc.counterpart) ??
    idOf(doc.user) ??
    (userId === viewerId ? friendId : userId) ??
    "";
  return synced(doc, { otherUserId, status: (str(doc.status) as LocalFriend["status"]) ?? "pending" }) as LocalFriend;
}

/** A projected chamber message, positioned by creation time. */
export function toLocalChamberMessage(doc: ServerDoc): LocalChamberMessage {
  return synced(doc, {
    clientId: str(doc.clientId) ?? doc._id,
    chamberId: str(doc.chamberId) ?? "",
    content: str(doc.content) ?? "",
    sortKey: num(doc._creationTime) ?? num(doc.updatedAt) ?? 0,
  }) as LocalChamberMessage;
}

/** Any other projected document, stored as it is. */
export function toLocalDoc(doc: ServerDoc): LocalDoc {
  return synced(doc, {}) as LocalDoc;
}

/** A document that stands for a deletion even though it is not null (soft-deleted rows). */
export function isTombstoneDoc(table: string, doc: ServerDoc | null): boolean {
  if (doc === null) return true;
  if (table === "users") return false;
  return doc.isDeleted === true;
}

/**
 * A whisper in one line: its text, else what it is in the server's words (convex/model/conversations.ts
 * previews, so notifications and the app name it alike): "Voice whisper" or "Image". The one name for
 * it everywhere (the list, a reply, an announcement).
 */
export function whisperPreview(w: Pick<LocalWhisper, "content" | "audioUrl" | "audioDuration" | "imageUrl" | "localBlobKind">): string {
  const text = w.content.trim().replace(/\s+/g, " ");
  if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  if (w.audioUrl || w.audioDuration !== undefined || w.localBlobKind === "voice") return "Voice whisper";
  if (w.imageUrl || w.localBlobKind === "image") return "Image";
  return "";
}
