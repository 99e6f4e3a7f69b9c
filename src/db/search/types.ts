// The rows of the search tables (schema version 4): time-ordered blocks of whisper words, where each whisper was indexed, what waits.

/** Covers `start` to the next block's start; the Bloom filter lets a search skip it. `rev` changes with every write. */
export type SearchBlock = { start: number; maxTime: number; count: number; rev: number; bloom: Uint32Array };

/**
 * Line i is whisper `ids[i]` of `convs[i]` at `times[i]` (sortKey), starting at `text[starts[i]]`; lines are "\n"-separated,
 * a space before every folded word (a query word matches at " " + word).
 */
export type SearchBody = { start: number; ids: string[]; times: number[]; convs: string[]; text: string; starts: Int32Array };

/** Indexed at time `t` (its block holds t) from a line of hash `h`; t = -1 when it has no line. */
export type SearchDoc = { id: string; t: number; h: number };

/** Whispers written since the indexer last ran (their rows say what to index), or `all` after a table-wide change. */
export type SearchQueueEntry = { seq?: number; ids?: string[]; all?: true };
