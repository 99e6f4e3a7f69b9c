// The search indexer: turns queued whisper writes into index lines, checks the index against the whispers once per session, and indexes history already on the device, in the background.
import { Dexie } from "dexie";
import type { WhispersDB } from "../database";
import { boundTransaction } from "../repos/boundDb";
import { isVisibleWhisper } from "../summaries";
import type { LocalWhisper } from "../types";
import { blockIndexFor, EditableBlock, lineHash, lineOf } from "./blocks";
import { tokensOf } from "./text";
import type { SearchDoc, SearchQueueEntry } from "./types";

/** Bumped when words or lines change meaning: an index built by another version is rebuilt. */
export const INDEX_VERSION = 2;
const VERSION_KEY = "searchIndexVersion";

/** Whispers indexed per transaction: each stays short, so the app's own writes never wait long behind one. */
export const CHUNK = 300;
/** Whisper keys compared per read when the index is checked against the whispers. */
const WALK = 5000;
/** Up to this many missing whispers are indexed by id; more are read in time order (backfill). */
const FEW_MISSING = 2000;
/** Rows read ahead per conversation by the backfill (bounded memory, whatever the history's size). */
const BACKFILL_BUFFER = 20_000;

const SEARCH_TABLES = ["searchBlocks", "searchBodies", "searchDocs", "searchQueue"] as const;

/** A whisper to bring up to date: its row now (absent: deleted) and where it was indexed (absent: never). */
export type IndexTarget = { id: string; row?: LocalWhisper; doc?: SearchDoc };

export type IndexerOptions = {
  /** True while the app is busy syncing: the indexer waits (at most `maxWaitMs`) so sync keeps its pace. */
  busy?: () => boolean;
  maxWaitMs?: number;
  /** Delay before the first run (the first screen paints first) and after a queued write. */
  startDelayMs?: number;
  debounceMs?: number;
  /** Waits between two chunks (an idle callback in a browser). */
  pause?: () => Promise<void>;
};

/** The line and time `row` is indexed under, or null (deleted, hidden, no words). */
function indexedLine(row: LocalWhisper | undefined): { line: string; time: number } | null {
  if (!row || !isVisibleWhisper(row)) return null;
  const line = lineOf(tokensOf(row.content));
  return line ? { line, time: row.sortKey } : null;
}

function idle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 0);
  });
}

/** One per database, in the leader tab only (session.ts starts it beside the drainer and the pull). Entirely offline. */
export class SearchIndexer {
  private readonly db: WhispersDB;
  private readonly options: Required<Omit<IndexerOptions, "busy">> & Pick<IndexerOptions, "busy">;
  /** Block starts, ascending (read once; this indexer is their only writer). */
  private starts: number[] | undefined;
  private checked = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly onChange = (changed: Record<string, unknown>) => {
    if (`idb://${this.db.name}/searchQueue/` in changed) this.schedule(this.options.debounceMs);
  };

  constructor(db: WhispersDB, options: IndexerOptions = {}) {
    this.db = db;
    this.options = { maxWaitMs: 10_000, startDelayMs: 2_000, debounceMs: 300, pause: idle, ...options };
  }

  /** Starts following the queue; the first run checks the index (and builds what is missing). */
  start(): void {
    Dexie.on("storagemutated", this.onChange);
    this.schedule(this.options.startDelayMs);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    Dexie.on("storagemutated").unsubscribe(this.onChange);
  }

  /** Runs now and until nothing waits (tests, and the benchmark's "index complete"). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.running) await this.running;
    await this.run();
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer !== undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delayMs);
  }

  private run(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        do {
          this.again = false;
          if (!this.checked) await this.check();
          await this.drainQueue();
        } while (this.again && !this.stopped);
      } catch (error) {
        if ((error as { name?: string } | null)?.name !== "DatabaseClosedError") console.error("search index", error);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Between chunks: idle time, and while sync is busy a wait of up to maxWaitMs. */
  private async pause(): Promise<void> {
    const until = Date.now() + this.options.maxWaitMs;
    while (this.options.busy?.() && Date.now() < until && !this.stopped) await new Promise((r) => setTimeout(r, 250));
    await this.options.pause();
  }

