// Applies one page of the sync feed to IndexedDB in ONE transaction, then advances the stored cursor.
import { Dexie } from "dexie";
import type { WhispersDB } from "../db/database";
import { replaceFlags } from "../db/repos/flagsRepo";
import { applyServerConversations, removeConversations } from "../db/repos/conversationsRepo";
import {
  applyServerChamberMessages,
  applyServerDocs,
  applyServerFriends,
  removeDocs,
  type PlainDocTable,
} from "../db/repos/docsRepo";
import { getCursor, getViewerId, setCaughtUpAt, setCursor } from "../db/repos/metaRepo";
import { applyServerUsers } from "../db/repos/usersRepo";
import { applyServerWhispers, removeWhispers } from "../db/repos/whispersRepo";
import { isTombstoneDoc, type ServerDoc } from "../db/shapes";
import type { FeatureFlag } from "../db/types";

/** One change of the feed: the document as the viewer may see it, or null (delete it locally). */
export type PullChange = { table: string; id: string; seq: number; doc: ServerDoc | null };

/** The result of sync:pull. */
export type PullPage = { changes: PullChange[]; cursor: number; hasMore: boolean; flags?: FeatureFlag[] };

/** Feed tables stored as projected, by their local table name. */
const PLAIN_TABLES: Record<string, PlainDocTable> = {
  echoChambers: "chambers",
  chamberMembers: "chamberMembers",
  skills: "skills",
  skillMatches: "skillMatches",
  unmaskingRequests: "unmaskingRequests",
  adminRequests: "adminRequests",
};

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
 * Applies `page`, requested from cursor `from`, in one rw transaction: server rows replace
 * their optimistic twins, tombstones delete, conversation summaries follow, flags are stored,
 * and the cursor becomes `page.cursor`. A page from a stale cursor (already applied, e.g. by an
 * earlier subscription) changes nothing. Returns the cursor stored afterwards.
 */
export async function applyPulledPage(db: WhispersDB, page: PullPage, from: number): Promise<number> {
  if (page.changes.length === 0 && page.cursor === from) return applyEmptyPage(db, page, from);
  return db.transaction("rw", db.tables, async () => {
    const stored = await getCursor(db);
    if (stored !== from) return stored;
    const groups = split(page.changes);
    const empty = { docs: [], gone: [] };
    const users = groups.get("users") ?? empty;
    await applyServerUsers(db, users.docs, await getViewerId(db));
    await removeDocs(db, "profiles", users.gone);
    const viewerId = await getViewerId(db);
    const conversations = groups.get("conversations") ?? empty;
    await applyServerConversations(db, conversations.docs, viewerId);
    const whispers = groups.get("whispers") ?? empty;
    await applyServerWhispers(db, whispers.docs, viewerId);
    await removeWhispers(db, whispers.gone);
    await removeConversations(db, conversations.gone);
    const friends = groups.get("friends") ?? empty;
    await applyServerFriends(db, friends.docs, viewerId);
    await removeDocs(db, "friends", friends.gone);
    for (const [feedTable, local] of Object.entries(PLAIN_TABLES)) {
      const group = groups.get(feedTable) ?? empty;
      await applyServerDocs(db, local, group.docs);
      if (local === "chambers") await removeChambers(db, group.gone);
      else await removeDocs(db, local, group.gone);
    }
    const messages = groups.get("chamberMessages") ?? empty;
    await applyServerChamberMessages(db, messages.docs);
    await removeDocs(db, "chamberMessages", messages.gone);
    if (page.flags) await replaceFlags(db, page.flags);
    if (page.cursor !== stored) await setCursor(db, page.cursor);
    if (!page.hasMore) await setCaughtUpAt(db, Date.now());
    return page.cursor;
  });
}

/** A page with no changes (the live head): only flags may have changed; a small transaction. */
async function applyEmptyPage(db: WhispersDB, page: PullPage, from: number): Promise<number> {
  return db.transaction("rw", db.featureFlags, db.meta, async () => {
    const stored = await getCursor(db);
    if (stored !== from) return stored;
    if (page.flags) await replaceFlags(db, page.flags);
    if (!page.hasMore) await setCaughtUpAt(db, Date.now());
    return stored;
  });
}
