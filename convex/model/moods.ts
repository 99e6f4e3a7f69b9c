// Moods and mood matching: the fixed mood list, which moods fit together, and how a match is scored.
import type { Doc } from "../_generated/dataModel";
import { fail, quote } from "../lib/errors";
import type { ProfileFields } from "./profiles";

export const MOODS = [
  "happy", "calm", "excited", "grateful", "hopeful", "curious",
  "anxious", "sad", "lonely", "angry", "tired", "bored",
] as const;

export type Mood = (typeof MOODS)[number];

export const NOTE_MAX = 280;

export function checkMood(mood: string): Mood {
  if (!(MOODS as readonly string[]).includes(mood)) fail("INVALID", `Unknown mood ${quote(mood)}.`);
  return mood as Mood;
}

/** Moods that support each other: someone feeling the first is well met by someone feeling the second. */
const COMPLEMENTARY: ReadonlyArray<readonly [Mood, Mood]> = [
  ["anxious", "calm"], ["anxious", "hopeful"], ["sad", "hopeful"], ["sad", "grateful"],
  ["lonely", "grateful"], ["lonely", "happy"], ["angry", "calm"], ["tired", "calm"],
  ["bored", "curious"], ["bored", "excited"],
];
const BRIGHT: ReadonlySet<string> = new Set(["happy", "calm", "excited", "grateful", "hopeful", "curious"]);

/** How well two moods fit, from 0 to 1: the same mood 1, complementary moods 0.8, two bright moods 0.5. */
export function moodCompatibility(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  if (a === b) return 1;
  if (COMPLEMENTARY.some(([x, y]) => (x === a && y === b) || (x === b && y === a))) return 0.8;
  if (BRIGHT.has(a) && BRIGHT.has(b)) return 0.5;
  return 0;
}

/** The moods worth looking up for someone feeling `mood` (compatibility above 0), best first. */
export function compatibleMoods(mood: string | undefined): Mood[] {
  return MOODS.filter((m) => moodCompatibility(mood, m) > 0).sort(
    (x, y) => moodCompatibility(mood, y) - moodCompatibility(mood, x),
  );
}

/** How much each part weighs in a score; the parts of a match add up to its score (0 to 1). */
export const WEIGHTS = { mood: 0.4, interests: 0.3, lifePhase: 0.15, career: 0.15 } as const;

export type ScoreParts = { mood: number; interests: number; lifePhase: number; career: number };
export type MatchFields = Pick<ProfileFields, "mood" | "interests" | "lifePhase" | "career">;
export type Scored = { user: ProfileFields; score: number; parts: ScoreParts; sharedInterests: string[] };

const norm = (text: string) => text.trim().toLowerCase();
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Interests both have (as the candidate wrote them) and their Jaccard similarity. */
export function interestOverlap(mine: string[], theirs: string[]): { shared: string[]; jaccard: number } {
  const own = new Set(mine.map(norm));
  const shared = theirs.filter((interest) => own.has(norm(interest)));
  const union = new Set([...own, ...theirs.map(norm)]).size;
  return { shared, jaccard: union === 0 ? 0 : shared.length / union };
}

/** 1 for the same career, 0.5 for related ones (sharing a word of 3+ letters, e.g. "data engineer"/"software engineer"). */
export function careerSimilarity(a: string | undefined, b: string | undefined): number {
  if (!a || !b) return 0;
  if (norm(a) === norm(b)) return 1;
  const words = (text: string) => new Set(norm(text).split(/[^a-z0-9]+/).filter((w) => w.length >= 3));
  const theirs = words(b);
  return [...words(a)].some((word) => theirs.has(word)) ? 0.5 : 0;
}

/** Scores `candidate` for `viewer`: weighted parts (each already multiplied by its weight) and their sum. */
export function scoreMatch(viewer: MatchFields, candidate: ProfileFields): Scored {
  const { shared, jaccard } = interestOverlap(viewer.interests, candidate.interests);
  const samePhase = !!viewer.lifePhase && !!candidate.lifePhase && norm(viewer.lifePhase) === norm(candidate.lifePhase);
  const parts: ScoreParts = {
    mood: round(WEIGHTS.mood * moodCompatibility(viewer.mood, candidate.mood)),
    interests: round(WEIGHTS.interests * jaccard),
    lifePhase: samePhase ? WEIGHTS.lifePhase : 0,
    career: round(WEIGHTS.career * careerSimilarity(viewer.career, candidate.career)),
  };
  const score = round(parts.mood + parts.interests + parts.lifePhase + parts.career);
  return { user: candidate, score, parts, sharedInterests: shared };
}

/** Best first; equal scores in user id order, so equal inputs always give the same list. */
export function rankMatches(scored: Scored[], limit: number): Scored[] {
  return scored
    .filter((match) => match.score > 0)
    .sort((a, b) => b.score - a.score || (a.user.userId < b.user.userId ? -1 : a.user.userId > b.user.userId ? 1 : 0))
    .slice(0, limit);
}

// ── The mood journal ─────────────────────────────────────────────────────────────────────

/** How many journal entries are kept; older ones fall off as new ones come. */
export const JOURNAL_MAX = 1000;

export type MoodEntry = Doc<"users">["moodJournal"][number];

/** `at` identifies an entry, so one at an already-used time moves 1 ms later; the oldest beyond JOURNAL_MAX drop. */
export function appendEntry(journal: MoodEntry[], entry: MoodEntry): { journal: MoodEntry[]; entry: MoodEntry } {
  const last = journal.length > 0 ? journal[journal.length - 1].at : -Infinity;
  const at = entry.at > last ? entry.at : last + 1;
  const added = { ...entry, at };
  return { journal: [...journal, added].slice(-JOURNAL_MAX), entry: added };
}

export function entryIndex(journal: MoodEntry[], at: number): number {
  const index = journal.findIndex((entry) => entry.at === at);
  if (index < 0) fail("NOT_FOUND", "That mood entry doesn't exist.");
  return index;
}

/** Trimmed; "" means none. */
export function checkNote(note: string | undefined): string | undefined {
  const text = note?.trim();
  if (!text) return undefined;
  if (text.length > NOTE_MAX) fail("INVALID", `A mood note can be at most ${NOTE_MAX} characters.`);
  return text;
}
