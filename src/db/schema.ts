// The versioned IndexedDB schema of a user's database and its upgrade path (every version stays declared).
import type { Dexie, Transaction } from "dexie";
import { isLocalId } from "./ids";
import type { IdMapRow, OutboxEntry } from "./types";

/** Version 1: `id` is the server `_id` or a local row's clientId (a UUID never collides with a Convex id). */
export const VERSION_1: Record<string, string> = {
  whispers: "id, clientId, [conversationId+sortKey], status",
  conversations: "id, lastActivityAt, matchKey",
  profiles: "id, username",
  me: "id",
  featureFlags: "name",
  chambers: "id",
  chamberMembers: "id, chamberId",
  chamberMessages: "id, clientId, [chamberId+sortKey]",
  skills: "id",
  skillMatches: "id",
  unmaskingRequests: "id, conversationId",
  friends: "id, otherUserId",
  adminRequests: "id",
  outbox: "++seq, &id, state",
  blobs: "key, entryId",
  idMap: "localId, serverId",
  meta: "key",
};

/** Version 2: chains by `[chainRootId+sortKey]`; the list reads one index in display order (`listRank`: pinned, then recent). */
export const VERSION_2: Record<string, string> = {
  whispers: "id, clientId, [conversationId+sortKey], status, [chainRootId+sortKey]",
  conversations: "id, lastActivityAt, matchKey, listRank",
};

/** Version 3: `[state+nextAttemptAt]`, so a reconnect frees network waits without walking the whole queue. */
export const VERSION_3: Record<string, string> = {
  outbox: "++seq, &id, state, [state+nextAttemptAt]",
};

/**
 * Version 4: the offline search index (src/db/search); `searchQueue` is filled in the whisper write's own transaction.
 * New tables only: the upgrade copies nothing, the indexer fills them in the background.
 */
export const VERSION_4: Record<string, string> = {
  searchBlocks: "start",
  searchBodies: "start",
  searchDocs: "id",
  searchQueue: "++seq",
};

/**
 * Version 5: one key for life (own: clientId, others': server id, indexed as `serverId` for tombstones/references).
 * The upgrade re-keys own rows and their references, drops their `idMap` entries and empties the search index.
 */
export const VERSION_5: Record<string, string> = {
  whispers: "id, [conversationId+sortKey], status, [chainRootId+sortKey], serverId",
  chamberMessages: "id, [chamberId+sortKey], serverId",
};

/** Pinned conversations sort above every unpinned one (timestamps stay below 1e13 until year 2286). */
export const PINNED_RANK = 1e13;

export function listRankOf(c: { isPinned?: boolean; lastActivityAt?: number }): number {
  return (c.isPinned ? PINNED_RANK : 0) + (c.lastActivityAt ?? 0);
}

/** Declares version 1 only (tests use it to create a database as an old client would). */
export function declareVersion1(db: Dexie): void {
  db.version(1).stores(VERSION_1);
}

export function declareVersion2(db: Dexie): void {
  db.version(2).stores(VERSION_2).upgrade(migrateToVersion2);
}

/** Declares version 3 (a new index only: IndexedDB builds it from the stored rows). */
export function declareVersion3(db: Dexie): void {
  db.version(3).stores(VERSION_3);
}

/** Declares version 4 (new, empty tables: the search indexer fills them after the database opened). */
export function declareVersion4(db: Dexie): void {
  db.version(4).stores(VERSION_4);
}

export function declareVersion5(db: Dexie): void {
  db.version(5).stores(VERSION_5).upgrade(migrateToVersion5);
}

/** Fills `listRank` for every stored conversation; whisper chain roots need no rewrite. */
async function migrateToVersion2(tx: Transaction): Promise<void> {
  await tx
    .table("conversations")
    .toCollection()
    .modify((c: { isPinned?: boolean; lastActivityAt?: number; listRank?: number }) => {
      c.listRank = listRankOf(c);
    });
}

/** Rows re-keyed per round of the version-5 upgrade (bounded memory at any history size). */
const REKEY_BATCH = 2000;

type StoredRow = { id: string; clientId?: string; serverId?: string };
type StoredWhisper = StoredRow & { parentId?: string; chainRootId?: string };

/** In primary-key batches (a re-keyed row may come round again: left as it is); returns old → new key of each moved row. */
async function rekeyByClientId(tx: Transaction, table: string): Promise<Map<string, string>> {
  const rows = tx.table<StoredRow, string>(table);
  const moved = new Map<string, string>();
  let after: string | undefined;
  for (;;) {
    const batch = await (after === undefined ? rows.orderBy(":id") : rows.where(":id").above(after)).limit(REKEY_BATCH).toArray();
    if (batch.length === 0) break;
    after = batch[batch.length - 1]!.id;
    const rekeyed: StoredRow[] = [];
    const gone: string[] = [];
    const updated: StoredRow[] = [];
    for (const row of batch) {
      if (row.serverId !== undefined) continue;
      const clientId = row.clientId ?? row.id;
      if (clientId !== row.id) {
        moved.set(row.id, clientId);
        gone.push(row.id);
        rekeyed.push({ ...row, id: clientId, clientId, serverId: row.id });
      } else if (!isLocalId(row.id)) updated.push({ ...row, serverId: row.id });
    }
    await rows.bulkDelete(gone);
    await rows.bulkPut([...rekeyed, ...updated]);
  }
  return moved;
}

/** Re-keys whispers and chamber messages, then moves every reference to a re-keyed whisper to its new key. */
async function migrateToVersion5(tx: Transaction): Promise<void> {
  await tx.table("idMap").filter((m: IdMapRow) => m.table === "whispers" || m.table === "chamberMessages").delete();
  await rekeyByClientId(tx, "chamberMessages");
  const moved = await rekeyByClientId(tx, "whispers");
  const whispers = tx.table<StoredWhisper, string>("whispers");
  // The upgrade re-wrote every whisper (so queued them all) and moved keys: the index is rebuilt.
  for (const table of ["searchBlocks", "searchBodies", "searchDocs", "searchQueue"]) await tx.table(table).clear();
  if (moved.size === 0) return;
  const to = (id: string | undefined) => (id !== undefined ? moved.get(id) : undefined);
  await whispers.where("[chainRootId+sortKey]").aboveOrEqual(["", -Infinity]).modify((w: StoredWhisper) => {
    w.chainRootId = to(w.chainRootId) ?? w.chainRootId;
    w.parentId = to(w.parentId) ?? w.parentId;
  });
  await tx.table("conversations").toCollection().modify((c: { lastWhisperId?: string }) => {
    c.lastWhisperId = to(c.lastWhisperId) ?? c.lastWhisperId;
  });
  await tx.table("outbox").toCollection().modify((e: OutboxEntry) => {
    if (e.target?.table === "whispers" && moved.has(e.target.id)) e.target = { ...e.target, id: moved.get(e.target.id)! };
  });
}

export const LATEST_VERSION = 5;
