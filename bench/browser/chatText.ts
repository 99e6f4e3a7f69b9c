// Chat-like whisper texts for the search benchmark: words drawn with Zipf's law from a 5,000-word vocabulary, a few in other scripts.
import { seededRandom } from "../../e2e/chaos/plan";

const COMMON = (
  "i you the to a and it is that of in my me for not on this we be have so just do but what with are was can " +
  "know like get at all your if out up about no go think now how one there time really good want see love " +
  "too yes he she they will would when day today tomorrow tonight week work home back people feel right here " +
  "well going thing much maybe sure ok okay still need make take come say said could should never always " +
  "sorry thanks thank night morning morning coffee call later soon again something nothing everything anything " +
  "friend friends family mom dad sister brother dinner lunch breakfast movie music song book game weekend " +
  "happy sad tired busy late early great nice fun hard easy long little big new old best last next first " +
  "after before around together alone miss meet talk tell ask look watch listen read write send message " +
  "phone photo picture weather rain sun cold hot beach park city trip travel train bus car walk run sleep " +
  "dream remember forget hope wish believe understand worry laugh cry smile party birthday present idea plan " +
  "problem question answer reason place year month hour minute moment life world kind mind heart"
).split(" ");

const SYLLABLES = "ka lo mi ne ru sa ti vo be da fe gi ho ju li mo na pe qu ri so tu va we xi yo za ar el in on us".split(" ");

/** Words in other scripts, now and then (the index must keep them whole). */
const OTHER = ["مرحبا", "كيف", "حالك", "شكرا", "我", "喜欢", "咖啡", "東京", "こんにちは", "привет", "спасибо", "Ça", "café", "naïve", "Straße", "🎉", "👍🏽", "❤️"];


/** The vocabulary, most frequent first: the common words, then 4,700 made of syllables. */
export function vocabulary(): string[] {
  const words = [...new Set(COMMON)];
  const next = seededRandom(7);
  const made = new Set<string>();
  while (made.size < 5000 - words.length) {
    const n = 2 + Math.floor(next() * 3);
    let w = "";
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!words.includes(w)) made.add(w);
  }
  return [...words, ...made];
}

/**
 * `count` whisper texts of 3–20 words, words drawn by Zipf's law (rank r with weight 1/r) from
 * the vocabulary, one whisper in 20 with a word in another script, deterministic for `seed`.
 */
export function chatTexts(count: number, seed = 1): string[] {
  const words = vocabulary();
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 1; r <= words.length; r++) cumulative.push((total += 1 / r));
  const next = seededRandom(seed);
  const pick = () => {
    const x = next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return words[lo]!;
  };
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = 3 + Math.floor(next() * 18);
    const parts: string[] = [];
    for (let k = 0; k < n; k++) parts.push(pick());
    if (next() < 0.05) parts.splice(Math.floor(next() * n), 0, OTHER[Math.floor(next() * OTHER.length)]!);
    const text = parts.join(" ");
    texts.push(text.charAt(0).toUpperCase() + text.slice(1) + (next() < 0.3 ? "?" : next() < 0.5 ? "!" : "."));
  }
  return texts;
}
