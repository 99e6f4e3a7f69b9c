// Applies one page of the sync feed to IndexedDB in ONE transaction, then advances the stored cursor.
import type { FunctionReturnType } from "convex/server";
import { Dexie } from "dexie";
import type { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import { replaceFlags } from "../db/repos/flagsRepo";
import { readServerConversations, removeConversations, writeServerConversations } from "../db/repos/conversationsRepo";
import {
  applyServerChamberMessages,
  removeChamberMessages,
  applyServerDocs,
  applyServerFriends,
  removeDocs,
  type PlainDocTable,
} from "../db/repos/docsRepo";
import { getCursor, setCaughtUpAt, setPullPosition } from "../db/repos/metaRepo";
import { boundTransaction } from "../db/repos/boundDb";
import { PendingWrites } from "../db/repos/pendingWrites";
import { applyServerUsers } from "../db/repos/usersRepo";
import { readServerWhispers, removeWhispers, writeServerWhispers } from "../db/repos/whispersRepo";
import { isTombstoneDoc, type ServerDoc } from "../db/shapes";
import type { FeedTable } from "../../convex/schema";
import type { FeatureFlag } from "../db/types";

/** The result of sync:pull (flags may be left out: the caller stored them). */
export type PullPage = Omit<FunctionReturnType<typeof api.sync.pull>, "flags"> & { flags?: FeatureFlag[] };

/** One change of the feed: the document as the viewer may see it (typed by its table), or null (delete it locally), at feed position `at`. */
export type PullChange = PullPage["changes"][number];

/** Feed tables stored as projected, by their local table name. */
const PLAIN_TABLES: Record<Exclude<FeedTable, "users" | "conversations" | "whispers" | "friends" | "chamberMessages">, PlainDocTable> = {
  echoChambers: "chambers",
  chamberMembers: "chamberMembers",
  skills: "skills",
  skillMatches: "skillMatches",
  unmaskingRequests: "unmaskingRequests",
  adminRequests: "adminRequests",
};

/** Tables a feed table's changes may touch: its own plus what applying reaches (twins, blobs, summaries, a chamber's members). */
const TOUCHES: Record<FeedTable, readonly string[]> = {
  users: ["me", "profiles"],
  conversations: ["conversations", "whispers", "idMap"],
  whispers: ["whispers", "conversations", "blobs"],
  friends: ["friends"],
  echoChambers: ["chambers", "chamberMessages", "chamberMembers"],
  chamberMembers: ["chamberMembers"],
  chamberMessages: ["chamberMessages"],
  skills: ["skills"],
  skillMatches: ["skillMatches"],
  unmaskingRequests: ["unmaskingRequests"],
  adminRequests: ["adminRequests"],
};

/** Not every table, so applying a page of whispers neither waits for nor holds up readers of the others. */
export function pageScope(page: PullPage): string[] {
  const tables = new Set<string>(["meta"]);
  if (page.flags) tables.add("featureFlags");
  for (const change of page.changes) for (const table of TOUCHES[change.table] ?? []) tables.add(table);
  return [...tables];
}

type Group<T extends FeedTable> = { docs: ServerDoc<T>[]; gone: string[] };
type Groups = { [T in FeedTable]: Group<T> };

/** The page's changes by table, the latest of each document only; a table this client does not know is skipped. */
function split(changes: PullChange[]): Groups {
  const latest = new Map<string, PullChange>();
  for (const change of changes) latest.set(`${change.table}:${change.id}`, change);
  const groups = Object.fromEntries(Object.keys(TOUCHES).map((table) => [table, { docs: [], gone: [] }])) as unknown as Groups;
  for (const change of latest.values()) {
    const group = groups[change.table] as Group<FeedTable> | undefined;
    if (!group) continue;
    if (isTombstoneDoc(change)) group.gone.push(change.id);
    else group.docs.push(change.doc!);
  }
  return groups;
}

async function removeChambers(db: WhispersDB, ids: string[]): Promise<void> {
  for (const id of ids) {
    await db.chamberMessages.where("[chamberId+sortKey]").between([id, Dexie.minKey], [id, Dexie.maxKey]).delete();
    await db.chamberMembers.where("chamberId").equals(id).delete();
  }
  await removeDocs(db, "chambers", ids);
}

/**
 * One rw transaction over pageScope; a page from a stale cursor changes nothing. Reads batched, writes collected
 * (PendingWrites): a handful of IndexedDB round trips per page, not one per step. Returns the cursor stored.
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
    const { users, conversations, whispers, friends, chamberMessages: messages, ...plain } = split(page.changes);
    // Everything the conversations and whispers need is read in the first round trip.
    const [stored, storedFlags, conversationsRead, whispersRead] = await Promise.all([
      getCursor(db),
      page.flags ? db.featureFlags.toArray() : undefined,
      readServerConversations(db, conversations.docs),
      readServerWhispers(db, whispers.docs, new Set(conversations.docs.map((d) => d._id))),
    ]);
    if (stored !== from) return stored;
    const pending = new PendingWrites();
    await applyServerUsers(db, users.docs);
    await removeDocs(db, "profiles", users.gone);
    const written = await writeServerConversations(db, conversationsRead, pending);
    await writeServerWhispers(db, whispersRead, pending, written);
    await removeWhispers(db, whispers.gone);
    await removeConversations(db, conversations.gone);
    await applyServerFriends(db, friends.docs);
    await removeDocs(db, "friends", friends.gone);
    for (const [feedTable, local] of Object.entries(PLAIN_TABLES) as Array<[keyof typeof plain, PlainDocTable]>) {
      const group = plain[feedTable];
      await applyServerDocs(db, local, group.docs);
      if (local === "chambers") await removeChambers(db, group.gone);
      else await removeDocs(db, local, group.gone);
    }
    await applyServerChamberMessages(db, messages.docs);
    await removeChamberMessages(db, messages.gone);
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
