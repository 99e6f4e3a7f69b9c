// What happens to the outbox and the optimistic rows when the server answers: success, refusal, retry, discard.
import type { Table } from "dexie";
import type { WhispersDB } from "./database";
import { deleteBlobsOfEntry } from "./repos/blobsRepo";
import { mergeLocalConversation } from "./repos/conversationsRepo";
import { currentRowId, rememberServerId } from "./repos/idMapRepo";
import { getEntry } from "./repos/outboxRepo";
import { failOp, revertOp, settleOp, unfailOp } from "./rowSync";
import { recomputeSummaries } from "./summaries";
import type { LocalMe, LocalTableName, LocalWhisper, OutboxEntry, RowSync } from "./types";

export type Ack = { entry: OutboxEntry; result: unknown };

function rows(db: WhispersDB, name: LocalTableName): Table<RowSync, string> {
  return db.table(name) as Table<RowSync, string>;
}

async function updateTarget(db: WhispersDB, entry: OutboxEntry, change: (row: RowSync) => RowSync | null): Promise<void> {
  if (!entry.target) return;
  const t = rows(db, entry.target.table);
  const id = await currentRowId(db, entry.target.id);
  const row = await t.get(id);
  if (!row) return;
  const next = change(row);
  if (next !== null) return void (await t.put(next));
  await t.delete(id);
  if (entry.target.table === "whispers") await recomputeSummaries(db, [(row as LocalWhisper).conversationId]);
}

/** Re-keys a row created offline to the id the server returned (or drops it if the server row is here). */
async function rekey(db: WhispersDB, table: LocalTableName, localId: string, serverId: string): Promise<void> {
  await rememberServerId(db, localId, serverId, table);
  if (table === "conversations") return mergeLocalConversation(db, localId, serverId);
  const t = rows(db, table);
  const local = await t.get(localId);
  if (!local) return;
  await t.delete(localId);
  if (!(await t.get(serverId))) await t.put({ ...local, id: serverId });
  if (table !== "whispers") return;
  const conversationId = (local as LocalWhisper).conversationId;
  const conversation = await db.conversations.get(conversationId);
  if (conversation?.lastWhisperId === localId) await db.conversations.update(conversationId, { lastWhisperId: serverId });
}

function dropPendingMood(me: RowSync, opId: string): RowSync {
  const m = me as LocalMe;
  if (!m.pendingMoods) return me;
  const next: LocalMe = { ...m, pendingMoods: m.pendingMoods.filter((p) => p.opId !== opId) };
  return next;
}

/**
 * Applies acknowledged operations in ONE transaction: entries removed, target rows settled,
 * rows created offline re-keyed to their server ids.
 */
export async function applyAcks(db: WhispersDB, acks: Ack[]): Promise<void> {
  if (acks.length === 0) return;
  await db.transaction("rw", db.tables, async () => {
    for (const { entry, result } of acks) {
      await updateTarget(db, entry, (row) => settleOp(entry.target?.table === "me" ? dropPendingMood(row, entry.id) : row, entry.id));
      for (const create of entry.creates ?? []) {
        const serverId = result && typeof result === "object" ? (result as Record<string, unknown>)[create.resultField] : undefined;
        if (typeof serverId === "string") await rekey(db, create.table, create.localId, serverId);
      }
      if (entry.seq !== undefined) await db.outbox.delete(entry.seq);
    }
  });
}

/** Requeues entries after a transient failure (attempts counted, next attempt time recorded). */
export async function requeueEntries(
  db: WhispersDB,
  entries: Array<{ entry: OutboxEntry; nextAttemptAt: number; countAttempt: boolean; error?: OutboxEntry["error"] }>,
): Promise<void> {
  if (entries.length === 0) return;
  await db.transaction("rw", db.outbox, async () => {
    for (const { entry, nextAttemptAt, countAttempt, error } of entries) {
      if (entry.seq === undefined) continue;
      await db.outbox.update(entry.seq, {
        state: "queued",
        nextAttemptAt,
        attempts: entry.attempts + (countAttempt ? 1 : 0),
        error,
      });
    }
  });
}

/** Marks an entry and its row failed with the server's message (one transaction). */
export async function failEntry(db: WhispersDB, entry: OutboxEntry, error: { code: string; message: string }): Promise<void> {
  await db.transaction("rw", db.tables, async () => {
    if (entry.seq === undefined || !(await db.outbox.get(entry.seq))) return;
    await db.outbox.update(entry.seq, { state: "failed", error, attempts: entry.attempts + 1 });
    await updateTarget(db, entry, (row) => failOp(row, entry.id, error.message));
  });
}

/** The id of another outbox entry (not `exceptId`) that creates local row `localId`, if any. */
async function otherCreator(db: WhispersDB, localId: string, exceptId: string): Promise<string | undefined> {
  let found: string | undefined;
  await db.outbox.each((e) => {
    if (!found && e.id !== exceptId && e.creates?.some((c) => c.localId === localId)) found = e.id;
  });
  return found;
}

/** Records the storageIds of uploaded blobs on the entry, so a reload does not upload them again. */
export async function recordUploads(db: WhispersDB, entry: OutboxEntry): Promise<void> {
  if (entry.seq !== undefined) await db.outbox.update(entry.seq, { uploads: entry.uploads });
}

/**
 * Queues a failed entry again (the user pressed Retry). Works offline: it is sent when possible.
 * Returns false when there is no such entry.
 */
export async function retryEntry(db: WhispersDB, entryId: string): Promise<boolean> {
  return db.transaction("rw", db.tables, async () => {
    const entry = await getEntry(db, entryId);
    if (!entry || entry.seq === undefined || entry.state === "inflight") return false;
    await db.outbox.update(entry.seq, { state: "queued", attempts: 0, nextAttemptAt: 0, error: undefined });
    await updateTarget(db, entry, (row) => unfailOp(row, entry.id));
    return true;
  });
}

/**
 * Drops an entry (the user pressed Discard): its optimistic row goes too (a row it created is
 * deleted, a change it made is reverted) and its blobs are freed. Returns false when absent or
 * in flight (the server may already have it; its answer decides).
 */
export async function discardEntry(db: WhispersDB, entryId: string): Promise<boolean> {
  return db.transaction("rw", db.tables, async () => {
    const entry = await getEntry(db, entryId);
    if (!entry || entry.seq === undefined || entry.state === "inflight") return false;
    await db.outbox.delete(entry.seq);
    await deleteBlobsOfEntry(db, entry.id);
    await updateTarget(db, entry, (row) => revertOp(entry.target?.table === "me" ? dropPendingMood(row, entry.id) : row, entry.id));
    for (const create of entry.creates ?? []) {
      if (create.localId === entry.target?.id) continue;
      const row = await rows(db, create.table).get(create.localId);
      if (!row) continue;
      const ops = (row.ops ?? []).filter((op) => op !== entry.id);
      const stillNeeded = row.isLocal && ops.length === 0 && (await otherCreator(db, create.localId, entry.id));
      if (row.isLocal && ops.length === 0 && !stillNeeded) await rows(db, create.table).delete(create.localId);
      else await rows(db, create.table).put({ ...row, ops: ops.length === 0 && stillNeeded ? [stillNeeded] : ops });
    }
    return true;
  });
}
