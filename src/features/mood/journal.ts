// Grouping the mood journal into days for the timeline ("Today", "Yesterday", then dates), newest first.

export type JournalEntry = { mood: string; note?: string; at: number; pending?: boolean };
export type JournalDay = { key: string; label: string; entries: JournalEntry[] };

const dayKey = (at: number) => {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
};

export function dayLabel(at: number, now = Date.now()): string {
  if (dayKey(at) === dayKey(now)) return "Today";
  if (dayKey(at) === dayKey(now - 86_400_000)) return "Yesterday";
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear();
  return new Date(at).toLocaleDateString(undefined, {
    weekday: "short",
    month: "short",
    day: "numeric",
    ...(sameYear ? {} : { year: "numeric" }),
  });
}

/** By local day, newest first. */
export function groupByDay(entries: readonly JournalEntry[], now = Date.now()): JournalDay[] {
  const sorted = [...entries].sort((a, b) => b.at - a.at);
  const days: JournalDay[] = [];
  for (const entry of sorted) {
    const key = dayKey(entry.at);
    const last = days[days.length - 1];
    if (last?.key === key) last.entries.push(entry);
    else days.push({ key, label: dayLabel(entry.at, now), entries: [entry] });
  }
  return days;
}