  /** Once per session: another version's index is dropped; without one entry per whisper the two are compared. */
  private async check(): Promise<void> {
    const version = await this.db.meta.get(VERSION_KEY);
    if (version?.value !== INDEX_VERSION) {
      await boundTransaction(this.db, "rw", [...SEARCH_TABLES, "meta"], async (t) => {
        await Promise.all(SEARCH_TABLES.map((name) => t.table(name).clear()));
        await t.meta.put({ key: VERSION_KEY, value: INDEX_VERSION });
      });
      this.starts = undefined;
    }
    const [whispers, docs] = await Promise.all([this.db.whispers.count(), this.db.searchDocs.count()]);
    if (whispers !== docs) await this.reconcile();
    this.checked = true;
  }

  /** Processes the queue, CHUNK whispers per transaction, until it is empty. */
  private async drainQueue(): Promise<void> {
    while (!this.stopped) {
      const read = await boundTransaction(this.db, "r", ["searchQueue", "whispers", "searchDocs"], async (t) => {
        const entries = await t.searchQueue.limit(64).toArray();
        const taken: SearchQueueEntry[] = [];
        const ids = new Set<string>();
        let rest: SearchQueueEntry | undefined;
        for (const entry of entries) {
          if (entry.all) return { all: true as const, taken: [entry], targets: [], rest };
          if (ids.size + (entry.ids?.length ?? 0) > CHUNK && taken.length > 0) break;
          taken.push(entry);
          const entryIds = entry.ids ?? [];
          for (const id of entryIds.slice(0, CHUNK)) ids.add(id);
          // An entry of more than CHUNK ids (one bulk write) is taken a CHUNK at a time.
          if (entryIds.length > CHUNK) {
            rest = { ...entry, ids: entryIds.slice(CHUNK) };
            break;
          }
        }
        const list = [...ids];
        const [rows, docs] = await Promise.all([t.whispers.bulkGet(list), t.searchDocs.bulkGet(list)]);
        return { all: false as const, taken, rest, targets: list.map((id, i): IndexTarget => ({ id, row: rows[i], doc: docs[i] })) };
      });
      if (read.taken.length === 0) return;
      if (read.all) {
        await this.reconcile();
        await this.db.searchQueue.bulkDelete(read.taken.map((e) => e.seq!));
      } else await this.apply(read.targets, read.taken, read.rest);
      await this.pause();
    }
  }

