// Whispers in IndexedDB: optimistic inserts, pulled server rows replacing their optimistic twins, tombstones.
import type { WhispersDB } from "../database";
import { mergeServerRow } from "../rowSync";
import { toLocalWhisper, type ServerDoc } from "../shapes";
import { noteWhispersWritten, recomputeSummaries } from "../summaries";
import type { LocalWhisper } from "../types";
import { deleteBlobs } from "./blobsRepo";

/**
 * Stores a whisper written on this device (syncState "pending") and updates its conversation's
 * summary. Call inside the action's transaction; entirely offline.
 */
export async function insertLocalWhisper(db: WhispersDB, whisper: LocalWhisper): Promise<void> {
  await db.whispers.put(whisper);
  await noteWhispersWritten(db, [whisper]);
}

/**
 * Applies server whispers in the caller's transaction with a constant number of bulk calls:
 * a row whose clientId matches an optimistic row replaces it (the optimistic row is deleted,
 * its id mapped to the server id, its uploaded blob freed); pending patches stay on top.
 */
export async function applyServerWhispers(db: WhispersDB, docs: ServerDoc[], viewerId: string | undefined): Promise<void> {
  if (docs.length === 0) return;
  const incoming = docs.map((d) => toLocalWhisper(d, viewerId));
  const existing = await db.whispers.bulkGet(incoming.map((w) => w.id));
  const twins = new Map<string, LocalWhisper>();
  // An optimistic whisper is keyed by its clientId until the server's row replaces it: a
  // primary-key bulkGet finds the twins (much cheaper than an anyOf over the clientId index).
  const clientIds = incoming.filter((w) => w.clientId && w.clientId !== w.id).map((w) => w.clientId);
  if (clientIds.length > 0) {
    for (const row of await db.whispers.bulkGet(clientIds)) if (row && row.clientId) twins.set(row.clientId, row);
  }
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
    await db.whispers.bulkDelete(replaced.map((t) => t.id));
    await db.idMap.bulkPut(
      replaced.flatMap((twin) => {
        const server = serverByClientId.get(twin.clientId);
        return server && server.id !== twin.id ? [{ localId: twin.id, serverId: server.id, table: "whispers" as const }] : [];
      }),
    );
  }
  await db.whispers.bulkPut(merged);
  await deleteBlobs(db, freedBlobs);
  await noteWhispersWritten(db, merged);
  // A replaced optimistic row may have been its conversation's last whisper (with a local time):
  // recompute those conversations from the index, old and new.
  if (replaced.length > 0) {
    const serverConversation = (t: LocalWhisper) => serverByClientId.get(t.clientId)?.conversationId ?? "";
    await recomputeSummaries(db, replaced.flatMap((t) => [t.conversationId, serverConversation(t)]));
  }
}

/** Deletes whispers the server tombstoned and refreshes the affected conversation summaries. */
export async function removeWhispers(db: WhispersDB, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = (await db.whispers.bulkGet(ids)).filter((w): w is LocalWhisper => w !== undefined);
  await db.whispers.bulkDelete(ids);
  await deleteBlobs(db, rows.flatMap((w) => (w.localBlobKey ? [w.localBlobKey] : [])));
  await recomputeSummaries(db, rows.map((w) => w.conversationId));
}
