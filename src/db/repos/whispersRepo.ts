// Whispers in IndexedDB: optimistic inserts, pulled server rows upserted by their key for life, tombstones.
import type { WhispersDB } from "../database";
import { mergeServerRow } from "../rowSync";
import { toLocalWhisper, localKey, type ServerDoc } from "../shapes";
import { noteWhispersWritten, recomputeSummaries } from "../summaries";
import type { LocalConversation, LocalWhisper } from "../types";
import { deleteBlobs } from "./blobsRepo";
import { issueWrite, type PendingWrites } from "./pendingWrites";

/**
 * Stores a whisper written on this device (syncState "pending") and updates its conversation's
 * summary. Call inside the action's transaction; entirely offline. `conversation`: its row as
 * just read in this transaction (saves reading it again).
 */
export async function insertLocalWhisper(db: WhispersDB, whisper: LocalWhisper, conversation?: LocalConversation): Promise<void> {
  await Promise.all([db.whispers.put(whisper), noteWhispersWritten(db, [whisper], conversation ? [conversation] : [])]);
}

/** What applying server whispers reads, read in one round trip (readServerWhispers). */
export type WhispersRead = {
  incoming: LocalWhisper[];
  /** Their rows as stored (the same key: a whisper written on this device is the server's row). */
  existing: Array<LocalWhisper | undefined>;
  /** Their conversations as read (for the summaries). */
  conversations: LocalConversation[];
};

/**
 * Reads what applying `docs` needs in one round trip: their rows by key, the keys of the whispers
 * they answer (the server names those by id; the viewer's own are keyed by clientId) and their
 * conversations, except `skipConversations` (the caller writes those first and passes them to
 * writeServerWhispers).
 */
export async function readServerWhispers(
  db: WhispersDB,
  docs: ServerDoc<"whispers">[],
  skipConversations: ReadonlySet<string> = new Set(),
): Promise<WhispersRead> {
  if (docs.length === 0) return { incoming: [], existing: [], conversations: [] };
  const keys = new Map(docs.map((d) => [d._id as string, localKey(d)]));
  const named = [...new Set(docs.flatMap((d) => [d.parentId, d.chainRootId]).filter((id): id is NonNullable<typeof id> => id !== undefined && !keys.has(id)))];
  const conversationIds = [...new Set(docs.map((d) => d.conversationId).filter((id): id is NonNullable<typeof id> => id !== undefined && !skipConversations.has(id)))];
  const [existing, answered, conversations] = await Promise.all([
    db.whispers.bulkGet(docs.map(localKey)),
    named.length > 0 ? db.whispers.where("serverId").anyOf(named).toArray() : [],
    conversationIds.length > 0 ? db.conversations.bulkGet(conversationIds) : ([] as Array<LocalConversation | undefined>),
  ]);
  for (const row of answered) if (row.serverId) keys.set(row.serverId, row.id);
  return {
    incoming: docs.map((d) => toLocalWhisper(d, keys)),
    existing,
    conversations: conversations.filter((c): c is LocalConversation => c !== undefined),
  };
}

/**
 * Writes what readServerWhispers read, with a constant number of bulk calls: each server row is
 * merged into the row of its key (pending patches stay on top; an uploaded blob kept for local
 * playback is freed) and the conversations' summaries follow. `written`: conversation rows
 * written in this transaction since the read (they replace the rows read; null: changed in ways
 * only a new read knows). With `pending`, the writes are left to it (see PendingWrites) unless
 * something must be read after them.
 */
export async function writeServerWhispers(
  db: WhispersDB,
  read: WhispersRead,
  pending?: PendingWrites,
  written: LocalConversation[] | null = [],
): Promise<void> {
  const { incoming, existing } = read;
  if (incoming.length === 0) return;
  const freedBlobs: string[] = [];
  // A whisper written offline to a conversation the server has just created changes conversation.
  const moved: string[] = [];
  const merged = incoming.map((row, i) => {
    const current = existing[i];
    if (current?.localBlobKey) freedBlobs.push(current.localBlobKey);
    if (current && current.conversationId !== row.conversationId) moved.push(current.conversationId, row.conversationId);
    const next = mergeServerRow(current, row);
    delete next.localBlobKey;
    delete next.localBlobKind;
    return next;
  });
  await issueWrite(db.whispers.bulkPut(merged), pending);
  await issueWrite(deleteBlobs(db, freedBlobs), pending);
  await noteWhispersWritten(db, merged, knownConversations(read.conversations, written), pending);
  if (moved.length > 0) await recomputeSummaries(db, moved);
}

/** The conversation rows current now: those written since the read win; null written: none known. */
function knownConversations(read: LocalConversation[], written: LocalConversation[] | null): LocalConversation[] {
  if (written === null) return [];
  if (written.length === 0) return read;
  const rewritten = new Set(written.map((c) => c.id));
  return [...written, ...read.filter((c) => !rewritten.has(c.id))];
}

/** Deletes the whispers the server tombstoned (named by server id) and refreshes the affected conversation summaries. */
export async function removeWhispers(db: WhispersDB, serverIds: string[]): Promise<void> {
  if (serverIds.length === 0) return;
  const rows = await db.whispers.where("serverId").anyOf(serverIds).toArray();
  await db.whispers.bulkDelete(rows.map((w) => w.id));
  await deleteBlobs(db, rows.flatMap((w) => (w.localBlobKey ? [w.localBlobKey] : [])));
  await recomputeSummaries(db, rows.map((w) => w.conversationId));
}
