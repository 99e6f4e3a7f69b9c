// Bloom filters of word prefixes: a block of the search index says "maybe" or "certainly not" for a query word without being read.

/** Bits per block filter: 2^16 (8 KiB) keeps false positives near 1% at 6,000 prefixes, a block's usual count. */
export const BLOOM_BITS = 1 << 16;
const HASHES = 4;
/** Prefixes longer than this are not added; a longer query word is checked by its first BLOOM_PREFIX code units. */
export const BLOOM_PREFIX = 10;

export function emptyBloom(): Uint32Array {
  return new Uint32Array(BLOOM_BITS / 32);
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Sets (or, with `test`, checks) the HASHES bits of the prefix whose FNV-1a hash is `h`. */
function bits(bloom: Uint32Array, h: number, test: boolean): boolean {
  // A second hash derived from the first (odd), for double hashing.
  let g = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  g = (g ^ (g >>> 12)) | 1;
  for (let i = 0; i < HASHES; i++) {
    const bit = (h + Math.imul(i, g)) & (BLOOM_BITS - 1);
    const mask = 1 << (bit & 31);
    if (!test) bloom[bit >>> 5]! |= mask;
    else if ((bloom[bit >>> 5]! & mask) === 0) return false;
  }
  return true;
}

/** Adds every prefix of `word` (1 to BLOOM_PREFIX code units), hashing it once (FNV-1a runs along the word). */
export function addWord(bloom: Uint32Array, word: string): void {
  const n = Math.min(word.length, BLOOM_PREFIX);
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) {
    h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
    bits(bloom, h, false);
  }
}

export function addLine(bloom: Uint32Array, line: string): void {
  let at = 1;
  while (at < line.length) {
    let end = line.indexOf(" ", at);
    if (end < 0) end = line.length;
    addWord(bloom, line.slice(at, end));
    at = end + 1;
  }
}

/** False when no word of the filter begins with `word`; true when one may. */
export function mayHave(bloom: Uint32Array, word: string): boolean {
  const n = Math.min(word.length, BLOOM_PREFIX);
  if (n === 0) return true;
  let h = FNV_OFFSET;
  for (let i = 0; i < n; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return bits(bloom, h, true);
}
