// Finding whispers in the search index: blocks newest first, skipped by their Bloom filters, lines scanned for every query word.
import { Dexie } from "dexie";
import type { WhispersDB } from "../database";
import { mayHave } from "./bloom";
import type { SearchBlock, SearchBody } from "./types";

/** A line of the index that matches a query: a whisper to read and check. */
export type WhisperHit = { id: string; conversationId: string; time: number };

/** Newest first; the longest word is searched through the whole text, the others only on its lines. */
export function scanBody(body: SearchBody, words: readonly string[]): number[] {
  const { text, starts } = body;
  const driver = words.reduce((a, b) => (b.length > a.length ? b : a));
  const needle = " " + driver;
  const others = words.filter((w) => w !== driver).map((w) => " " + w);
  const lines: number[] = [];
  let lo = 0;
  for (let at = text.indexOf(needle); at >= 0; ) {
    // The line holding `at` (lines are found in order, so the search starts where the last one ended).
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    const end = lo + 1 < starts.length ? starts[lo + 1]! - 1 : text.length;
    if (others.length === 0) lines.push(lo);
    else {
      const line = text.slice(starts[lo]!, end);
      if (others.every((o) => line.includes(o))) lines.push(lo);
    }
    at = text.indexOf(needle, end + 1);
  }
  return lines;
}

/** Bodies kept in memory by a reader: the newest blocks, read by one query after another as one types. */
const CACHED_BODIES = 8;

/** Summaries re-read after the indexer wrote; memory: summaries (8 KiB per 1000 whispers) plus CACHED_BODIES bodies. */
export class IndexReader {
  private readonly db: WhispersDB;
  private summaries: Promise<SearchBlock[]> | undefined;
  private readonly bodies = new Map<number, { rev: number; body: Promise<SearchBody | undefined> }>();
  private readonly onChange = (changed: Record<string, unknown>) => {
    if (`idb://${this.db.name}/searchBlocks/` in changed) this.summaries = undefined;
  };

  constructor(db: WhispersDB) {
    this.db = db;
    Dexie.on("storagemutated", this.onChange);
  }

  close(): void {
    Dexie.on("storagemutated").unsubscribe(this.onChange);
    this.bodies.clear();
  }

  /** Every block holding lines, newest range first. */
  blocks(): Promise<SearchBlock[]> {
    this.summaries ??= Dexie.ignoreTransaction(async () => {
      const rows = await this.db.searchBlocks.toArray();
      return rows.filter((b) => b.count > 0).sort((a, b) => b.start - a.start);
    });
    return this.summaries;
  }

  /** Reads (or starts reading) the summaries now, so the first query does not wait for them. */
  warm(): void {
    void this.blocks().catch(() => undefined);
  }

  body(block: SearchBlock): Promise<SearchBody | undefined> {
    const cached = this.bodies.get(block.start);
    if (cached && cached.rev === block.rev) {
      this.bodies.delete(block.start);
      this.bodies.set(block.start, cached); // most recently used last
      return cached.body;
    }
    const body = Dexie.ignoreTransaction(() => this.db.searchBodies.get(block.start));
    this.bodies.set(block.start, { rev: block.rev, body });
    while (this.bodies.size > CACHED_BODIES) this.bodies.delete(this.bodies.keys().next().value!);
    return body;
  }
}

/** Each `next` reads on to the next block with hits (null when done); a block whose filter rules out a word is not read. */
export function findWhispers(reader: IndexReader, words: readonly string[]): { next(): Promise<WhisperHit[] | null> } {
  let blocks: SearchBlock[] | undefined;
  let at = 0;
  return {
    async next() {
      blocks ??= await reader.blocks();
      while (at < blocks.length) {
        const block = blocks[at++]!;
        if (!words.every((w) => mayHave(block.bloom, w))) continue;
        const body = await reader.body(block);
        if (!body) continue;
        const lines = scanBody(body, words);
        if (lines.length === 0) continue;
        return lines.map((i) => ({ id: body.ids[i]!, conversationId: body.convs[i]!, time: body.times[i]! }));
      }
      return null;
    },
  };
}
