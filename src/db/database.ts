// The per-user Dexie database: one IndexedDB database per signed-in person, named whispers-<userKey>.
import { Dexie, type Table } from "dexie";
import { declareVersion1, declareVersion2, declareVersion3, declareVersion4, declareVersion5 } from "./schema";
import { searchQueueing } from "./search/queueing";
import type { SearchBlock, SearchBody, SearchDoc, SearchQueueEntry } from "./search/types";
import { writeLog } from "./writeLog";
import type {
  BlobRow,
  FeatureFlag,
  IdMapRow,
  LocalChamberMessage,
  LocalConversation,
  LocalDoc,
  LocalFriend,
  LocalMe,
  LocalProfile,
  LocalWhisper,
  MetaRow,
  OutboxEntry,
} from "./types";

/** One person's local database: every table the app reads, the outbox, blobs and sync metadata. */
export class WhispersDB extends Dexie {
  declare whispers: Table<LocalWhisper, string>;
  declare conversations: Table<LocalConversation, string>;
  declare profiles: Table<LocalProfile, string>;
  declare me: Table<LocalMe, string>;
  declare featureFlags: Table<FeatureFlag, string>;
  declare chambers: Table<LocalDoc, string>;
  declare chamberMembers: Table<LocalDoc, string>;
  declare chamberMessages: Table<LocalChamberMessage, string>;
  declare skills: Table<LocalDoc, string>;
  declare skillMatches: Table<LocalDoc, string>;
  declare unmaskingRequests: Table<LocalDoc, string>;
  declare friends: Table<LocalFriend, string>;
  declare adminRequests: Table<LocalDoc, string>;
  declare outbox: Table<OutboxEntry, number>;
  declare blobs: Table<BlobRow, string>;
  declare idMap: Table<IdMapRow, string>;
  declare meta: Table<MetaRow, string>;
  declare searchBlocks: Table<SearchBlock, number>;
  declare searchBodies: Table<SearchBody, number>;
  declare searchDocs: Table<SearchDoc, string>;
  declare searchQueue: Table<SearchQueueEntry, number>;

  /** The key this database belongs to (the auth subject, sanitised). */
  readonly userKey: string;

  constructor(userKey: string) {
    super(databaseName(userKey));
    this.userKey = userKey;
    declareVersion1(this);
    declareVersion2(this);
    declareVersion3(this);
    declareVersion4(this);
    declareVersion5(this);
    // Each transaction's writes, row by row: live readers follow a commit without reading again.
    this.use(writeLog);
    // Every write of whispers queues their ids for the search index, in the same transaction.
    this.use(searchQueueing);
  }
}

/** Characters allowed in a database name; anything else becomes "_". */
export function sanitizeUserKey(userKey: string): string {
  return userKey.replace(/[^A-Za-z0-9_.@-]/g, "_");
}

export function databaseName(userKey: string): string {
  return `whispers-${sanitizeUserKey(userKey)}`;
}

/** Creates or upgrades as needed; works offline. */
export async function openUserDb(userKey: string): Promise<WhispersDB> {
  const db = new WhispersDB(userKey);
  await db.open();
  return db;
}

/** Deletes everything this device stored for `userKey` (closing it first if open). */
export async function deleteUserDb(userKey: string): Promise<void> {
  await Dexie.delete(databaseName(userKey));
}
