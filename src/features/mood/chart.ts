// Geometry of the mood-over-time chart: entries → points on a valence scale, the line path, axis ticks and a summary.
import { moodInfo, signed, valenceOf, valenceWord, VALENCE_MAX, VALENCE_MIN } from "./moods";

export type ChartEntry = { mood: string; at: number; note?: string };
export type ChartBox = { width: number; height: number; top: number; right: number; bottom: number; left: number };
export type ChartPoint = { x: number; y: number; at: number; mood: string; valence: number };
export type ChartGeometry = {
  points: ChartPoint[];
  path: string;
  yTicks: { valence: number; y: number }[];
  /** Up to 4 date labels along the bottom. */
  xTicks: { x: number; label: string }[];
  zeroY: number;
};

export const DEFAULT_BOX: ChartBox = { width: 640, height: 220, top: 14, right: 12, bottom: 28, left: 32 };
export const CHART_MAX_ENTRIES = 60;

/** The newest CHART_MAX_ENTRIES, oldest first. */
export function chartEntries<T extends ChartEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.at - b.at).slice(-CHART_MAX_ENTRIES);
}

export function valenceY(valence: number, box: ChartBox = DEFAULT_BOX): number {
  const inner = box.height - box.top - box.bottom;
  return box.top + ((VALENCE_MAX - valence) / (VALENCE_MAX - VALENCE_MIN)) * inner;
}

const shortDate = (at: number) => new Date(at).toLocaleDateString(undefined, { month: "short", day: "numeric" });

/** `entries` in any order. */
export function moodChartGeometry(entries: readonly ChartEntry[], box: ChartBox = DEFAULT_BOX): ChartGeometry {
  const shown = chartEntries(entries);
  const left = box.left;
  const right = box.width - box.right;
  const first = shown[0]?.at ?? 0;
  const span = (shown[shown.length - 1]?.at ?? 0) - first;
  const xOf = (at: number) => (span === 0 ? (left + right) / 2 : left + ((at - first) / span) * (right - left));
  const points = shown.map((e) => {
    const valence = valenceOf(e.mood);
    return { x: round(xOf(e.at)), y: round(valenceY(valence, box)), at: e.at, mood: e.mood, valence };
  });
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x} ${p.y}`).join(" ");
  const yTicks = [];
  for (let v = VALENCE_MAX; v >= VALENCE_MIN; v--) yTicks.push({ valence: v, y: round(valenceY(v, box)) });
  const xTicks = tickTimes(shown.map((e) => e.at)).map((at) => ({ x: round(xOf(at)), label: shortDate(at) }));
  return { points, path, yTicks, xTicks, zeroY: round(valenceY(0, box)) };
}

/** First and last included. */
function tickTimes(times: number[]): number[] {
  if (times.length <= 1) return times;
  const first = times[0];
  const last = times[times.length - 1];
  if (first === last) return [first];
  const count = Math.min(4, times.length);
  return Array.from({ length: count }, (_, i) => first + ((last - first) * i) / (count - 1));
}

const round = (n: number) => Math.round(n * 10) / 10;

/** The chart's text alternative: how many entries over which days, the average and the latest mood. */
export function moodSummary(entries: readonly ChartEntry[]): string {
  const shown = chartEntries(entries);
  if (shown.length === 0) return "No moods recorded yet.";
  const average = shown.reduce((sum, e) => sum + valenceOf(e.mood), 0) / shown.length;
  const latest = shown[shown.length - 1];
  const range =
    shown.length === 1 ? `on ${shortDate(latest.at)}` : `from ${shortDate(shown[0].at)} to ${shortDate(latest.at)}`;
  const count = shown.length === 1 ? "1 entry" : `${shown.length} entries`;
  return (
    `Mood over time, ${count} ${range}: ${valenceWord(average)} on average (${signed(average)} on a scale from -2 to +2). ` +
    `Latest: ${moodInfo(latest.mood).label.toLowerCase()}.`
  );
}
