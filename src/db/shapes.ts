// Server projection → local row: the one place that knows the field names of the sync feed's documents.
import type { FeedTable } from "../../convex/schema";
import type { FeedDoc } from "../../convex/model/sync";
import type { OwnProfile, PublicProfile } from "../../convex/model/users";
import { listRankOf } from "./schema";
import type {
  LocalChamberMessage,
  LocalConversation,
  LocalDoc,
  LocalFriend,
  LocalMe,
  LocalProfile,
  LocalWhisper,
} from "./types";

/** A document of feed table `T` as sync:pull sends it (convex/model/sync.ts FEED_VIEWS). */
export type ServerDoc<T extends FeedTable = FeedTable> = FeedDoc<T>;

/** The bookkeeping of a row as the server last said it: keyed by its `_id`, synced. */
function synced<T extends { _id: string }>(doc: T): Omit<T, "_id"> & { id: string; syncState: "synced" } {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id, syncState: "synced" };
}

/** Where a whisper sits in its conversation. */
export function whisperSortKey(doc: Pick<ServerDoc<"whispers">, "deliveredAt" | "scheduledFor" | "_creationTime">): number {
  return doc.deliveredAt ?? doc.scheduledFor ?? doc._creationTime;
}

/** The author's clientId (only the author is sent it: offline row and server row are one), else the server id. */
export function localKey(doc: { _id: string; clientId?: string }): string {
  return doc.clientId ?? doc._id;
}

/** The key fields of a row kept for life (whispers, chamber messages): `id` and `clientId` the localKey, `serverId` the `_id`. */
function keyedForLife(doc: { _id: string; clientId?: string }): { id: string; clientId: string; serverId: string } {
  const key = localKey(doc);
  return { id: key, clientId: key, serverId: doc._id };
}

/** The ids a reference to `w` may hold: its key, and its server id (a reply pulled before the viewer's own parent names it so). */
export function refsTo(w: { id: string; serverId?: string }): string[] {
  return w.serverId !== undefined && w.serverId !== w.id ? [w.id, w.serverId] : [w.id];
}

/** `keys`: local keys of whispers the server names by id (parentId, chainRootId); the viewer's own have another key. */
export function toLocalWhisper(doc: ServerDoc<"whispers">, keys: ReadonlyMap<string, string> = new Map()): LocalWhisper {
  const { _id, parentId, chainRootId, ...fields } = doc;
  const row: LocalWhisper = { ...fields, ...keyedForLife(doc), syncState: "synced", conversationId: doc.conversationId ?? "", sortKey: whisperSortKey(doc) };
  if (parentId !== undefined) row.parentId = keys.get(parentId) ?? parentId;
  if (chainRootId !== undefined) row.chainRootId = keys.get(chainRootId) ?? chainRootId;
  return row;
}

/** A projected conversation as a local row (the list's summary fields are kept from its whispers). */
export function toLocalConversation(doc: ServerDoc<"conversations">): LocalConversation {
  const { lastWhisper: _summary, hiddenFromViewer, ...fields } = doc;
  const row: LocalConversation = {
    ...synced(fields),
    counterpartHidden: hiddenFromViewer,
    lastActivityAt: Math.max(doc.lastWhisperAt ?? 0, doc.updatedAt),
    listRank: 0,
  };
  row.listRank = listRankOf(row);
  return row;
}

/** The key that recognises the server's version of a conversation started on this device. */
export function conversationMatchKey(counterpartId: string, isMystery: boolean): string {
  return `${counterpartId}|${isMystery ? "mystery" : "plain"}`;
}

export function toLocalMe(doc: OwnProfile): LocalMe {
  const { isSelf: _self, ...fields } = doc;
  return synced(fields);
}

export function toLocalProfile(doc: PublicProfile): LocalProfile {
  return synced(doc);
}

/** True for the signed-in person's own user document (only it is marked isSelf). */
export function isOwnUserDoc(doc: ServerDoc<"users">): doc is OwnProfile {
  return "isSelf" in doc && doc.isSelf === true;
}

/** A projected friendship row, keyed by the other person for optimistic matching. */
export function toLocalFriend(doc: ServerDoc<"friends">): LocalFriend {
  return { ...synced(doc), otherUserId: doc.otherId };
}

/** A projected chamber message, keyed by localKey, positioned by creation time. */
export function toLocalChamberMessage(doc: ServerDoc<"chamberMessages">): LocalChamberMessage {
  return { ...synced(doc), ...keyedForLife(doc), sortKey: doc._creationTime };
}

/** Any other projected document, stored as it is. */
export function toLocalDoc(doc: ServerDoc): LocalDoc {
  return synced(doc);
}

/** A document that stands for a deletion even though it is not null (soft-deleted rows). */
export function isTombstoneDoc(change: { table: FeedTable; doc: ServerDoc | null }): boolean {
  if (change.doc === null) return true;
  if (change.table === "users") return false;
  return "isDeleted" in change.doc && change.doc.isDeleted === true;
}

/** Its text, else the server's preview words (convex/model/conversations.ts) so notifications and the app agree. */
export function whisperPreview(w: Pick<LocalWhisper, "content" | "audioUrl" | "audioDuration" | "imageUrl" | "localBlobKind">): string {
  const text = w.content.trim().replace(/\s+/g, " ");
  if (text) return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  if (w.audioUrl || w.audioDuration !== undefined || w.localBlobKind === "voice") return "Voice whisper";
  if (w.imageUrl || w.localBlobKind === "image") return "Image";
  return "";
}
