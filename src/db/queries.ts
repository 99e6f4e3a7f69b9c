// Live readers for the UI (see live.ts): they read only IndexedDB, so every screen works offline.
import { Dexie } from "dexie";
import { currentDb } from "./current";
import { live, type Live } from "./live";
import type { WhispersDB } from "./database";
import { getBlob } from "./repos/blobsRepo";
import { patchConversation, patchWhisperPage, withProfile } from "./livePatches";
import { boundTransaction } from "./repos/boundDb";
import { currentRowId } from "./repos/idMapRepo";
import { effectiveJournal, getMe } from "./repos/usersRepo";
import { isVisibleWhisper } from "./summaries";
import { refsTo } from "./shapes";
import type { LocalConversation, LocalDoc, LocalFriend, LocalMe, LocalProfile, LocalWhisper, MoodEntry, OutboxEntry } from "./types";

/** A conversation with its counterpart's freshest known profile (the profiles table, else the projection's). */
export type ConversationListItem = LocalConversation;

export type { Live };

/** Counterparts at least this many are read as the whole profiles table when it is not much larger (one request, not one per row). */
const WHOLE_PROFILES_FROM = 64;

/** The counterparts' profiles of `rows`, in order: one get per row, or for a long list the whole (small enough) table in one read. */
async function counterpartProfiles(db: WhispersDB, rows: LocalConversation[]): Promise<Array<LocalProfile | undefined>> {
  const ids = rows.map((c) => c.counterpartId ?? "");
  if (ids.length < WHOLE_PROFILES_FROM || (await db.profiles.count()) > ids.length * 2) return db.profiles.bulkGet(ids);
  const byId = new Map((await db.profiles.toArray()).map((p) => [p.id, p]));
  return ids.map((id) => byId.get(id));
}

async function withCounterparts(db: WhispersDB, rows: LocalConversation[]): Promise<ConversationListItem[]> {
  const profiles = await counterpartProfiles(db, rows);
  return rows.map((c, i) => {
    const p = profiles[i];
    return { ...c, counterpart: p ? { ...p, _id: p.id } : c.counterpart };
  });
}

const LIST_TABLES = ["conversations", "profiles"] as const;
/** Rows of the list's first read: a screenful, shown while the whole list is read. */
export const LIST_FIRST_PAGE = 16;
/** A prefetched list nobody took within this long is dropped. */
const PREFETCH_TTL_MS = 10_000;

type ListRows = ConversationListItem[];

const shownIn = (archived: boolean) => (c: LocalConversation) => c.isArchived === archived && !c.stub && !(c.isLocal && !c.lastWhisperId);

/** The whole list, in one read transaction for both tables (a single turn in IndexedDB's queue). */
function readConversationList(db: WhispersDB, archived: boolean): Promise<ListRows> {
  return boundTransaction(db, "r", ["conversations", "profiles"], async (t) => {
    const rows = await t.conversations.orderBy("listRank").reverse().toArray();
    // Stubs wait for their server row; local drafts show once they hold a whisper.
    return withCounterparts(t, rows.filter(shownIn(archived)));
  });
}

/**
 * Null when too few shown rows were read and there are more. No explicit transaction: a read-only read resolves
 * without waiting for commit, and a profile read a moment later can only be newer (which the list shows anyway).
 */
function readListHead(db: WhispersDB, archived: boolean, count: number): Promise<ListRows | null> {
  return Dexie.ignoreTransaction(async () => {
    const limit = count * 2;
    const rows = await db.conversations.orderBy("listRank").reverse().limit(limit).toArray();
    const shown = rows.filter(shownIn(archived));
    if (shown.length < count && rows.length === limit) return null;
    return withCounterparts(db, shown.slice(0, count));
  });
}

type Prefetched = { db: WhispersDB; archived: boolean; head: Promise<ListRows | null>; changed: boolean; drop(): void };
let prefetched: Prefetched | null = null;

/** Takes the prefetched first screenful of this list if nothing it read has changed since it started; null otherwise. */
function takePrefetched(db: WhispersDB, archived: boolean): Promise<ListRows | null> | null {
  const entry = prefetched;
  if (!entry) return null;
  entry.drop();
  return entry.db === db && entry.archived === archived && !entry.changed ? entry.head : null;
}

/**
 * A cold start calls it once the database opens, so it runs beside the profile read, not after. The subscription
 * takes it unless a write to its tables committed (any tab) after it started.
 */
export function prefetchConversationList(archived = false, db: WhispersDB = currentDb()): void {
  prefetched?.drop();
  const parts = LIST_TABLES.map((table) => `idb://${db.name}/${table}/`);
  const onChange = (changed: Record<string, unknown>) => {
    if (parts.some((part) => part in changed)) entry.changed = true;
  };
  const expiry = setTimeout(() => entry.drop(), PREFETCH_TTL_MS);
  const entry: Prefetched = {
    db,
    archived,
    changed: false,
    head: readListHead(db, archived, LIST_FIRST_PAGE),
    drop() {
      clearTimeout(expiry);
      Dexie.on("storagemutated").unsubscribe(onChange);
      if (prefetched === entry) prefetched = null;
    },
  };
  Dexie.on("storagemutated", onChange);
  entry.head.catch(() => undefined); // the screen's whole read reports errors
  prefetched = entry;
}

