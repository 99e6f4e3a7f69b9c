// Cron schedules: Convex's schedule objects as 5-field UTC cron specs, and the next matching minute.
type Field = Set<number>;
export type CronSpec = { minute: Field; hour: Field; day: Field; month: Field; weekday: Field; dayStar: boolean; weekdayStar: boolean };

const DAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];

function parseField(text: string, min: number, max: number, names: string[] = []): Field {
  const values = new Set<number>();
  for (const part of text.toLowerCase().split(",")) {
    const [rangeText, stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    let from = min;
    let to = max;
    if (rangeText !== "*") {
      const [a, b] = rangeText.split("-").map((v) => (names.includes(v) ? names.indexOf(v) : Number(v)));
      from = a;
      to = b === undefined ? (stepText === undefined ? a : max) : b;
    }
    if (![from, to, step].every(Number.isInteger) || step < 1 || from < min || to > max + (max === 6 ? 1 : 0)) {
      throw new Error(`Invalid cron field "${text}"`);
    }
    for (let v = from; v <= to; v += step) values.add(max === 6 && v === 7 ? 0 : v);
  }
  return values;
}

export function parseCron(expression: string): CronSpec {
  const parts = expression.trim().split(/\s+/);
  if (parts.length !== 5) throw new Error(`Invalid cron expression "${expression}" (need 5 fields)`);
  return {
    minute: parseField(parts[0], 0, 59),
    hour: parseField(parts[1], 0, 23),
    day: parseField(parts[2], 1, 31),
    month: parseField(parts[3], 1, 12),
    weekday: parseField(parts[4], 0, 6, DAYS.map((d) => d.slice(0, 3))),
    dayStar: parts[2] === "*",
    weekdayStar: parts[4] === "*",
  };
}

/** The first whole minute strictly after `after` (ms, UTC) that matches. */
export function nextCronTime(spec: CronSpec, after: number): number {
  const t = new Date(Math.floor(after / 60_000) * 60_000 + 60_000);
  for (let guard = 0; guard < 366 * 24 * 60; guard++) {
    const dayOk = spec.dayStar && spec.weekdayStar
      ? true
      : spec.dayStar
        ? spec.weekday.has(t.getUTCDay())
        : spec.weekdayStar
          ? spec.day.has(t.getUTCDate())
          : spec.day.has(t.getUTCDate()) || spec.weekday.has(t.getUTCDay());
    if (!spec.month.has(t.getUTCMonth() + 1) || !dayOk) {
      t.setUTCHours(24, 0, 0, 0);
      continue;
    }
    if (!spec.hour.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
      continue;
    }
    if (!spec.minute.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
      continue;
    }
    return t.getTime();
  }
  throw new Error("cron expression never matches");
}

type Schedule =
  | { type: "interval"; seconds?: number; minutes?: number; hours?: number }
  | { type: "hourly"; minuteUTC?: number }
  | { type: "daily"; hourUTC: number; minuteUTC?: number }
  | { type: "weekly"; dayOfWeek: string; hourUTC: number; minuteUTC?: number }
  | { type: "monthly"; day: number; hourUTC: number; minuteUTC?: number }
  | { type: "cron"; cron: string };

/** When a Convex cron schedule next fires after `after`. */
export function nextRun(schedule: Schedule, after: number, name: string): number {
  const minute = (m: number | undefined) => m ?? stableMinute(name);
  switch (schedule.type) {
    case "interval": {
      const ms = (schedule.seconds ?? 0) * 1000 + (schedule.minutes ?? 0) * 60_000 + (schedule.hours ?? 0) * 3_600_000;
      return after + Math.max(ms, 1000);
    }
    case "hourly":
      return nextCronTime(parseCron(`${minute(schedule.minuteUTC)} * * * *`), after);
    case "daily":
      return nextCronTime(parseCron(`${minute(schedule.minuteUTC)} ${schedule.hourUTC} * * *`), after);
    case "weekly":
      return nextCronTime(parseCron(`${minute(schedule.minuteUTC)} ${schedule.hourUTC} * * ${DAYS.indexOf(schedule.dayOfWeek)}`), after);
    case "monthly":
      return nextCronTime(parseCron(`${minute(schedule.minuteUTC)} ${schedule.hourUTC} ${schedule.day} * *`), after);
    case "cron":
      return nextCronTime(parseCron(schedule.cron), after);
  }
}

/** Convex spreads unspecified minutes across the hour; a hash of the job name does the same here. */
function stableMinute(name: string): number {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % 60;
}

export type { Schedule as CronSchedule };
