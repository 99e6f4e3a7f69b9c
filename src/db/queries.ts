// Live readers for the UI (see live.ts): they read only IndexedDB, so every screen works offline.
import { Dexie } from "dexie";
import { currentDb } from "./current";
import { live, type Live } from "./live";
import type { WhispersDB } from "./database";
import { getBlob } from "./repos/blobsRepo";
import { currentRowId } from "./repos/idMapRepo";
import { effectiveJournal, getMe } from "./repos/usersRepo";
import { isVisibleWhisper } from "./summaries";
import type { LocalConversation, LocalDoc, LocalFriend, LocalMe, LocalProfile, LocalWhisper, MoodEntry, OutboxEntry } from "./types";

/** A conversation with its counterpart's freshest known profile (the profiles table, else the projection's). */
export type ConversationListItem = LocalConversation;

export type { Live };

async function withCounterparts(db: WhispersDB, rows: LocalConversation[]): Promise<ConversationListItem[]> {
  const profiles = await db.profiles.bulkGet(rows.map((c) => c.counterpartId ?? ""));
  return rows.map((c, i) => {
    const p = profiles[i];
    return { ...c, counterpart: p ? { ...p, _id: p.id } : c.counterpart };
  });
}

/**
 * The conversation list: pinned first, then most recent, read from the `listRank` index and the
 * maintained summaries (O(conversations), no whisper is read). `archived` picks the archive view.
 */
export function conversationList(archived = false, db: WhispersDB = currentDb()): Live<ConversationListItem[]> {
  // One read transaction for both tables: a single turn in IndexedDB's queue at start-up.
  return live(db, ["conversations", "profiles"], () =>
    db.transaction("r", db.conversations, db.profiles, async () => {
      const rows = await db.conversations.orderBy("listRank").reverse().toArray();
      // Stubs wait for their server row; local drafts show once they hold a whisper.
      const shown = rows.filter((c) => c.isArchived === archived && !c.stub && !(c.isLocal && !c.lastWhisperId));
      return withCounterparts(db, shown);
    }),
  );
}

/**
 * One conversation with its counterpart's profile. A conversation started offline keeps working
 * under its local id after the server gave it a real one (the id map is followed).
 */
export function conversation(conversationId: string, db: WhispersDB = currentDb()): Live<ConversationListItem | undefined> {
  return live(db, ["idMap", "conversations", "profiles"], async () => {
    const row = await db.conversations.get(await currentRowId(db, conversationId));
    return row ? (await withCounterparts(db, [row]))[0] : undefined;
  });
}

/**
 * The newest `limit` visible whispers of a conversation, newest first (reverse for display);
 * `before` (a sortKey) pages further back. Reads the [conversationId+sortKey] index only.
 */
export function conversationPage(
  conversationId: string,
  { limit = 50, before }: { limit?: number; before?: number } = {},
  db: WhispersDB = currentDb(),
): Live<LocalWhisper[]> {
  return live(db, ["idMap", "whispers"], async () => {
    const id = await currentRowId(db, conversationId);
    return db.whispers
      .where("[conversationId+sortKey]")
      .between([id, Dexie.minKey], [id, before ?? Dexie.maxKey], true, before === undefined)
      .reverse()
      .filter(isVisibleWhisper)
      .limit(limit)
      .toArray();
  });
}

/** A whisper chain: the root and every reply, oldest first. */
export function whisperChain(rootId: string, db: WhispersDB = currentDb()): Live<LocalWhisper[]> {
  return live(db, ["whispers"], async () => {
    const root = await db.whispers.get(rootId);
    const replies = await db.whispers
      .where("[chainRootId+sortKey]")
      .between([rootId, Dexie.minKey], [rootId, Dexie.maxKey])
      .filter((w) => w.isDeleted !== true)
      .toArray();
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

/** A counterpart's public profile. */
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

/** The chambers the viewer belongs to. */
export function myChambers(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["chambers"], async () => (await db.chambers.toArray()).filter((c) => c.isMember !== false && c.isDeleted !== true));
}

/** One chamber. */
export function chamber(chamberId: string, db: WhispersDB = currentDb()): Live<LocalDoc | undefined> {
  return live(db, ["chambers"], () => db.chambers.get(chamberId));
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

/** The active members of a chamber. */
export function chamberMembers(chamberId: string, db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["chamberMembers"], async () => (await db.chamberMembers.where("chamberId").equals(chamberId).toArray()).filter((m) => m.status !== "removed" && m.status !== "left"));
}

/** The viewer's own skill listings (not deleted). */
export function mySkills(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["skills"], async () => (await db.skills.toArray()).filter((s) => s.isYours === true && s.isDeleted !== true));
}

/** The viewer's skill matches. */
export function skillMatches(db: WhispersDB = currentDb()): Live<LocalDoc[]> {
  return live(db, ["skillMatches"], () => db.skillMatches.toArray());
}

/** Unmasking requests of a conversation. */
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