/**
 * From `listRank` and the summaries (no whisper read). The first value may be only LIST_FIRST_PAGE rows (paints
 * sooner); the whole list follows, never the other way round.
 */
export function conversationList(archived = false, db: WhispersDB = currentDb()): Live<ListRows> {
  return {
    subscribe(next, error) {
      let wholeArrived = false;
      let closed = false;
      void (takePrefetched(db, archived) ?? readListHead(db, archived, LIST_FIRST_PAGE)).then(
        (head) => {
          if (head && !wholeArrived && !closed) next?.(head);
        },
        () => undefined, // the whole read reports errors
      );
      const whole = live(db, LIST_TABLES, () => readConversationList(db, archived)).subscribe((rows) => {
        wholeArrived = true;
        next?.(rows);
      }, error);
      return {
        unsubscribe() {
          closed = true;
          whole.unsubscribe();
        },
      };
    },
  };
}

/** An offline-started conversation keeps working under its local id after re-keying (the id map is followed). */
export function conversation(conversationId: string, db: WhispersDB = currentDb()): Live<ConversationListItem | undefined> {
  // The counterpart's profile as read with the row (a commit that changes only the row keeps it).
  let profile: LocalProfile | undefined;
  return live(
    db,
    ["idMap", "conversations", "profiles"],
    // One read transaction for the three tables (a transaction per read costs more than the read).
    () =>
      boundTransaction(db, "r", ["idMap", "conversations", "profiles"], async (t) => {
        const row = await t.conversations.get(await currentRowId(t, conversationId));
        if (!row) return undefined;
        profile = (await t.profiles.bulkGet([row.counterpartId ?? ""]))[0];
        return withProfile(row, profile);
      }),
    { patch: (current, committed) => patchConversation(current, committed, { conversationId, profile }) },
  );
}

/** Rows read beyond a page's size, so scheduled, cancelled or deleted whispers rarely make it read again. */
const HIDDEN_SLACK = 20;

/** Newest first (reverse for display); `before` (a sortKey) pages back. Reads [conversationId+sortKey] only. */
export function conversationPage(
  conversationId: string,
  { limit = 50, before }: { limit?: number; before?: number } = {},
  db: WhispersDB = currentDb(),
): Live<LocalWhisper[]> {
  // The conversation id of the last read (a local id may have become the server's).
  let readUnder = conversationId;
  const query = async () => {
    const id = await currentRowId(db, conversationId);
    readUnder = id;
    const range = () => db.whispers.where("[conversationId+sortKey]").between([id, Dexie.minKey], [id, before ?? Dexie.maxKey], true, before === undefined);
    // One bulk read (a filter would make it a cursor), hidden ones dropped after; a cursor only if they crowd the page out.
    const newest = await range().reverse().limit(limit + HIDDEN_SLACK).toArray();
    const shown = newest.filter(isVisibleWhisper);
    if (shown.length >= limit || newest.length < limit + HIDDEN_SLACK) return shown.slice(0, limit);
    return range().reverse().filter(isVisibleWhisper).limit(limit).toArray();
  };
  // A commit of this tab (a whisper arriving, one sent) is followed from what it wrote, with no read.
  return live(db, ["idMap", "whispers"], query, {
    patch: (rows, committed) => patchWhisperPage(rows, committed, { conversationId, readUnder, limit, before }),
  });
}

/** Oldest first. `rootId` (and a reply's `chainRootId`, if pulled before the viewer's own root) may be a server id. */
export function whisperChain(rootId: string, db: WhispersDB = currentDb()): Live<LocalWhisper[]> {
  return live(db, ["whispers"], async () => {
    const root = (await db.whispers.get(rootId)) ?? (await db.whispers.where("serverId").equals(rootId).first());
    const refs = root ? refsTo(root) : [rootId];
    const found = await Promise.all(
      refs.map((ref) => db.whispers.where("[chainRootId+sortKey]").between([ref, Dexie.minKey], [ref, Dexie.maxKey]).toArray()),
    );
    const replies = found.flat().filter((w) => w.isDeleted !== true);
    if (refs.length > 1) replies.sort((a, b) => a.sortKey - b.sortKey);
    return root ? [root, ...replies] : replies;
  });
}

/** The viewer's scheduled whispers, soonest first. */
export function scheduledWhispers(db: WhispersDB = currentDb()): Live<LocalWhisper[]> {
  return live(db, ["whispers"], async () => {
    const rows = await db.whispers.where("status").equals("scheduled").toArray();
    return rows.filter((w) => w.fromViewer).sort((a, b) => (a.scheduledFor ?? 0) - (b.scheduledFor ?? 0));
  });
}

