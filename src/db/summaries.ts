// Conversation summaries (last whisper, its time and preview, list rank) kept current as whispers change.
import { Dexie } from "dexie";
import type { WhispersDB } from "./database";
import { listRankOf } from "./schema";
import { whisperPreview } from "./shapes";
import { issueWrite, type PendingWrites } from "./repos/pendingWrites";
import type { LocalConversation, LocalWhisper } from "./types";

/** Fields of a conversation row that only this device computes: a pulled row must keep them. */
export const LOCAL_CONVERSATION_FIELDS = [
  "lastWhisperId",
  "lastWhisperAt",
  "lastWhisperPreview",
  "lastWhisperFromViewer",
  "matchKey",
] as const;

/** Whether a whisper shows in its conversation (scheduled, cancelled and deleted ones do not). */
export function isVisibleWhisper(w: LocalWhisper): boolean {
  return w.status === "delivered" && w.isDeleted !== true;
}

function stubConversation(id: string): LocalConversation {
  return {
    id,
    syncState: "synced",
    status: "initiated",
    isMystery: false,
    counterpartHidden: false,
    isPinned: false,
    isArchived: false,
    unreadCount: 0,
    lastActivityAt: 0,
    listRank: 0,
    stub: true,
  };
}

function withSummary(c: LocalConversation, last: LocalWhisper | undefined): LocalConversation {
  const next: LocalConversation = { ...c };
  if (last) {
    next.lastWhisperId = last.id;
    next.lastWhisperAt = last.sortKey;
    next.lastWhisperPreview = whisperPreview(last);
    next.lastWhisperFromViewer = last.fromViewer;
  } else {
    delete next.lastWhisperId;
    delete next.lastWhisperAt;
    delete next.lastWhisperPreview;
    delete next.lastWhisperFromViewer;
  }
  next.lastActivityAt = Math.max(next.lastWhisperAt ?? 0, next.updatedAt ?? 0, next.lastActivityAt ?? 0);
  next.listRank = listRankOf(next);
  return next;
}

/** Whispers latestVisibleWhisper reads at once. */
const LATEST_READ = 8;

/** The newest visible whisper of a conversation, read from the [conversationId+sortKey] index. */
export async function latestVisibleWhisper(db: WhispersDB, conversationId: string): Promise<LocalWhisper | undefined> {
  const newestFirst = () =>
    db.whispers.where("[conversationId+sortKey]").between([conversationId, Dexie.minKey], [conversationId, Dexie.maxKey]).reverse();
  // The newest few in one bulk read (a filtered read walks a cursor: a round trip per step); a cursor only if all are hidden.
  const newest = await newestFirst().limit(LATEST_READ).toArray();
  const found = newest.find(isVisibleWhisper);
  return found || newest.length < LATEST_READ ? found : newestFirst().filter(isVisibleWhisper).first();
}

/**
 * In the caller's transaction: one bulkGet and one bulkPut whatever the count; a missing conversation gets a stub the
 * pull fills in. `known`: rows read in this transaction and unchanged since (not read again).
 */
export async function noteWhispersWritten(
  db: WhispersDB,
  written: LocalWhisper[],
  known: readonly LocalConversation[] = [],
  pending?: PendingWrites,
): Promise<void> {
  const newest = new Map<string, LocalWhisper>();
  for (const w of written) {
    if (!w.conversationId || !isVisibleWhisper(w)) continue;
    const seen = newest.get(w.conversationId);
    if (!seen || w.sortKey >= seen.sortKey) newest.set(w.conversationId, w);
  }
  const changedIds = new Set(written.map((w) => w.id));
  const ids = [...new Set(written.map((w) => w.conversationId).filter(Boolean))];
  if (ids.length === 0) return;
  // All known: no read, and the write below leaves in this very call.
  const covered = knownRows(ids, known);
  const rows = covered ?? (await conversationsById(db, ids, known));
  const updates: LocalConversation[] = [];
  const recompute: string[] = [];
  ids.forEach((id, i) => {
    const current = rows[i];
    const candidate = newest.get(id);
    if (current?.lastWhisperId && changedIds.has(current.lastWhisperId) && candidate?.id !== current.lastWhisperId) {
      recompute.push(id); // the previous last whisper changed (hidden, moved): look again
      return;
    }
    if (!candidate) return;
    if (current && (current.lastWhisperAt ?? -1) > candidate.sortKey) return;
    updates.push(withSummary(current ?? stubConversation(id), candidate));
  });
  if (updates.length > 0) await issueWrite(db.conversations.bulkPut(updates), pending);
  if (recompute.length > 0) await recomputeSummaries(db, recompute);
}

function knownRows(ids: string[], known: readonly LocalConversation[]): LocalConversation[] | undefined {
  if (known.length === 0) return undefined;
  const byId = new Map(known.map((c) => [c.id, c]));
  const rows = ids.map((id) => byId.get(id));
  return rows.every((row) => row !== undefined) ? (rows as LocalConversation[]) : undefined;
}

/** The rows of `ids`, taken from `known` where there, the rest read in one bulkGet. */
async function conversationsById(db: WhispersDB, ids: string[], known: readonly LocalConversation[]): Promise<Array<LocalConversation | undefined>> {
  if (known.length === 0) return db.conversations.bulkGet(ids);
  const byId = new Map(known.map((c) => [c.id, c]));
  const missing = ids.filter((id) => !byId.has(id));
  const found = missing.length > 0 ? await db.conversations.bulkGet(missing) : [];
  missing.forEach((id, i) => {
    const row = found[i];
    if (row) byId.set(id, row);
  });
  return ids.map((id) => byId.get(id));
}

/** Recomputes conversation summaries from the whispers index (after deletions or moves). */
export async function recomputeSummaries(db: WhispersDB, conversationIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(conversationIds)].filter(Boolean);
  const rows = await db.conversations.bulkGet(ids);
  const updates: LocalConversation[] = [];
  for (let i = 0; i < ids.length; i++) {
    const row = rows[i];
    if (!row) continue;
    const last = await latestVisibleWhisper(db, ids[i]!);
    updates.push(withSummary({ ...row, lastActivityAt: row.updatedAt ?? 0 }, last));
  }
  if (updates.length > 0) await db.conversations.bulkPut(updates);
}
