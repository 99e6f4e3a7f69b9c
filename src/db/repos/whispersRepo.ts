// Whispers in IndexedDB: optimistic inserts, pulled server rows upserted by their key for life, tombstones.
import type { WhispersDB } from "../database";
import { mergeServerRow } from "../rowSync";
import { toLocalWhisper, localKey, type ServerDoc } from "../shapes";
import { noteWhispersWritten, recomputeSummaries } from "../summaries";
import type { LocalConversation, LocalWhisper } from "../types";
import { deleteBlobs } from "./blobsRepo";
import { rowsWhereAnyOf } from "./indexReads";
import { issueWrite, type PendingWrites } from "./pendingWrites";

/** Pending, with its conversation's summary; call inside the action's transaction. `conversation`: as just read in it. */
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
 * One round trip: rows by key, keys of the whispers they answer (named by server id; own ones keyed by clientId), and
 * conversations except `skipConversations` (the caller writes those first and passes them on).
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
    rowsWhereAnyOf(db.whispers, "serverId", named),
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
 * A constant number of bulk calls; pending patches stay on top, a kept uploaded blob is freed. `written`: conversations
 * written since the read (null: only a new read knows). `pending` takes the writes unless something is read after.
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
  const rows = await rowsWhereAnyOf(db.whispers, "serverId", serverIds);
  await db.whispers.bulkDelete(rows.map((w) => w.id));
  await deleteBlobs(db, rows.flatMap((w) => (w.localBlobKey ? [w.localBlobKey] : [])));
  await recomputeSummaries(db, rows.map((w) => w.conversationId));
}
