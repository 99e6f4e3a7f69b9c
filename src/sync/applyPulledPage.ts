// Applies one page of the sync feed to IndexedDB in ONE transaction, then advances the stored cursor.
import { Dexie } from "dexie";
import type { WhispersDB } from "../db/database";
import { replaceFlags } from "../db/repos/flagsRepo";
import { readServerConversations, removeConversations, writeServerConversations } from "../db/repos/conversationsRepo";
import {
  applyServerChamberMessages,
  applyServerDocs,
  applyServerFriends,
  removeDocs,
  type PlainDocTable,
} from "../db/repos/docsRepo";
import { getCursor, getViewerId, knownViewerId, setCaughtUpAt, setPullPosition } from "../db/repos/metaRepo";
import { boundTransaction } from "../db/repos/boundDb";
import { PendingWrites } from "../db/repos/pendingWrites";
import { applyServerUsers } from "../db/repos/usersRepo";
import { readServerWhispers, removeWhispers, writeServerWhispers } from "../db/repos/whispersRepo";
import { isTombstoneDoc, type ServerDoc } from "../db/shapes";
import type { FeatureFlag } from "../db/types";

/** One change of the feed: the document as the viewer may see it, or null (delete it locally), at feed position `at`. */
export type PullChange = { table: string; id: string; at: string; doc: ServerDoc | null };

/** The result of sync:pull. */
export type PullPage = { changes: PullChange[]; cursor: string; hasMore: boolean; flags?: FeatureFlag[] };

/** Feed tables stored as projected, by their local table name. */
const PLAIN_TABLES: Record<string, PlainDocTable> = {
  echoChambers: "chambers",
  chamberMembers: "chamberMembers",
  skills: "skills",
  skillMatches: "skillMatches",
  unmaskingRequests: "unmaskingRequests",
  adminRequests: "adminRequests",
};

/**
 * The local tables a feed table's changes may touch: its own, and what applying it reaches
 * (a conversation started offline merges its whispers and records its server id; a whisper
 * replaces its optimistic twin, frees its uploaded blob and updates its conversation's summary;
 * a chamber's tombstone takes its messages and members along).
 */
const TOUCHES: Record<string, readonly string[]> = {
  users: ["me", "profiles"],
  conversations: ["conversations", "whispers", "idMap"],
  whispers: ["whispers", "conversations", "idMap", "blobs"],
  friends: ["friends"],
  echoChambers: ["chambers", "chamberMessages", "chamberMembers"],
  chamberMembers: ["chamberMembers"],
  chamberMessages: ["chamberMessages", "idMap"],
  skills: ["skills"],
  skillMatches: ["skillMatches"],
  unmaskingRequests: ["unmaskingRequests"],
  adminRequests: ["adminRequests"],
};

/**
 * The transaction scope of a page: the sync metadata, the flags if the page carries them, and
 * what its feed tables touch — not every table, so applying a page of whispers neither waits
 * for nor holds up readers of profiles, chambers or skills.
 */
export function pageScope(page: PullPage): string[] {
  const tables = new Set<string>(["meta"]);
  if (page.flags) tables.add("featureFlags");
  for (const change of page.changes) for (const table of TOUCHES[change.table] ?? []) tables.add(table);
  return [...tables];
}

function split(changes: PullChange[]): Map<string, { docs: ServerDoc[]; gone: string[] }> {
  const latest = new Map<string, PullChange>();
  for (const change of changes) latest.set(`${change.table}:${change.id}`, change);
  const byTable = new Map<string, { docs: ServerDoc[]; gone: string[] }>();
  for (const change of latest.values()) {
    const group = byTable.get(change.table) ?? { docs: [], gone: [] };
    if (isTombstoneDoc(change.table, change.doc)) group.gone.push(change.id);
    else group.docs.push({ ...change.doc!, _id: change.doc!._id ?? change.id });
    byTable.set(change.table, group);
  }
  return byTable;
}

async function removeChambers(db: WhispersDB, ids: string[]): Promise<void> {
  for (const id of ids) {
    await db.chamberMessages.where("[chamberId+sortKey]").between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
    await db.chamberMembers.where("chamberId").equals(id).delete();
  }
  await removeDocs(db, "chambers", ids);
}

