// Blocks of the whisper search index in memory: the lines of one time range, edited by the indexer and split when full.
import { addLine, emptyBloom } from "./bloom";
import type { SearchBlock, SearchBody } from "./types";

/** A block holds at most this many lines; one more splits it in two at its median time. */
export const MAX_LINES = 1000;

/** A whisper's line in a block: a space before each of its words (" word word"); "" for no words. */
export function lineOf(tokens: readonly string[]): string {
  return tokens.length === 0 ? "" : " " + tokens.join(" ");
}

/** A 32-bit hash of a line and its time: equal hashes mean the whisper needs no re-indexing. */
export function lineHash(line: string, time: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < line.length; i++) h = Math.imul(h ^ line.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (time % 0x7fffffff), 0x01000193);
  return (h ^ Math.floor(time / 0x7fffffff)) >>> 0;
}

let revs = 0;
/** A revision no other write of any block has had (readers cache bodies by start and revision). */
function nextRev(): number {
  revs = (revs + 1) % 1000;
  return Date.now() * 1000 + revs;
}

type Line = { time: number; conv: string; line: string };

/** A block being edited: its lines by whisper id and its Bloom filter (bits of removed lines stay: a filter may say "maybe" wrongly, never "no"). */
export class EditableBlock {
  readonly start: number;
  readonly lines: Map<string, Line>;
  bloom: Uint32Array;
  changed = false;

  constructor(start: number, lines: Map<string, Line> = new Map(), bloom?: Uint32Array) {
    this.start = start;
    this.lines = lines;
    this.bloom = bloom ?? emptyBloom();
    if (!bloom) for (const l of lines.values()) addLine(this.bloom, l.line);
  }

  /** The block as stored (null: a new, empty block). */
  static from(start: number, block: SearchBlock | undefined, body: SearchBody | undefined): EditableBlock {
    const lines = new Map<string, Line>();
    if (body) {
      const texts = body.text.split("\n");
      body.ids.forEach((id, i) => lines.set(id, { time: body.times[i]!, conv: body.convs[i]!, line: texts[i]! }));
    }
    return new EditableBlock(start, lines, block?.bloom ? new Uint32Array(block.bloom) : undefined);
  }

  remove(id: string): void {
    if (this.lines.delete(id)) this.changed = true;
  }

  add(id: string, time: number, conv: string, line: string): void {
    this.lines.set(id, { time, conv, line });
    addLine(this.bloom, line);
    this.changed = true;
  }

  /** Split at median times down to MAX_LINES (one instant's lines are never parted); the first part keeps this start. */
  split(): EditableBlock[] {
    if (this.lines.size <= MAX_LINES) return [this];
    const sorted = [...this.lines.entries()].sort((a, b) => a[1].time - b[1].time);
    let cut = sorted.length >> 1;
    const at = sorted[cut]![1].time;
    // Every line of the median's time goes above the cut; when that leaves nothing below, they all stay below.
    while (cut > 0 && sorted[cut - 1]![1].time === at) cut -= 1;
    if (cut === 0) {
      cut = sorted.findIndex(([, l]) => l.time > at);
      if (cut < 0) return [this];
    }
    // Every line's time is at least its block's start, so the upper part starts after this one.
    const lower = new EditableBlock(this.start, new Map(sorted.slice(0, cut)));
    const upper = new EditableBlock(sorted[cut]![1].time, new Map(sorted.slice(cut)));
    lower.changed = upper.changed = true;
    return [...lower.split(), ...upper.split()];
  }

  /** The rows to store: the summary and the body, lines newest first (a scan meets the newest hits first). */
  toRows(): { block: SearchBlock; body: SearchBody } {
    const entries = [...this.lines.entries()].sort((a, b) => b[1].time - a[1].time || (a[0] < b[0] ? -1 : 1));
    const starts = new Int32Array(entries.length);
    let at = 0;
    entries.forEach(([, l], i) => {
      starts[i] = at;
      at += l.line.length + 1;
    });
    const body: SearchBody = {
      start: this.start,
      ids: entries.map(([id]) => id),
      times: entries.map(([, l]) => l.time),
      convs: entries.map(([, l]) => l.conv),
      text: entries.map(([, l]) => l.line).join("\n"),
      starts,
    };
    const block: SearchBlock = { start: this.start, maxTime: entries[0]?.[1].time ?? this.start, count: entries.length, rev: nextRev(), bloom: this.bloom };
    return { block, body };
  }
}

/** The index of the block whose range holds `time` in `starts` (ascending, starts[0] = 0). */
export function blockIndexFor(starts: readonly number[], time: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= time) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