  /** One transaction: unchanged lines left alone, full blocks split; `taken` entries deleted (`rest` put back) in it too. */
  async apply(targets: IndexTarget[], taken: SearchQueueEntry[] = [], rest?: SearchQueueEntry): Promise<void> {
    const removals: Array<{ id: string; time: number }> = [];
    const additions: Array<{ id: string; time: number; conv: string; line: string }> = [];
    const docs: SearchDoc[] = [];
    const gone: string[] = [];
    for (const { id, row, doc } of targets) {
      const next = indexedLine(row);
      const h = next ? lineHash(next.line, next.time) : 0;
      if (doc && row && doc.t === (next?.time ?? -1) && doc.h === h) continue;
      if (doc && doc.t >= 0) removals.push({ id, time: doc.t });
      if (next) additions.push({ id, time: next.time, conv: row!.conversationId, line: next.line });
      if (row) docs.push({ id, t: next?.time ?? -1, h });
      else if (doc) gone.push(id);
    }
    if (removals.length + additions.length + docs.length + gone.length + taken.length === 0) return;
    // The words were the first half of the work; the blocks wait for the next idle moment (no long task).
    if (additions.length > 50) await this.options.pause();
    const starts = await this.blockStarts();
    const touched = new Set<number>();
    for (const r of [...removals, ...additions]) touched.add(starts[blockIndexFor(starts, r.time)]!);
    const nextStarts = await boundTransaction(this.db, "rw", [...SEARCH_TABLES], async (t) => {
      const keys = [...touched];
      const [blockRows, bodyRows] = await Promise.all([
        t.searchBlocks.bulkGet(keys),
        t.searchBodies.bulkGet(keys),
      ]);
      const blocks = new Map(keys.map((start, i) => [start, EditableBlock.from(start, blockRows[i], bodyRows[i])]));
      const blockOf = (time: number) => blocks.get(starts[blockIndexFor(starts, time)]!)!;
      for (const r of removals) blockOf(r.time).remove(r.id);
      for (const a of additions) blockOf(a.time).add(a.id, a.time, a.conv, a.line);
      const written = [...blocks.values()].flatMap((b) => b.split()).filter((b) => b.changed);
      const rows = written.map((b) => b.toRows());
      const writes: Array<Promise<unknown>> = [];
      if (rows.length > 0) {
        writes.push(t.searchBlocks.bulkPut(rows.map((r) => r.block)));
        writes.push(t.searchBodies.bulkPut(rows.map((r) => r.body)));
      }
      if (docs.length > 0) writes.push(t.searchDocs.bulkPut(docs));
      if (gone.length > 0) writes.push(t.searchDocs.bulkDelete(gone));
      if (taken.length > 0) writes.push(t.searchQueue.bulkDelete(taken.map((e) => e.seq!)));
      if (rest) writes.push(t.searchQueue.put(rest));
      await Promise.all(writes);
      return [...new Set([...starts, ...written.map((b) => b.start)])].sort((a, b) => a - b);
    });
    this.starts = nextStarts;
  }

  /** Every block's start, ascending; the first block (from 0) exists from the first line on. */
  private async blockStarts(): Promise<number[]> {
    this.starts ??= (await this.db.searchBlocks.toCollection().primaryKeys()).sort((a, b) => a - b);
    if (this.starts[0] !== 0) this.starts = [0, ...this.starts];
    return this.starts;
  }

  /** WALK keys per read; up to FEW_MISSING are indexed by id, more via backfill() (`backfill` false: all by id). */
  private async reconcile(backfill = true): Promise<void> {
    const missing: string[] = [];
    const orphans: string[] = [];
    let many = false;
    /** Every whisper without an entry (only the first FEW_MISSING are listed): the backfill stops once it indexed them. */
    let missingCount = 0;
    let after: string | undefined;
    for (;;) {
      const from = after;
      const chunk = await boundTransaction(this.db, "r", ["whispers", "searchDocs"], async (t) => {
        const whispers = await (from === undefined ? t.whispers.toCollection() : t.whispers.where(":id").above(from)).limit(WALK).primaryKeys();
        const last = whispers.length === WALK ? whispers[WALK - 1] : undefined;
        const docTable = t.searchDocs;
        const docRange =
          last === undefined
            ? from === undefined ? docTable.toCollection() : docTable.where(":id").above(from)
            : from === undefined ? docTable.where(":id").belowOrEqual(last) : docTable.where(":id").between(from, last, false, true);
        return { whispers, docs: await docRange.primaryKeys(), last };
      });
      const have = new Set(chunk.docs);
      const exist = new Set(chunk.whispers);
      for (const id of chunk.whispers) {
        if (have.has(id)) continue;
        missingCount += 1;
        if (many) continue;
        if (backfill && missing.length >= FEW_MISSING) many = true;
        else missing.push(id);
      }
      for (const id of chunk.docs) if (!exist.has(id)) orphans.push(id);
      if (orphans.length >= CHUNK) await this.applyIds(orphans.splice(0));
      if (chunk.last === undefined || this.stopped) break;
      after = chunk.last;
    }
    await this.applyIds(orphans);
    // After the backfill, whispers it could not reach (a conversation without its row) are indexed by id.
    if (many) {
      await this.backfill(missingCount);
      if (!this.stopped) await this.reconcile(false);
    } else for (let i = 0; i < missing.length && !this.stopped; i += CHUNK) await this.applyIds(missing.slice(i, i + CHUNK));
  }