/** Changes the server refused, oldest first (each offers retry/discard by its `id`). */
export function outboxFailures(db: WhispersDB = currentDb()): Live<OutboxEntry[]> {
  return live(db, ["outbox"], () => db.outbox.where("state").equals("failed").toArray());
}

/** The failed outbox entry behind a row (e.g. a whisper marked failed), for its Retry/Discard buttons. */
export function failedEntryFor(rowId: string, db: WhispersDB = currentDb()): Live<OutboxEntry | undefined> {
  return live(db, ["outbox"], async () => {
    const failed = await db.outbox.where("state").equals("failed").toArray();
    return failed.find((e) => e.target?.id === rowId || e.creates?.some((c) => c.localId === rowId));
  });
}

export type MeView = LocalMe & { journal: Array<MoodEntry & { pending?: boolean }> };

/** The signed-in person's profile with the effective mood journal (pending changes included), newest first. */
export function me(db: WhispersDB = currentDb()): Live<MeView | undefined> {
  return live(db, ["me"], async () => {
    const row = await getMe(db);
    return row ? { ...row, journal: effectiveJournal(row) } : undefined;
  });
}

/** Feature flags as name → enabled (a missing flag counts as on). */
export function featureFlags(db: WhispersDB = currentDb()): Live<Record<string, boolean>> {
  return live(db, ["featureFlags"], async () => Object.fromEntries((await db.featureFlags.toArray()).map((f) => [f.name, f.enabled])));
}

export function profile(userId: string, db: WhispersDB = currentDb()): Live<LocalProfile | undefined> {
  return live(db, ["profiles"], () => db.profiles.get(userId));
}

/** Friendship rows with the other person's profile. */
export function friends(db: WhispersDB = currentDb()): Live<Array<LocalFriend & { profile?: LocalProfile }>> {
  return live(db, ["friends", "profiles"], async () => {
    const rows = (await db.friends.toArray()).filter((f) => f.status !== "none");
    const profiles = await db.profiles.bulkGet(rows.map((f) => f.otherUserId));
    return rows.map((f, i) => ({ ...f, profile: profiles[i] }));
  });
}

const isActiveMember = (m: LocalDoc) => m.status !== "removed" && m.status !== "left";

/** A member's feed holds every member row (the chamber is republished only to who joins/leaves): for members, count rows. */
async function withMemberCount(db: WhispersDB, chamber: LocalDoc): Promise<LocalDoc> {
  if (chamber.isMember === false) return chamber;
  const memberCount = await db.chamberMembers.where("chamberId").equals(chamber.id).filter(isActiveMember).count();
  return memberCount > 0 ? { ...chamber, memberCount } : chamber;
}

/** The chambers the viewer belongs to. */
export function myChambers(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["chambers", "chamberMembers"], async () => {
    const mine = (await db.chambers.toArray()).filter((c) => c.isMember !== false && c.isDeleted !== true);
    return await Promise.all(mine.map((c) => withMemberCount(db, c)));
  });
}

export function chamber(chamberId: string, db: WhispersDB = currentDb()): Live<LocalDoc | undefined> {
  return live(db, ["chambers", "chamberMembers"], async () => {
    const row = await db.chambers.get(chamberId);
    return row && (await withMemberCount(db, row));
  });
}

/** The newest `limit` messages of a chamber, oldest first for display. */
export function chamberMessages(chamberId: string, limit = 100, db: WhispersDB = currentDb()) {
  return live(db, ["chamberMessages"], async () => {
    const rows = await db.chamberMessages
      .where("[chamberId+sortKey]")
      .between([chamberId, Dexie.minKey], [chamberId, Dexie.maxKey])
      .reverse()
      .limit(limit)
      .toArray();
    return rows.reverse();
  });
}

export function chamberMembers(chamberId: string, db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["chamberMembers"], async () => (await db.chamberMembers.where("chamberId").equals(chamberId).toArray()).filter(isActiveMember));
}

/** The viewer's own skill listings (not deleted). */
export function mySkills(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["skills"], async () => (await db.skills.toArray()).filter((s) => s.isYours === true && s.isDeleted !== true));
}

/** The viewer's skill matches. */
export function skillMatches(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["skillMatches"], () => db.skillMatches.toArray());
}

export function unmaskingRequests(conversationId: string, db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["unmaskingRequests"], () => db.unmaskingRequests.where("conversationId").equals(conversationId).toArray());
}

/** The viewer's admin role requests (or all of them for a super admin, as the feed sends them). */
export function adminRequests(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["adminRequests"], () => db.adminRequests.toArray());
}

/** A blob waiting for upload (a voice clip or image shown before the server has it). */
export function localBlob(key: string, db: WhispersDB = currentDb()): Promise<Blob | undefined> {
  return getBlob(db, key);
}
