// The chaos test's seeded randomness and its plan: what each person sends (text, image, voice) and which chaos happens when.

/** A small seeded PRNG (mulberry32): the same seed gives the same run plan. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of this run: $CHAOS_SEED when set (to repeat a run), else a fresh one. */
export function chaosSeed(): number {
  const fromEnv = process.env.CHAOS_SEED;
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv);
  return Math.floor(Math.random() * 2 ** 31);
}

export type ItemKind = "fast" | "typed" | "image" | "voice";

/** One whisper a person sends: its place in their order and how it is sent. */
export type Item = { seq: number; label: string; kind: ItemKind; content: string };

export type PlanOptions = { perUser: number; images: number; voices: number; typed: number };

/** Content of the whisper `seq` of `who`: "A0042 …" (voice clips have none: they are known by clientId). */
export function contentOf(who: string, seq: number, kind: ItemKind): string {
  const label = `${who}${String(seq).padStart(4, "0")}`;
  if (kind === "voice") return "";
  if (kind === "image") return `${label} picture`;
  return `${label} whisper`;
}

/** `perUser` items for `who`; item 0 is typed (it opens the conversation), media at random places. */
export function planFor(who: string, random: () => number, options: PlanOptions): Item[] {
  const kinds: ItemKind[] = Array.from({ length: options.perUser }, () => "fast");
  kinds[0] = "typed";
  const place = (kind: ItemKind, count: number) => {
    for (let placed = 0; placed < count; ) {
      const at = 1 + Math.floor(random() * (options.perUser - 1));
      if (kinds[at] !== "fast") continue;
      kinds[at] = kind;
      placed++;
    }
  };
  place("image", options.images);
  place("voice", options.voices);
  place("typed", options.typed);
  return kinds.map((kind, seq) => ({ seq, label: `${who}${String(seq).padStart(4, "0")}`, kind, content: contentOf(who, seq, kind) }));
}

/** Splits `items` into runs to send: consecutive "fast" texts go together in one in-page batch. */
export function batches(items: Item[]): Item[][] {
  const out: Item[][] = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (item.kind === "fast" && last && last[0]!.kind === "fast") last.push(item);
    else out.push([item]);
  }
  return out;
}

/** Picks `count` distinct integers in [from, to]. */
export function pickDistinct(random: () => number, count: number, from: number, to: number): number[] {
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(from + Math.floor(random() * (to - from + 1)));
  return [...chosen].sort((x, y) => x - y);
}
