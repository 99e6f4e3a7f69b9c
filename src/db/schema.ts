// The versioned IndexedDB schema of a user's database and its upgrade path (every version stays declared).
import type { Dexie, Transaction } from "dexie";

/**
 * Version 1. Primary keys: `id` is the server `_id` once known, or the clientId of a row created
 * on this device (a UUID never collides with a Convex id). `clientId` indexes let a pulled
 * server row replace its optimistic twin in one step.
 */
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

/**
 * Version 2: whisper chains read by `[chainRootId+sortKey]`, and the conversation list reads
 * one index in display order: `listRank` = pinned first, then most recent activity.
 */
export const VERSION_2: Record<string, string> = {
  whispers: "id, clientId, [conversationId+sortKey], status, [chainRootId+sortKey]",
  conversations: "id, lastActivityAt, matchKey, listRank",
};

/**
 * Version 3: outbox entries waiting out a backoff are found through `[state+nextAttemptAt]`
 * (a reconnect frees those that waited for the network without walking the whole queue).
 */
export const VERSION_3: Record<string, string> = {
  outbox: "++seq, &id, state, [state+nextAttemptAt]",
};

/**
 * Version 4: the offline search index (src/db/search). Whisper words live in time-ordered blocks
 * (`searchBlocks`: a block's summary and Bloom filter, `searchBodies`: its lines), `searchDocs`
 * says where each whisper was indexed, and `searchQueue` lists the whispers written since (the
 * write that changes a whisper adds its id in the same transaction). New tables only: the upgrade
 * copies nothing, and the indexer fills them afterwards in the background, in bounded chunks.
 */
export const VERSION_4: Record<string, string> = {
  searchBlocks: "start",
  searchBodies: "start",
  searchDocs: "id",
  searchQueue: "++seq",
};

/** Pinned conversations sort above every unpinned one (timestamps stay below 1e13 until year 2286). */
export const PINNED_RANK = 1e13;

/** The conversation list order key of a conversation. */
export function listRankOf(c: { isPinned?: boolean; lastActivityAt?: number }): number {
  return (c.isPinned ? PINNED_RANK : 0) + (c.lastActivityAt ?? 0);
}

/** Declares version 1 only (tests use it to create a database as an old client would). */
export function declareVersion1(db: Dexie): void {
  db.version(1).stores(VERSION_1);
}

/** Declares version 2 and its data migration on top of version 1. */
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

/** Fills `listRank` for every stored conversation; whisper chain roots need no rewrite. */
async function migrateToVersion2(tx: Transaction): Promise<void> {
  await tx
    .table("conversations")
    .toCollection()
    .modify((c: { isPinned?: boolean; lastActivityAt?: number; listRank?: number }) => {
      c.listRank = listRankOf(c);
    });
}

export const LATEST_VERSION = 4;
