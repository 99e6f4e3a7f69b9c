// One search screen's searches: people and conversations by name, whispers through the index, results growing as they are found.
import { Dexie } from "dexie";
import { currentDb } from "../current";
import type { WhispersDB } from "../database";
import { live } from "../live";
import { getViewerId } from "../repos/metaRepo";
import { isVisibleWhisper } from "../summaries";
import type { LocalConversation, LocalWhisper } from "../types";
import { buildNameList, matchNames, type ConversationResult, type NameList, type PersonResult } from "./names";
import { snippetOf, textMatches, type SnippetPart } from "./snippet";
import { queryTokens } from "./text";
import { findWhispers, IndexReader, type WhisperHit } from "./whisperSearch";

export type { ConversationResult, PersonResult } from "./names";
export type { SnippetPart } from "./snippet";

/** A whisper found: where it is, who wrote it (the viewer or the conversation's other person, as the conversation names them) and the matched text. */
export type WhisperResult = {
  id: string;
  conversationId: string;
  conversationName: string;
  fromViewer: boolean;
  /** Its place in the conversation (sortKey, ms). */
  time: number;
  snippet: SnippetPart[];
};

export type SearchResults = {
  /** The text searched, as typed. */
  query: string;
  people: PersonResult[];
  conversations: ConversationResult[];
  /** Newest first. */
  whispers: WhisperResult[];
  /** True while whispers are still being looked for (the list may grow). */
  searching: boolean;
  /** More whispers match than are listed: more() lists the next page. */
  more: boolean;
};

export type SearchSessionOptions = {
  /** How the app names a conversation's other person (the conversation list's rule). */
  nameOf: (conversation: LocalConversation) => string;
  db?: WhispersDB;
  /** Whispers listed per page (default 30). */
  pageSize?: number;
};

/** The first results wait at most this long for whispers before the names are shown alone. */
const NAMES_ALONE_AFTER_MS = 25;
/** Whispers of the first paint of a search (about a screenful); the rest of the page follows at once. */
const FIRST_PAINT = 12;
/** Whisper rows kept from the last searches (typing refines a query, so its hits were often read a keystroke ago). */
const CACHED_ROWS = 300;
/** After the index or the names changed, the current search runs again once they settle. */
const RERUN_AFTER_MS = 400;

type Run = {
  gen: number;
  query: string;
  words: string[];
  limit: number;
  whispers: WhisperResult[];
  seen: Set<string>;
  cursor: { next(): Promise<WhisperHit[] | null> };
  pending: WhisperHit[];
  exhausted: boolean;
  searching: boolean;
};

/** Device data only (offline). Hits are checked against the rows, so nothing shows for what it no longer says. */
export class SearchSession {
  private readonly db: WhispersDB;
  private readonly nameOf: SearchSessionOptions["nameOf"];
  private readonly pageSize: number;
  private readonly reader: IndexReader;
  private names: NameList | undefined;
  private namesReady: Promise<void>;
  private readonly stopNames: () => void;
  private run: Run | undefined;
  private listener: ((results: SearchResults) => void) | undefined;
  private gen = 0;
  private rerunTimer: ReturnType<typeof setTimeout> | undefined;
  /** Rows read by the last searches, by id; forgotten at any write of whispers (so never stale). */
  private readonly rows = new Map<string, LocalWhisper>();
  private readonly onIndexChange = (changed: Record<string, unknown>) => {
    if (`idb://${this.db.name}/whispers/` in changed) this.rows.clear();
    if (`idb://${this.db.name}/searchBlocks/` in changed) this.rerunSoon();
  };

  constructor(options: SearchSessionOptions) {
    this.db = options.db ?? currentDb();
    this.nameOf = options.nameOf;
    this.pageSize = options.pageSize ?? 30;
    this.reader = new IndexReader(this.db);
    this.reader.warm();
    let ready: () => void;
    this.namesReady = new Promise((resolve) => (ready = resolve));
    const sub = live(this.db, ["conversations", "profiles", "friends"], () => this.readNames(), { settleMs: RERUN_AFTER_MS }).subscribe(
      (names) => {
        const first = this.names === undefined;
        this.names = names;
        ready();
        if (!first) this.renameCurrent();
      },
      (error) => console.error("search names", error),
    );
    this.stopNames = () => sub.unsubscribe();
    Dexie.on("storagemutated", this.onIndexChange);
  }

  close(): void {
    this.gen += 1;
    this.run = undefined;
    this.listener = undefined;
    clearTimeout(this.rerunTimer);
    this.stopNames();
    this.reader.close();
    Dexie.on("storagemutated").unsubscribe(this.onIndexChange);
  }

  /** Every word must begin a word of the result (case, accents, width folded); cancels the previous search. */
  search(query: string, onResults: (results: SearchResults) => void): void {
    this.listener = onResults;
    clearTimeout(this.rerunTimer);
    this.start(query, this.pageSize, false);
  }

  more(): void {
    const run = this.run;
    if (!run || run.searching || !this.hasMore(run)) return;
    run.limit += this.pageSize;
    run.searching = true;
    void this.continueRun(run, true);
  }

