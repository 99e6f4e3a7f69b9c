// How the open conversation's live readers follow a commit of this tab from what it wrote, without reading again.
import { isLocalId } from "./ids";
import type { Committed } from "./live";
import { isVisibleWhisper } from "./summaries";
import type { LocalConversation, LocalProfile, LocalWhisper } from "./types";

/** The page order: newest first, like a reverse walk of the [conversationId+sortKey] index (ties: the higher id first). */
export function newestFirst(a: LocalWhisper, b: LocalWhisper): number {
  return b.sortKey - a.sortKey || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export type PageQuery = {
  /** The id the screen asked for (a local id follows the id map). */
  conversationId: string;
  /** The conversation id the page was last read under. */
  readUnder: string;
  limit: number;
  /** Only whispers sorting before this (older pages). */
  before?: number;
};

/** Undefined when only a read can tell: id map moved, writes unknown, or a full page lost rows or gained one older than its oldest. */
export function patchWhisperPage(rows: LocalWhisper[], committed: Committed, query: PageQuery): LocalWhisper[] | undefined {
  if (committed.table("idMap") !== "unchanged" && isLocalId(query.conversationId)) return undefined;
  const written = committed.table("whispers");
  if (written === "unchanged") return rows;
  if (written === "unknown") return undefined;
  const touched = (w: LocalWhisper) => written.deleted.has(w.id) || written.put.has(w.id);
  if (!rows.some(touched) && ![...written.put.values()].some((w) => (w as LocalWhisper).conversationId === query.readUnder)) return rows;
  const kept = rows.filter((w) => !touched(w));
  const added: LocalWhisper[] = [];
  for (const value of written.put.values()) {
    const w = value as LocalWhisper;
    if (w.conversationId !== query.readUnder || !isVisibleWhisper(w)) continue;
    if (query.before !== undefined && !(w.sortKey < query.before)) continue;
    added.push(structuredClone(w));
  }
  const full = rows.length >= query.limit;
  if (full) {
    const oldest = rows[rows.length - 1]!;
    if (added.some((w) => newestFirst(w, oldest) > 0)) return undefined;
    if (kept.length + added.length < query.limit) return undefined;
  }
  return [...kept, ...added].sort(newestFirst).slice(0, query.limit);
}

/** A conversation row with its counterpart's freshest known profile (what the conversation reader returns). */
export function withProfile(row: LocalConversation, profile: LocalProfile | undefined): LocalConversation {
  return { ...row, counterpart: profile ? { ...profile, _id: profile.id } : row.counterpart };
}

/** Undefined when only a read can tell (missing/deleted, id map, profiles or counterpart changed); `profile`: as read last time. */
export function patchConversation(
  current: LocalConversation | undefined,
  committed: Committed,
  query: { conversationId: string; profile: LocalProfile | undefined },
): LocalConversation | undefined {
  if (!current) return undefined;
  if (committed.table("idMap") !== "unchanged" && isLocalId(query.conversationId)) return undefined;
  if (committed.table("profiles") !== "unchanged") return undefined;
  const written = committed.table("conversations");
  if (written === "unchanged") return current;
  if (written === "unknown" || written.deleted.has(current.id)) return undefined;
  const row = written.put.get(current.id) as LocalConversation | undefined;
  if (!row) return current;
  if (row.counterpartId !== current.counterpartId) return undefined;
  return withProfile(structuredClone(row), query.profile);
}
