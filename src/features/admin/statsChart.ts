// Geometry of the admin dashboard's 7-day whispers bar chart, and its text alternative.

export type DayCount = { day: string; count: number };
export type Bar = {
  x: number;
  y: number;
  width: number;
  height: number;
  count: number;
  label: string;
  day: string;
  valueY: number;
};
export type BarBox = { width: number; height: number; top: number; bottom: number; side: number; gap: number };
export const BAR_BOX: BarBox = { width: 360, height: 170, top: 20, bottom: 24, side: 4, gap: 10 };

/** 1, 2, 5, 10, 20, 50 … at or above `max`. */
export function niceMax(max: number): number {
  if (max <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * power >= max) return step * power;
  return 10 * power;
}

/** "Mon" for "2025-01-06": UTC day keys, as the server counts days. */
export function weekdayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(date.getTime()) ? day : date.toLocaleDateString(undefined, { weekday: "short", timeZone: "UTC" });
}

export function barGeometry(
  days: readonly DayCount[],
  box: BarBox = BAR_BOX,
): { bars: Bar[]; max: number; baseY: number } {
  const max = niceMax(Math.max(0, ...days.map((d) => d.count)));
  const inner = box.height - box.top - box.bottom;
  const baseY = box.height - box.bottom;
  const n = Math.max(1, days.length);
  const slot = (box.width - 2 * box.side) / n;
  const width = Math.max(2, slot - box.gap);
  const bars = days.map((d, i) => {
    const height = Math.round((Math.max(0, d.count) / max) * inner * 10) / 10;
    const x = Math.round((box.side + i * slot + (slot - width) / 2) * 10) / 10;
    const y = Math.round((baseY - height) * 10) / 10;
    return {
      x,
      y,
      width: Math.round(width * 10) / 10,
      height,
      count: d.count,
      label: weekdayOf(d.day),
      day: d.day,
      valueY: Math.max(12, y - 6),
    };
  });
  return { bars, max, baseY };
}

/** The chart as one sentence: the total, the busiest day and today's count. */
export function barSummary(days: readonly DayCount[]): string {
  if (days.length === 0) return "No whisper counts yet.";
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const busiest = days.reduce((best, d) => (d.count > best.count ? d : best), days[0]);
  const today = days[days.length - 1];
  return (
    `Whispers per day over the last ${days.length} days: ${total} in total. ` +
    `Busiest: ${weekdayOf(busiest.day)} ${busiest.day} with ${busiest.count}. Today: ${today.count}.`
  );
}
