// Formatting of times, days and durations for whispers and lists (the person's locale).

const time = new Intl.DateTimeFormat(undefined, { hour: "numeric", minute: "2-digit" });
const weekday = new Intl.DateTimeFormat(undefined, { weekday: "short" });
const shortDate = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" });
const longDate = new Intl.DateTimeFormat(undefined, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
const dateTime = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", hour: "numeric", minute: "2-digit" });

const DAY = 86_400_000;

function startOfDay(ms: number): number {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** "14:05" */
export function formatTime(ms: number): string {
  return time.format(ms);
}

/** For a list row: the time today, the weekday this week, else the date. */
export function formatListTime(ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / DAY);
  if (days <= 0) return time.format(ms);
  if (days < 7) return weekday.format(ms);
  return shortDate.format(ms);
}

/** A day separator: "Today", "Yesterday" or the full date. */
export function formatDay(ms: number, now = Date.now()): string {
  const days = Math.round((startOfDay(now) - startOfDay(ms)) / DAY);
  if (days === 0) return "Today";
  if (days === 1) return "Yesterday";
  return longDate.format(ms);
}

/** "Tue 3 Jun, 14:05" */
export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** Seconds as m:ss ("0:07", "1:58"), whole seconds down like the browser's player (a short clip shows 0:01). */
export function formatDuration(seconds: number): string {
  const s = seconds > 0 && seconds < 1 ? 1 : Math.max(0, Math.floor(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Local midnight. */
export function dayKey(ms: number): number {
  return startOfDay(ms);
}

export function errorText(error: unknown): string {
  const data = (error as { data?: unknown } | null)?.data;
  if (data && typeof data === "object" && typeof (data as { message?: unknown }).message === "string") {
    return (data as { message: string }).message;
  }
  if (error instanceof Error) return error.message.replace(/^\[CONVEX[^\]]*\]\s*/, "").replace(/^Uncaught ConvexError:\s*/, "");
  return String(error);
}
