// Conversations in IndexedDB: server rows merged with local summaries, and conversations started offline.
import { Dexie } from "dexie";
import type { WhispersDB } from "../database";
import { mergeServerRow, newLocalRow } from "../rowSync";
import { listRankOf } from "../schema";
import { conversationMatchKey, toLocalConversation, localKey, type ServerDoc } from "../shapes";
import { LOCAL_CONVERSATION_FIELDS, recomputeSummaries } from "../summaries";
import type { LocalConversation } from "../types";
import { rememberServerId } from "./idMapRepo";
import { rowsWhereAnyOf } from "./indexReads";
import { issueWrite, type PendingWrites } from "./pendingWrites";

/** What applying server conversations reads, read in one round trip (readServerConversations). */
export type ConversationsRead = {
  docs: ServerDoc<"conversations">[];
  incoming: LocalConversation[];
  existing: Array<LocalConversation | undefined>;
  /** Conversations started on this device that these server rows replace. */
  twins: LocalConversation[];
};

/** Their rows and local twins by counterpart, in one round trip. */
export async function readServerConversations(db: WhispersDB, docs: ServerDoc<"conversations">[]): Promise<ConversationsRead> {
  if (docs.length === 0) return { docs, incoming: [], existing: [], twins: [] };
  const incoming = docs.map(toLocalConversation);
  for (const c of incoming) if (c.counterpartId) c.matchKey = conversationMatchKey(c.counterpartId, c.isMystery);
  const keys = [...new Set(incoming.flatMap((c) => (c.matchKey ? [c.matchKey] : [])))];
  const [existing, matches] = await Promise.all([
    db.conversations.bulkGet(incoming.map((c) => c.id)),
    rowsWhereAnyOf(db.conversations, "matchKey", keys),
  ]);
  return { docs, incoming, existing, twins: matches.filter((c) => c.isLocal) };
}

/**
 * Nothing may have changed the rows since the read. Local summaries survive; an offline-started twin is merged in.
 * Returns the rows as stored, or null when twins were merged (summaries changed: read anew).
 */
export async function writeServerConversations(db: WhispersDB, read: ConversationsRead, pending?: PendingWrites): Promise<LocalConversation[] | null> {
  const { docs, incoming, existing, twins } = read;
  if (incoming.length === 0) return [];
  const merged = incoming.map((row, i) => {
    const next = mergeServerRow(existing[i] ?? twins.find((t) => t.matchKey === row.matchKey), row, LOCAL_CONVERSATION_FIELDS);
    delete next.stub;
    useServerSummaryIfNewer(next, docs[i]!.lastWhisper);
    next.lastActivityAt = Math.max(next.lastWhisperAt ?? 0, next.updatedAt ?? 0);
    next.listRank = listRankOf(next);
    return next;
  });
  await issueWrite(db.conversations.bulkPut(merged), twins.length > 0 ? undefined : pending);
  for (const twin of twins) {
    const server = merged.find((m) => m.matchKey === twin.matchKey);
    if (server) await mergeLocalConversation(db, twin.id, server.id);
  }
  return twins.length > 0 ? null : merged;
}

/** The server's summary fills the list before (or without) the whispers, never overriding a newer local one. */
function useServerSummaryIfNewer(c: LocalConversation, last: ServerDoc<"conversations">["lastWhisper"]): void {
  if (!last) return;
  if (c.lastWhisperAt !== undefined && c.lastWhisperAt >= last.at) return;
  c.lastWhisperId = localKey({ _id: last.whisperId, clientId: last.clientId });
  c.lastWhisperAt = last.at;
  c.lastWhisperPreview = last.preview;
  c.lastWhisperFromViewer = last.fromViewer;
}

/** Moves the whispers of a locally started conversation to its server id and drops the local row. */
export async function mergeLocalConversation(db: WhispersDB, localId: string, serverId: string): Promise<void> {
  if (localId === serverId) return;
  const local = await db.conversations.get(localId);
  await rememberServerId(db, localId, serverId, "conversations");
  if (!local) return; // already merged (by the pull or an earlier acknowledgement)
  await db.whispers
    .where("[conversationId+sortKey]")
    .between([localId, Dexie.minKey], [localId, Dexie.maxKey])
    .modify({ conversationId: serverId });
  await db.conversations.delete(localId);
  if (!(await db.conversations.get(serverId))) {
    await db.conversations.put({ ...local, id: serverId, isLocal: undefined, ops: undefined, syncState: "synced" });
  }
  await recomputeSummaries(db, [serverId]);
}

/** Deletes conversations the server no longer shows the viewer (and their whispers). */
export async function removeConversations(db: WhispersDB, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  for (const id of ids) {
    await db.whispers
      .where("[conversationId+sortKey]")
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .delete();
  }
  await db.conversations.bulkDelete(ids);
}

/** The conversation with `counterpartId` (mystery or not) this device knows, server or local. */
export async function findConversationWith(
  db: WhispersDB,
  counterpartId: string,
  isMystery: boolean,
): Promise<LocalConversation | undefined> {
  const rows = await db.conversations.where("matchKey").equals(conversationMatchKey(counterpartId, isMystery)).toArray();
  return rows.find((c) => !c.isLocal) ?? rows[0];
}

/** The known one, or a local one created by `opId` (without it: a draft). Call inside the caller's transaction; offline-safe. */
export async function ensureConversationWith(
  db: WhispersDB,
  counterpartId: string,
  isMystery: boolean,
  opId: string | undefined,
  localId: string,
): Promise<LocalConversation> {
  const known = await findConversationWith(db, counterpartId, isMystery);
  if (known) return known;
  const now = Date.now();
  const draft = newLocalRow(
    {
      id: localId,
      status: "initiated",
      counterpartId,
      isMystery,
      counterpartHidden: false,
      isPinned: false,
      isArchived: false,
      unreadCount: 0,
      matchKey: conversationMatchKey(counterpartId, isMystery),
      lastActivityAt: now,
      listRank: now,
    },
    opId ?? "",
  ) as LocalConversation;
  const row: LocalConversation = opId ? draft : { ...draft, ops: undefined, syncState: "synced" };
  await db.conversations.put(row);
  return row;
}
