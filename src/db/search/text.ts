// Search text: folding (case, diacritics, compatibility forms) and word segmentation shared by the index and the query.

/**
 * Latin/Greek/Cyrillic accents, Hebrew points, Arabic harakat. Marks that form other scripts' letters (Devanagari
 * vowel signs, Japanese voicing) stay: dropping them would merge different words.
 */
const DIACRITICS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05c7\u064b-\u065f\u0670\u06d6-\u06ed]/g;

/** Letters that fold to more than their lower case (what NFKD and toLowerCase leave apart). */
const SPECIAL_FOLDS: Record<string, string> = { ß: "ss", ẞ: "ss", ı: "i", ſ: "s", ς: "σ", æ: "ae", œ: "oe", ø: "o", đ: "d", ł: "l", þ: "th" };
const SPECIAL = new RegExp(`[${Object.keys(SPECIAL_FOLDS).join("")}]`, "g");

const ASCII = /^[\x00-\x7f]*$/;

/** Compatibility forms unified, case folded, diacritics dropped ("Ça" = "ca", "Straße" = "strasse"). */
export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(DIACRITICS, "").toLowerCase().replace(SPECIAL, (c) => SPECIAL_FOLDS[c]!).normalize("NFC");
}

/** Scripts without spaces between words: Intl.Segmenter's dictionaries find them (CJK, Thai, Lao, Khmer, Myanmar). */
const UNSPACED = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}]/u;
/** Ideographs and kana: each one is also a word of its own (a query of one character finds the words holding it). */
export const IDEOGRAPHIC = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]/u;

/** Letters, digits and marks joined across ' or . ("don't", "x.com", "3.14"), or one emoji with its modifiers and joiners. */
const WORD =
  /[\p{L}\p{N}\p{M}\p{Pc}]+(?:['’.·][\p{L}\p{N}\p{M}]+)*|\p{Extended_Pictographic}(?:[\u{1f3fb}-\u{1f3ff}\ufe0f\u20e3]|\u200d\p{Extended_Pictographic}\ufe0f?)*|\p{Regional_Indicator}{2}/gu;

/** WORD for text in ASCII only. */
const ASCII_WORD = /[A-Za-z0-9_]+(?:['.][A-Za-z0-9]+)*/g;

let segmenter: Intl.Segmenter | undefined;

/** Words of an unspaced run, by Intl.Segmenter (the regular expression where it is missing). */
function segmentRun(run: string, offset: number, out: Array<{ word: string; index: number }>): void {
  segmenter ??= typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "word" }) : undefined;
  if (!segmenter) {
    for (const m of run.matchAll(WORD)) out.push({ word: m[0], index: offset + m.index });
    return;
  }
  for (const s of segmenter.segment(run)) {
    if (s.isWordLike) out.push({ word: s.segment, index: offset + s.index });
    else if (/\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(s.segment)) out.push({ word: s.segment, index: offset + s.index });
  }
}

/** Runs of unspaced-script characters (with what joins them), found in one pass. */
const UNSPACED_RUN = /[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Thai}\p{sc=Lao}\p{sc=Khmer}\p{sc=Myanmar}\u30fc\u3005\u200b\p{M}]+/gu;

/** Positions are UTF-16 offsets. The same function reads whispers and queries, so both split alike. */
export function wordsOf(text: string): Array<{ word: string; index: number }> {
  const out: Array<{ word: string; index: number }> = [];
  if (ASCII.test(text)) {
    for (const m of text.matchAll(ASCII_WORD)) out.push({ word: m[0], index: m.index });
    return out;
  }
  if (!UNSPACED.test(text)) {
    for (const m of text.matchAll(WORD)) out.push({ word: m[0], index: m.index });
    return out;
  }
  let at = 0;
  for (const run of text.matchAll(UNSPACED_RUN)) {
    if (!UNSPACED.test(run[0])) continue;
    const spaced = text.slice(at, run.index);
    for (const m of spaced.matchAll(WORD)) out.push({ word: m[0], index: at + m.index });
    segmentRun(run[0], run.index, out);
    at = run.index + run[0].length;
  }
  for (const m of text.slice(at).matchAll(WORD)) out.push({ word: m[0], index: at + m.index });
  return out;
}

/** The longest token kept (longer words are cut here; a query's longer word is checked against the text). */
export const MAX_TOKEN = 24;

/** `token` cut to at most `n` code points (never inside a surrogate pair). */
export function headOf(token: string, n: number): string {
  if (token.length <= n) return token;
  let count = 0;
  let end = 0;
  for (const ch of token) {
    if (count === n) break;
    end += ch.length;
    count += 1;
  }
  return token.slice(0, end);
}

export function codePoints(token: string): number {
  let n = 0;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n += 1;
  }
  return n;
}

/** Its words plus each ideograph or kana of a longer CJK word on its own; at most MAX_TOKEN code points each. */
export function tokensOf(text: string): string[] {
  const tokens = new Set<string>();
  for (const { word } of wordsOf(foldText(text))) {
    tokens.add(headOf(word, MAX_TOKEN));
    if (word.length > 1 && IDEOGRAPHIC.test(word)) for (const ch of word) if (IDEOGRAPHIC.test(ch)) tokens.add(ch);
  }
  return [...tokens];
}

/** The words of a query, folded, in order, without repeats (each matches as a prefix of a token). */
export function queryTokens(query: string): string[] {
  return [...new Set(wordsOf(foldText(query)).map((w) => headOf(w.word, MAX_TOKEN)))];
}
