// What happens to the outbox and the optimistic rows when the server answers: success, refusal, retry, discard.
import type { Table } from "dexie";
import type { WhispersDB } from "./database";
import { deleteBlobsOfEntry } from "./repos/blobsRepo";
import { boundTransaction } from "./repos/boundDb";
import { mergeLocalConversation } from "./repos/conversationsRepo";
import { currentRowId } from "./repos/idMapRepo";
import { getEntry } from "./repos/outboxRepo";
import { failOp, revertOp, settleOp, unfailOp } from "./rowSync";
import { isLocalId } from "./ids";
import { RowCache } from "./rowCache";
import { recomputeSummaries } from "./summaries";
import type { IdMapRow, LocalMe, LocalTableName, LocalWhisper, OutboxEntry, RowSync } from "./types";

export type Ack = { entry: OutboxEntry; result: unknown };

/** Tables whose rows keep one key for life (no id mapping to follow). */
const KEPT_KEYS: ReadonlySet<string> = new Set(["whispers", "chamberMessages"]);

function rows(db: WhispersDB, name: LocalTableName): Table<RowSync, string> {
  return db.table(name) as Table<RowSync, string>;
}

async function updateTarget(db: WhispersDB, entry: OutboxEntry, change: (row: RowSync) => RowSync | null): Promise<void> {
  if (!entry.target) return;
  const t = rows(db, entry.target.table);
  const id = KEPT_KEYS.has(entry.target.table) ? entry.target.id : await currentRowId(db, entry.target.id);
  const row = await t.get(id);
  if (!row) return;
  const next = change(row);
  if (next !== null) return void (await t.put(next));
  await t.delete(id);
  if (entry.target.table === "whispers") await recomputeSummaries(db, [(row as LocalWhisper).conversationId]);
}

function dropPendingMood(me: RowSync, opId: string): RowSync {
  const m = me as LocalMe;
  if (!m.pendingMoods) return me;
  const next: LocalMe = { ...m, pendingMoods: m.pendingMoods.filter((p) => p.opId !== opId) };
  return next;
}

const serverIdOf = (result: unknown, field: string): string | undefined => {
  const value = result && typeof result === "object" ? (result as Record<string, unknown>)[field] : undefined;
  return typeof value === "string" ? value : undefined;
};

/**
 * ONE transaction; whispers and chamber messages keep their key, other offline rows are re-keyed. Sequential over a
 * bulk-filled RowCache: a thousand acks cost a few bulk calls, not a dozen per ack.
 */
export async function applyAcks(database: WhispersDB, acks: Ack[]): Promise<void> {
  if (acks.length === 0) return;
  await boundTransaction(database, "rw", database.tables, async (db) => {
    const cache = new RowCache(db);
    let prefetchedFrom = -1;
    for (let i = 0; i < acks.length; i++) {
      if (prefetchedFrom < 0) {
        for (const needs of NEEDS) await prefetch(cache, acks.slice(i).flatMap((ack) => needs(cache, ack)));
        prefetchedFrom = i;
      }
      const ack = acks[i]!;
      // Rarely anything is missing here (the batch was prefetched); only then is there an await.
      for (const needs of NEEDS) {
        const missing = needs(cache, ack).filter(([table, id]) => !cache.has(table, id));
        if (missing.length > 0) await prefetch(cache, missing);
      }
      settleCached(cache, ack.entry);
      for (const create of ack.entry.creates ?? []) {
        const serverId = serverIdOf(ack.result, create.resultField);
        if (serverId === undefined) continue;
        if (KEPT_KEYS.has(create.table)) {
          noteServerId(cache, create.table, create.localId, serverId);
          continue;
        }
        // The pulled row usually replaced the optimistic one first: already mapped, nothing to write or re-key.
        if (replacedByPull(cache, create, ack.result)) continue;
        if (create.localId !== serverId) cache.put("idMap", { localId: create.localId, serverId, table: create.table } satisfies IdMapRow);
        if (create.table !== "conversations") rekeyCached(cache, create.table, create.localId, serverId);
        else if (cache.peek("conversations", create.localId)) {
          // A conversation started offline: merged in the database, once per conversation.
          await cache.flush();
          await mergeLocalConversation(db, create.localId, serverId);
          prefetchedFrom = -1;
        }
      }
    }
    await cache.flush();
    await db.outbox.bulkDelete(acks.flatMap(({ entry }) => (entry.seq === undefined ? [] : [entry.seq])));
  });
}

type Need = [table: string, id: string];

/** Whether the pulled server row already replaced `create`'s optimistic row (its id mapping is stored). */
function replacedByPull(cache: RowCache, create: NonNullable<OutboxEntry["creates"]>[number], result: unknown): boolean {
  const serverId = serverIdOf(result, create.resultField);
  return create.table !== "conversations" && serverId !== undefined && cache.peek<IdMapRow>("idMap", create.localId)?.serverId === serverId;
}