  private async readNames(): Promise<NameList> {
    const [conversations, profiles, friends, viewerId] = await Promise.all([
      this.db.conversations.toArray(),
      this.db.profiles.toArray(),
      this.db.friends.toArray(),
      getViewerId(this.db),
    ]);
    return buildNameList({ conversations, profiles, friends, viewerId, nameOf: this.nameOf });
  }

  private start(query: string, limit: number, quiet: boolean): void {
    const gen = ++this.gen;
    const words = queryTokens(query);
    if (words.length === 0) {
      this.run = undefined;
      this.listener?.({ query, people: [], conversations: [], whispers: [], searching: false, more: false });
      return;
    }
    const run: Run = {
      gen,
      query,
      words,
      limit,
      whispers: [],
      seen: new Set(),
      cursor: findWhispers(this.reader, words),
      pending: [],
      exhausted: false,
      searching: true,
    };
    this.run = run;
    void (async () => {
      await this.namesReady;
      if (gen !== this.gen) return;
      // Names and the first whispers in one paint, unless the whispers take longer than a moment.
      const alone = quiet ? undefined : setTimeout(() => this.emit(run), NAMES_ALONE_AFTER_MS);
      await this.continueRun(run, !quiet, () => clearTimeout(alone));
    })();
  }

  private hasMore(run: Run): boolean {
    return run.pending.length > 0 || !run.exhausted;
  }

  /** Reads hits and checks them against the rows until `run.limit` whispers are listed or none are left. */
  private async continueRun(run: Run, progressive: boolean, onFirst?: () => void): Promise<void> {
    try {
      while (run.whispers.length < run.limit && run.gen === this.gen) {
        if (run.pending.length === 0) {
          const hits = await run.cursor.next();
          if (hits === null) {
            run.exhausted = true;
            break;
          }
          run.pending.push(...hits.filter((h) => !run.seen.has(h.id)));
          continue;
        }
        // A screenful first, so the first results are on screen sooner; then the rest of the page.
        const wanted = run.limit - run.whispers.length;
        const take = run.pending.splice(0, run.whispers.length === 0 && progressive ? Math.min(wanted, FIRST_PAINT) : wanted);
        const found = await this.resolve(take, run.words);
        if (run.gen !== this.gen) return;
        for (const w of found) {
          run.seen.add(w.id);
          run.whispers.push(w);
        }
        if (progressive && found.length > 0 && run.whispers.length < run.limit) {
          onFirst?.();
          onFirst = undefined;
          this.emit(run);
        }
      }
    } catch (error) {
      if ((error as { name?: string } | null)?.name !== "DatabaseClosedError") console.error("search", error);
    }
    if (run.gen !== this.gen) return;
    onFirst?.();
    run.searching = false;
    this.emit(run);
  }

  /** The rows of `hits` that still show what the index found in them, as results. */
  private async resolve(hits: WhisperHit[], words: string[]): Promise<WhisperResult[]> {
    const missing = hits.map((h) => h.id).filter((id) => !this.rows.has(id));
    if (missing.length > 0) {
      const read = await Dexie.ignoreTransaction(() => this.db.whispers.bulkGet(missing));
      for (const row of read) if (row) this.rows.set(row.id, row);
      for (const id of this.rows.keys()) {
        if (this.rows.size <= CACHED_ROWS) break;
        this.rows.delete(id); // the oldest first
      }
    }
    const rows = hits.map((h) => this.rows.get(h.id));
    return rows.flatMap((row: LocalWhisper | undefined): WhisperResult[] => {
      if (!row || !isVisibleWhisper(row) || !textMatches(row.content, words)) return [];
      return [
        {
          id: row.id,
          conversationId: row.conversationId,
          conversationName: this.names?.conversationNames.get(row.conversationId) ?? "A conversation",
          fromViewer: row.fromViewer,
          time: row.sortKey,
          snippet: snippetOf(row.content, words),
        },
      ];
    });
  }

  private emit(run: Run): void {
    if (run.gen !== this.gen || !this.names) return;
    const { people, conversations } = matchNames(this.names, run.words);
    this.listener?.({ query: run.query, people, conversations, whispers: [...run.whispers], searching: run.searching, more: this.hasMore(run) });
  }

  /** The names changed: the current results get the new names (whispers stay as listed). */
  private renameCurrent(): void {
    const run = this.run;
    if (!run) return;
    for (const w of run.whispers) w.conversationName = this.names?.conversationNames.get(w.conversationId) ?? w.conversationName;
    this.emit(run);
  }

  /** The index changed: once it settles, the current search runs again (as many whispers as listed), its results replacing these when complete. */
  private rerunSoon(): void {
    clearTimeout(this.rerunTimer);
    this.rerunTimer = setTimeout(() => {
      const run = this.run;
      if (run && !run.searching) this.start(run.query, Math.max(this.pageSize, run.whispers.length), true);
    }, RERUN_AFTER_MS);
  }
}

/** Whispers on the device vs. seen by the indexer (they differ during backfill and just after a write). */
export async function indexProgress(db: WhispersDB = currentDb()): Promise<{ indexed: number; total: number }> {
  const [total, indexed] = await Dexie.ignoreTransaction(() => Promise.all([db.whispers.count(), db.searchDocs.count()]));
  return { indexed, total };
}