  private async applyIds(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const [rows, docs] = await Promise.all([this.db.whispers.bulkGet(ids), this.db.searchDocs.bulkGet(ids)]);
    await this.apply(ids.map((id, i) => ({ id, row: rows[i], doc: docs[i] })));
    await this.pause();
  }

  /**
   * Newest first (recent ones searchable first, each block written about once): conversations read backwards a few
   * rows ahead and merged by time (bounded memory). Stops after `missing` whispers: older history is indexed already.
   */
  private async backfill(missing: number): Promise<void> {
    let left = missing;
    const conversationIds = await this.db.conversations.toCollection().primaryKeys();
    const ahead = Math.max(4, Math.min(100, Math.floor(BACKFILL_BUFFER / Math.max(1, conversationIds.length))));
    type Stream = { id: string; rows: LocalWhisper[]; next: number; upper: number; atUpper: Set<string>; done: boolean };
    const refill = async (s: Stream) => {
      const rows = await this.db.whispers
        .where("[conversationId+sortKey]")
        .between([s.id, Dexie.minKey], [s.id, s.upper], true, true)
        .reverse()
        .filter((w) => !(w.sortKey === s.upper && s.atUpper.has(w.id)))
        .limit(ahead)
        .toArray();
      s.rows = rows;
      s.next = 0;
      s.done = rows.length === 0;
      const last = rows.at(-1);
      if (last) {
        // Rows of the boundary's time already read are skipped when reading on from it.
        if (last.sortKey !== s.upper) s.atUpper = new Set();
        s.upper = last.sortKey;
        for (const w of rows) if (w.sortKey === last.sortKey) s.atUpper.add(w.id);
      }
    };
    const streams: Stream[] = conversationIds.map((id) => ({ id, rows: [], next: 0, upper: Infinity, atUpper: new Set(), done: false }));
    for (let i = 0; i < streams.length; i += 50) await Promise.all(streams.slice(i, i + 50).map(refill));
    // A max-heap of streams by the time of their next row (only its root is ever taken, so it only sinks).
    const head = (s: Stream) => s.rows[s.next]!.sortKey;
    const heap = streams.filter((s) => !s.done);
    const down = (i: number) => {
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && head(heap[l]!) > head(heap[m]!)) m = l;
        if (r < heap.length && head(heap[r]!) > head(heap[m]!)) m = r;
        if (m === i) return;
        [heap[m], heap[i]] = [heap[i]!, heap[m]!];
        i = m;
      }
    };
    for (let i = heap.length >> 1; i >= 0; i--) down(i);
    let batch: LocalWhisper[] = [];
    const flush = async () => {
      const docs = await this.db.searchDocs.bulkGet(batch.map((w) => w.id));
      const targets = batch.flatMap((row, i) => (docs[i] ? [] : [{ id: row.id, row }]));
      await this.apply(targets);
      left -= targets.length;
      // Whispers that arrived meanwhile (the newest, read first) took their share: count again.
      if (left <= 0) left = (await this.db.whispers.count()) - (await this.db.searchDocs.count());
      batch = [];
      await this.pause();
    };
    while (heap.length > 0 && left > 0 && !this.stopped) {
      const s = heap[0]!;
      batch.push(s.rows[s.next]!);
      s.next += 1;
      if (s.next >= s.rows.length) await refill(s);
      if (s.done) {
        heap[0] = heap[heap.length - 1]!;
        heap.pop();
      }
      if (heap.length > 0) down(0);
      if (batch.length >= CHUNK) await flush();
    }
    if (batch.length > 0 && left > 0 && !this.stopped) await flush();
  }
}
