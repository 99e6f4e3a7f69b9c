// What a search result shows of a whisper: a piece of its text around the first match, with the matched beginnings of words marked.
import { foldText, IDEOGRAPHIC, tokensOf, wordsOf } from "./text";

/** A run of a snippet's text; `mark` for a matched part. */
export type SnippetPart = { text: string; mark?: true };

/** How many UTF-16 units of `word` make the part that folds to something beginning with `prefix` (0 if none). */
function matchedLength(word: string, prefix: string): number {
  if (!foldText(word).startsWith(prefix)) return 0;
  let end = 0;
  for (const ch of word) {
    end += ch.length;
    if (foldText(word.slice(0, end)).length >= prefix.length) return end;
  }
  return word.length;
}

/** Whether `text` holds every one of `words` (folded query words) at the start of one of its tokens, as the index has it. */
export function textMatches(text: string, words: readonly string[]): boolean {
  const tokens = tokensOf(text);
  return words.every((w) => tokens.some((t) => t.startsWith(w)));
}

/** About `length` characters around the first match (whole words, "…" where cut); marks e.g. "Caf" of "Café" for "caf". */
export function snippetOf(text: string, words: readonly string[], length = 140): SnippetPart[] {
  const clean = text.replace(/\s+/g, " ").trim();
  const marks: Array<[number, number]> = [];
  for (const { word, index } of wordsOf(clean)) {
    let best = 0;
    for (const w of words) best = Math.max(best, matchedLength(word, w));
    if (best > 0) marks.push([index, index + best]);
    else if (IDEOGRAPHIC.test(word)) {
      // Each ideograph or kana is a token too: a match may begin inside the word.
      for (let k = 1; k < word.length; k++) {
        for (const w of words) best = Math.max(best, matchedLength(word.slice(k), w));
        if (best > 0) {
          marks.push([index + k, index + k + best]);
          break;
        }
      }
    }
  }
  let from = 0;
  let to = clean.length;
  if (clean.length > length) {
    const first = marks[0]?.[0] ?? 0;
    from = Math.max(0, first - Math.floor(length / 3));
    to = Math.min(clean.length, from + length);
    from = Math.max(0, to - length);
    if (from > 0) from = clean.indexOf(" ", from) + 1 || from;
    if (to < clean.length) to = clean.lastIndexOf(" ", to) > from ? clean.lastIndexOf(" ", to) : to;
  }
  const parts: SnippetPart[] = [];
  if (from > 0) parts.push({ text: "…" });
  let at = from;
  for (const [start, end] of marks) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) parts.push({ text: clean.slice(at, s) });
    parts.push({ text: clean.slice(s, e), mark: true });
    at = e;
  }
  if (at < to) parts.push({ text: clean.slice(at, to) });
  if (to < clean.length) parts.push({ text: "…" });
  // "…" joins the text next to it.
  return parts.reduce<SnippetPart[]>((out, p) => {
    const last = out.at(-1);
    if (last && !last.mark && !p.mark) last.text += p.text;
    else out.push({ ...p });
    return out;
  }, []);
}
