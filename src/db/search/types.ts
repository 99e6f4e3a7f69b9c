// The rows of the search tables (schema version 4): time-ordered blocks of whisper words, where each whisper was indexed, what waits.

/**
 * A block's summary, read whole by a search: the time range it covers starts at `start` (and
 * ends at the next block's start), with a Bloom filter of every word prefix of its lines so a
 * search skips the blocks that cannot hold its words. `rev` changes with every write of the block.
 */
export type SearchBlock = { start: number; maxTime: number; count: number; rev: number; bloom: Uint32Array };

/**
 * A block's lines, line i being whisper `ids[i]` of conversation `convs[i]` at `times[i]` (its
 * sortKey): `text` holds one line per whisper, separated by "\n", each its folded words with a
 * space before every word (a query word matches where " " + word occurs); line i begins at
 * `text[starts[i]]`.
 */
export type SearchBody = { start: number; ids: string[]; times: number[]; convs: string[]; text: string; starts: Int32Array };

/**
 * Where a whisper was indexed: at time `t` (its block is the one whose range holds t), from a
 * line whose hash is `h`; t = -1 when it has no line (hidden, or no words).
 */
export type SearchDoc = { id: string; t: number; h: number };

/** Whispers written since the indexer last ran (their rows say what to index), or `all` after a table-wide change. */
export type SearchQueueEntry = { seq?: number; ids?: string[]; all?: true };