/** Rows an ack reads first: the id mappings of its local ids (rows that keep their key need none). */
function idMapNeeds(_cache: RowCache, { entry }: Ack): Need[] {
  const needs: Need[] = [];
  if (entry.target && !KEPT_KEYS.has(entry.target.table) && isLocalId(entry.target.id)) needs.push(["idMap", entry.target.id]);
  for (const create of entry.creates ?? []) if (!KEPT_KEYS.has(create.table)) needs.push(["idMap", create.localId]);
  return needs;
}

/** Its target where it is now and its created rows (both ids if re-keyed), unless the pulled row already replaced them. */
function rowNeeds(cache: RowCache, { entry, result }: Ack): Need[] {
  const needs: Need[] = [];
  if (entry.target) needs.push([entry.target.table, currentCachedId(cache, entry.target.table, entry.target.id)]);
  for (const create of entry.creates ?? []) {
    if (KEPT_KEYS.has(create.table)) {
      needs.push([create.table, create.localId]);
      continue;
    }
    if (replacedByPull(cache, create, result)) continue;
    needs.push([create.table, create.localId]);
    const serverId = serverIdOf(result, create.resultField);
    if (serverId !== undefined && create.table !== "conversations") needs.push([create.table, serverId]);
  }
  return needs;
}

/** What an ack reads, in rounds (each round's reads depend on the rows of the rounds before). */
const NEEDS = [idMapNeeds, rowNeeds];

async function prefetch(cache: RowCache, needs: Need[]): Promise<void> {
  const byTable = new Map<string, string[]>();
  for (const [table, id] of needs) {
    const ids = byTable.get(table);
    if (ids) ids.push(id);
    else byTable.set(table, [id]);
  }
  for (const [table, ids] of byTable) await cache.prefetch(table, ids);
}

function currentCachedId(cache: RowCache, table: string, id: string): string {
  if (KEPT_KEYS.has(table) || !isLocalId(id)) return id;
  return cache.peek<IdMapRow>("idMap", id)?.serverId ?? id;
}

/** Its patch becomes the base; a row with nothing of the operation left (pulled row came first) is not rewritten. */
function settleCached(cache: RowCache, entry: OutboxEntry): void {
  if (!entry.target) return;
  const table = entry.target.table;
  const row = cache.peek<RowSync>(table, currentCachedId(cache, table, entry.target.id));
  if (!row) return;
  const settled = settleOp(table === "me" ? dropPendingMood(row, entry.id) : row, entry.id);
  if (JSON.stringify(settled) !== JSON.stringify(row)) cache.put(table, settled);
}

/** A row created here learns its server id (unless the pulled row brought it already); its key stays. */
function noteServerId(cache: RowCache, table: string, key: string, serverId: string): void {
  const row = cache.peek<RowSync & { serverId?: string }>(table, key);
  if (row && row.serverId !== serverId) cache.put(table, { ...row, serverId });
}

/** A row created offline takes the id the server answered with (dropped if the server row is already here). */
function rekeyCached(cache: RowCache, table: LocalTableName, localId: string, serverId: string): void {
  const local = cache.peek<RowSync>(table, localId);
  if (!local || localId === serverId) return;
  cache.delete(table, localId);
  if (!cache.peek(table, serverId)) cache.put(table, { ...local, id: serverId });
}

/** Requeues entries after a transient failure (attempts counted, next attempt time recorded). */
export async function requeueEntries(
  database: WhispersDB,
  entries: Array<{ entry: OutboxEntry; nextAttemptAt: number; countAttempt: boolean; error?: OutboxEntry["error"] }>,
): Promise<void> {
  if (entries.length === 0) return;
  await boundTransaction(database, "rw", ["outbox"], async (db) => {
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
export async function failEntry(database: WhispersDB, entry: OutboxEntry, error: { code: string; message: string }): Promise<void> {
  await boundTransaction(database, "rw", database.tables, async (db) => {
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

/** Retry; works offline. False when there is no such entry. */
export async function retryEntry(database: WhispersDB, entryId: string): Promise<boolean> {
  return boundTransaction(database, "rw", database.tables, async (db) => {
    const entry = await getEntry(db, entryId);
    if (!entry || entry.seq === undefined || entry.state === "inflight") return false;
    await db.outbox.update(entry.seq, { state: "queued", attempts: 0, nextAttemptAt: 0, error: undefined });
    await updateTarget(db, entry, (row) => unfailOp(row, entry.id));
    return true;
  });
}

/** Discard: its row is deleted or reverted, blobs freed. False when absent or in flight (the server's answer decides). */
export async function discardEntry(database: WhispersDB, entryId: string): Promise<boolean> {
  return boundTransaction(database, "rw", database.tables, async (db) => {
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
