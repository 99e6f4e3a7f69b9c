// Turning a mood match's score parts (each already weighted by the server) into bars and reasons.
import { moodInfo } from "./moods";

export type ScoreParts = { mood: number; interests: number; lifePhase: number; career: number };
export type MatchProfile = {
  _id: string;
  username: string;
  displayName: string;
  mood?: string;
  career?: string;
  interests: string[];
  lifePhase?: string;
  isDeleted?: boolean;
};
export type MoodMatch = { user: MatchProfile; score: number; parts: ScoreParts; sharedInterests: string[] };

/** The most each part can add (the server's WEIGHTS). */
export const PART_MAX: ScoreParts = { mood: 0.4, interests: 0.3, lifePhase: 0.15, career: 0.15 };
const LABELS: Record<keyof ScoreParts, string> = {
  mood: "Mood",
  interests: "Interests",
  lifePhase: "Life phase",
  career: "Career",
};
const ORDER: (keyof ScoreParts)[] = ["mood", "interests", "lifePhase", "career"];

export type ScoreBar = {
  key: keyof ScoreParts;
  label: string;
  /** Out of 100. */
  points: number;
  max: number;
  /** points / max, 0…100. */
  percent: number;
};

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));

/** In a fixed order; values outside 0…max are clamped. */
export function scoreBars(parts: ScoreParts): ScoreBar[] {
  return ORDER.map((key) => {
    const max = Math.round(PART_MAX[key] * 100);
    const points = clamp(Math.round((parts[key] ?? 0) * 100), 0, max);
    return { key, label: LABELS[key], points, max, percent: max === 0 ? 0 : Math.round((points / max) * 100) };
  });
}

export function scorePercent(score: number): number {
  return clamp(Math.round(score * 100), 0, 100);
}

/** Strongest part first. */
export function matchReasons(
  match: MoodMatch,
  viewer: { mood?: string; lifePhase?: string; career?: string },
): string[] {
  const reasons: string[] = [];
  const { parts, user } = match;
  if (parts.mood > 0 && user.mood) {
    const theirs = moodInfo(user.mood).label.toLowerCase();
    const same = viewer.mood === user.mood;
    reasons.push(
      same
        ? `You both feel ${theirs}.`
        : `They feel ${theirs}, a good fit for your ${moodInfo(viewer.mood).label.toLowerCase()} mood.`,
    );
  }
  if (match.sharedInterests.length > 0) {
    const n = match.sharedInterests.length;
    reasons.push(`${n} shared interest${n === 1 ? "" : "s"}.`);
  }
  if (parts.lifePhase > 0 && user.lifePhase) reasons.push(`Same life phase: ${user.lifePhase}.`);
  if (parts.career > 0 && user.career) {
    reasons.push(parts.career >= PART_MAX.career ? `Same career: ${user.career}.` : `Related career: ${user.career}.`);
  }
  return reasons;
}
