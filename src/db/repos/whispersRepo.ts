// Whispers in IndexedDB: optimistic inserts, pulled server rows replacing their optimistic twins, tombstones.
import type { WhispersDB } from "../database";
import { mergeServerRow } from "../rowSync";
import { toLocalWhisper, type ServerDoc } from "../shapes";
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
  existing: Array<LocalWhisper | undefined>;
  /** Optimistic rows by clientId. */
  twins: Map<string, LocalWhisper>;
  /** Their conversations as read (for the summaries). */
  conversations: LocalConversation[];
};

/**
 * Reads what applying `docs` needs in one round trip: their rows, their optimistic twins (an
 * optimistic whisper is keyed by its clientId until the server's row replaces it, so a
 * primary-key bulkGet finds them, much cheaper than an anyOf over the clientId index; only the
 * viewer's own whispers can have one) and their conversations, except `skipConversations` (the
 * caller writes those first and passes them to writeServerWhispers).
 */
export async function readServerWhispers(
  db: WhispersDB,
  docs: ServerDoc<"whispers">[],
  skipConversations: ReadonlySet<string> = new Set(),
): Promise<WhispersRead> {
  const incoming = docs.map(toLocalWhisper);
  if (incoming.length === 0) return { incoming, existing: [], twins: new Map(), conversations: [] };
  const clientIds = incoming.filter((w) => w.fromViewer && w.clientId !== w.id).map((w) => w.clientId);
  const conversationIds = [...new Set(incoming.map((w) => w.conversationId).filter((id) => id && !skipConversations.has(id)))];
  const [existing, twinRows, conversations] = await Promise.all([
    db.whispers.bulkGet(incoming.map((w) => w.id)),
    clientIds.length > 0 ? db.whispers.bulkGet(clientIds) : [],
    conversationIds.length > 0 ? db.conversations.bulkGet(conversationIds) : ([] as Array<LocalConversation | undefined>),
  ]);
  const twins = new Map<string, LocalWhisper>();
  for (const row of twinRows) if (row && row.clientId) twins.set(row.clientId, row);
  return { incoming, existing, twins, conversations: conversations.filter((c): c is LocalConversation => c !== undefined) };
}

/**
 * Writes what readServerWhispers read, with a constant number of bulk calls: a row whose
 * clientId matches an optimistic row replaces it (the optimistic row is deleted, its id mapped
 * to the server id, its uploaded blob freed); pending patches stay on top; the conversations'
 * summaries follow. `written`: conversation rows written in this transaction since the read
 * (they replace the rows read; null: changed in ways only a new read knows). With `pending`,
 * the writes are left to it (see PendingWrites) unless something must be read after them.
 */
export async function writeServerWhispers(
  db: WhispersDB,
  read: WhispersRead,
  pending?: PendingWrites,
  written: LocalConversation[] | null = [],
): Promise<void> {
  const { incoming, existing, twins } = read;
  if (incoming.length === 0) return;
  const merged: LocalWhisper[] = [];
  const freedBlobs: string[] = [];
  const replaced: LocalWhisper[] = [];
  incoming.forEach((row, i) => {
    const current = existing[i];
    const twin = twins.get(row.clientId);
    const previous = current ?? (twin && twin.id !== row.id ? twin : undefined);
    if (twin && twin.id !== row.id) replaced.push(twin);
    for (const old of [current, twin]) if (old?.localBlobKey) freedBlobs.push(old.localBlobKey);
    const next = mergeServerRow(previous, row);
    delete next.localBlobKey;
    delete next.localBlobKind;
    merged.push(next);
  });
  const serverByClientId = new Map(merged.map((m) => [m.clientId, m]));
  if (replaced.length > 0) {
    await issueWrite(db.whispers.bulkDelete(replaced.map((t) => t.id)), pending);
    await issueWrite(
      db.idMap.bulkPut(
        replaced.flatMap((twin) => {
          const server = serverByClientId.get(twin.clientId);
          return server && server.id !== twin.id ? [{ localId: twin.id, serverId: server.id, table: "whispers" as const }] : [];
        }),
      ),
      pending,
    );
  }
  await issueWrite(db.whispers.bulkPut(merged), pending);
  await issueWrite(deleteBlobs(db, freedBlobs), pending);
  await noteWhispersWritten(db, merged, knownConversations(read.conversations, written), pending);
  // A replaced optimistic row may have been its conversation's last whisper (with a local time):
  // recompute those conversations from the index, old and new.
  if (replaced.length > 0) {
    const serverConversation = (t: LocalWhisper) => serverByClientId.get(t.clientId)?.conversationId ?? "";
    await recomputeSummaries(db, replaced.flatMap((t) => [t.conversationId, serverConversation(t)]));
  }
}

/** The conversation rows current now: those written since the read win; null written: none known. */
function knownConversations(read: LocalConversation[], written: LocalConversation[] | null): LocalConversation[] {
  if (written === null) return [];
  if (written.length === 0) return read;
  const rewritten = new Set(written.map((c) => c.id));
  return [...written, ...read.filter((c) => !rewritten.has(c.id))];
}

/** Deletes whispers the server tombstoned and refreshes the affected conversation summaries. */
export async function removeWhispers(db: WhispersDB, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = (await db.whispers.bulkGet(ids)).filter((w): w is LocalWhisper => w !== undefined);
  await db.whispers.bulkDelete(ids);
  await deleteBlobs(db, rows.flatMap((w) => (w.localBlobKey ? [w.localBlobKey] : [])));
  await recomputeSummaries(db, rows.map((w) => w.conversationId));
}
