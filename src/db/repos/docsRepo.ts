// Rows kept as the server projected them (chambers, members, messages, skills, matches, unmasking, friends, admin).
import type { Table } from "dexie";
import type { WhispersDB } from "../database";
import { mergeServerRow } from "../rowSync";
import { toLocalChamberMessage, toLocalDoc, toLocalFriend, type ServerDoc } from "../shapes";
import type { LocalTableName, RowSync } from "../types";
import { rowsWhereAnyOf } from "./indexReads";

/** The tables whose rows are stored as projected, with no twin matching beyond the id. */
export type PlainDocTable = "chambers" | "chamberMembers" | "skills" | "skillMatches" | "unmaskingRequests" | "adminRequests";

function table<T extends RowSync>(db: WhispersDB, name: LocalTableName): Table<T, string> {
  return db.table(name) as Table<T, string>;
}

/** Bulk-merges server rows into `name` in the caller's transaction (pending patches stay on top). */
export async function applyServerDocs(db: WhispersDB, name: PlainDocTable, docs: ServerDoc[]): Promise<void> {
  if (docs.length === 0) return;
  const t = table(db, name);
  const rows = docs.map(toLocalDoc);
  const existing = await t.bulkGet(rows.map((r) => r.id));
  await t.bulkPut(rows.map((r, i) => mergeServerRow(existing[i], r)));
}

export async function removeDocs(db: WhispersDB, name: LocalTableName, ids: string[]): Promise<void> {
  if (ids.length > 0) await table(db, name).bulkDelete(ids);
}

/** Applies chamber messages by their key for life (one posted here is the row it was written as). */
export async function applyServerChamberMessages(db: WhispersDB, docs: ServerDoc<"chamberMessages">[]): Promise<void> {
  if (docs.length === 0) return;
  const rows = docs.map(toLocalChamberMessage);
  const existing = await db.chamberMessages.bulkGet(rows.map((r) => r.id));
  await db.chamberMessages.bulkPut(rows.map((r, i) => mergeServerRow(existing[i], r)));
}

/** Deletes the chamber messages the server tombstoned (named by server id). */
export async function removeChamberMessages(db: WhispersDB, serverIds: string[]): Promise<void> {
  if (serverIds.length === 0) return;
  await db.chamberMessages.bulkDelete((await rowsWhereAnyOf(db.chamberMessages, "serverId", serverIds)).map((m) => m.id));
}

/** The server row about a person replaces an optimistic one about the same person (a request sent offline). */
export async function applyServerFriends(db: WhispersDB, docs: ServerDoc<"friends">[]): Promise<void> {
  if (docs.length === 0) return;
  const rows = docs.map(toLocalFriend);
  const existing = await db.friends.bulkGet(rows.map((r) => r.id));
  const twins = (await rowsWhereAnyOf(db.friends, "otherUserId", rows.map((r) => r.otherUserId))).filter(
    (t) => t.isLocal,
  );
  await db.friends.bulkDelete(twins.map((t) => t.id));
  await db.friends.bulkPut(rows.map((r, i) => mergeServerRow(existing[i] ?? twins.find((t) => t.otherUserId === r.otherUserId), r)));
}