/**
 * Applies `page`, requested from cursor `from`, in one rw transaction over the tables it
 * touches (pageScope): server rows replace their optimistic twins, tombstones delete,
 * conversation summaries follow, flags are stored, and the cursor becomes `page.cursor`. A page
 * from a stale cursor (already applied, e.g. by an earlier subscription) changes nothing.
 * Reads are batched and writes collected (PendingWrites), so a page of a few changes costs a
 * handful of round trips to IndexedDB, not one per step. Returns the cursor stored afterwards.
 */
export async function applyPulledPage(
  database: WhispersDB,
  page: PullPage,
  from: string,
  /** `flagsStored`: the caller knows the stored flags are the page's (it stored them): not read or written again. */
  options: { flagsStored?: boolean } = {},
): Promise<string> {
  if (options.flagsStored) page = { ...page, flags: undefined };
  if (page.changes.length === 0 && page.cursor === from) return applyEmptyPage(database, page, from);
  return boundTransaction(database, "rw", pageScope(page), async (db) => {
    const groups = split(page.changes);
    const empty = { docs: [], gone: [] };
    const users = groups.get("users") ?? empty;
    const conversations = groups.get("conversations") ?? empty;
    const whispers = groups.get("whispers") ?? empty;
    // Who the viewer is shapes the rows (counterpart, fromViewer); known (always, after the first
    // page), everything the conversations and whispers need is read in the first round trip.
    const viewer = knownViewerId(database);
    const [stored, viewerRead, storedFlags, conversationsRead, whispersRead] = await Promise.all([
      getCursor(db),
      viewer ?? getViewerId(db),
      page.flags ? db.featureFlags.toArray() : undefined,
      viewer !== undefined ? readServerConversations(db, conversations.docs, viewer) : undefined,
      viewer !== undefined ? readServerWhispers(db, whispers.docs, viewer, new Set(conversations.docs.map((d) => d._id))) : undefined,
    ]);
    if (stored !== from) return stored;
    const pending = new PendingWrites();
    let viewerId = viewerRead;
    if (users.docs.length > 0) {
      await applyServerUsers(db, users.docs, viewerId);
      viewerId ??= await getViewerId(db); // the own profile may have told us who we are
    }
    await removeDocs(db, "profiles", users.gone);
    const written = await writeServerConversations(db, conversationsRead ?? (await readServerConversations(db, conversations.docs, viewerId)), pending);
    await writeServerWhispers(db, whispersRead ?? (await readServerWhispers(db, whispers.docs, viewerId)), pending, written);
    await removeWhispers(db, whispers.gone);
    await removeConversations(db, conversations.gone);
    const friends = groups.get("friends") ?? empty;
    await applyServerFriends(db, friends.docs, viewerId);
    await removeDocs(db, "friends", friends.gone);
    for (const [feedTable, local] of Object.entries(PLAIN_TABLES)) {
      const group = groups.get(feedTable);
      if (!group) continue;
      await applyServerDocs(db, local, group.docs);
      if (local === "chambers") await removeChambers(db, group.gone);
      else await removeDocs(db, local, group.gone);
    }
    const messages = groups.get("chamberMessages") ?? empty;
    await applyServerChamberMessages(db, messages.docs);
    await removeDocs(db, "chamberMessages", messages.gone);
    if (page.flags) pending.add(replaceFlags(db, page.flags, storedFlags));
    pending.add(setPullPosition(db, page.cursor !== stored ? page.cursor : undefined, page.hasMore ? undefined : Date.now()));
    await pending.settled();
    return page.cursor;
  });
}

/** A page with no changes (the live head): only flags may have changed; a small transaction. */
async function applyEmptyPage(database: WhispersDB, page: PullPage, from: string): Promise<string> {
  return boundTransaction(database, "rw", ["featureFlags", "meta"], async (db) => {
    const [stored, storedFlags] = await Promise.all([getCursor(db), page.flags ? db.featureFlags.toArray() : undefined]);
    if (stored !== from) return stored;
    await Promise.all([page.flags ? replaceFlags(db, page.flags, storedFlags) : undefined, page.hasMore ? undefined : setCaughtUpAt(db, Date.now())]);
    return stored;
  });
}
