// The 12 moods the server accepts (convex/model/moods.ts MOODS), with their words and a valence for the chart (faces: MoodFace.tsx).
export { NOTE_MAX } from "../../../convex/model/moods";

export type MoodInfo = { id: string; label: string; valence: number };

/** Valence: -2 (very low) … +2 (very bright); same order as the server's MOODS. */
export const MOOD_LIST: readonly MoodInfo[] = [
  { id: "happy", label: "Happy", valence: 2 },
  { id: "calm", label: "Calm", valence: 1 },
  { id: "excited", label: "Excited", valence: 2 },
  { id: "grateful", label: "Grateful", valence: 2 },
  { id: "hopeful", label: "Hopeful", valence: 1 },
  { id: "curious", label: "Curious", valence: 1 },
  { id: "anxious", label: "Anxious", valence: -1 },
  { id: "sad", label: "Sad", valence: -2 },
  { id: "lonely", label: "Lonely", valence: -2 },
  { id: "angry", label: "Angry", valence: -2 },
  { id: "tired", label: "Tired", valence: -1 },
  { id: "bored", label: "Bored", valence: -1 },
];

export const MOOD_IDS: readonly string[] = MOOD_LIST.map((m) => m.id);
export const VALENCE_MIN = -2;
export const VALENCE_MAX = 2;

const BY_ID = new Map(MOOD_LIST.map((m) => [m.id, m]));

/** An unknown mood (a newer server's) shows as neutral with its raw name. */
export function moodInfo(id: string | undefined): MoodInfo {
  if (id && BY_ID.has(id)) return BY_ID.get(id)!;
  const label = id ? id.charAt(0).toUpperCase() + id.slice(1) : "No mood";
  return { id: id ?? "", label, valence: 0 };
}

export function valenceOf(id: string | undefined): number {
  return moodInfo(id).valence;
}

export function valenceWord(valence: number): string {
  if (valence >= 1.25) return "bright";
  if (valence >= 0.25) return "mostly positive";
  if (valence > -0.25) return "mixed";
  if (valence > -1.25) return "a bit low";
  return "low";
}

/** "+1.5", "0", "-0.3": a signed valence for labels. */
export function signed(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded === 0 ? 0 : rounded);
}
