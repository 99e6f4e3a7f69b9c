// The scale suite's report: a path's peak figures per function against Convex's limits, printed as a table, and the 50% rule asserted.
import { appendFileSync } from "node:fs";
import { expect } from "vitest";
import { type Figures, LIMITS, type Measured, type Run } from "./harness.fixtures";

/** No function may use more than this share of any limit at these sizes (DESIGN.md, "Convex's limits are part of the API"). */
export const HEADROOM = 0.5;

const MiB = (n: number) => `${(n / 2 ** 20).toFixed(n >= 2 ** 20 ? 1 : 2)}M`;
const count = (n: number) => n.toLocaleString("en-US");

const COLUMNS: { key: keyof Figures; title: string; format: (n: number) => string }[] = [
  { key: "bytesRead", title: "bytes read", format: MiB },
  { key: "documentsRead", title: "docs read", format: count },
  { key: "databaseQueries", title: "index ranges", format: count },
  { key: "documentsWritten", title: "docs written", format: count },
  { key: "bytesWritten", title: "bytes written", format: MiB },
  { key: "functionsScheduled", title: "scheduled", format: count },
  { key: "returnBytes", title: "returned", format: MiB },
  { key: "largestArray", title: "longest array", format: count },
];

const percent = (key: keyof Figures, value: number) => Math.round((100 * value) / LIMITS[key]);

function peaks(runs: Run[]): Figures {
  const peak = Object.fromEntries(COLUMNS.map(({ key }) => [key, 0])) as Figures;
  for (const run of runs) for (const { key } of COLUMNS) peak[key] = Math.max(peak[key], run.figures[key]);
  return peak;
}

/** One line per function (its runs, failures and peak figures), then the path's peak as a share of each limit. */
export function table(title: string, measured: Measured): string {
  const byFn = new Map<string, Run[]>();
  for (const run of measured.runs) byFn.set(run.fn, [...(byFn.get(run.fn) ?? []), run]);
  const header = ["function", "runs", ...COLUMNS.map((c) => c.title)];
  const rows = [...byFn].map(([fn, runs]) => {
    const peak = peaks(runs);
    const failed = runs.filter((run) => run.error !== undefined).length;
    return [fn, failed ? `${runs.length} (${failed} failed)` : String(runs.length), ...COLUMNS.map((c) => `${c.format(peak[c.key])} ${percent(c.key, peak[c.key])}%`)];
  });
  const all = peaks(measured.runs);
  rows.push(["peak, % of limit", String(measured.runs.length), ...COLUMNS.map((c) => `${percent(c.key, all[c.key])}%`)]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  const outcome = measured.error === undefined ? "completed" : `FAILED: ${message(measured.error)}`;
  return [`── scale: ${title} (${measured.seconds.toFixed(1)} s, ${outcome})`, line(header), ...rows.map(line)].join("\n");
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split("\n")[0];
}

/** Prints the table (and appends it to $SCALE_REPORT when set). */
export function report(title: string, measured: Measured): void {
  const text = table(title, measured);
  console.log(text);
  if (process.env.SCALE_REPORT) appendFileSync(process.env.SCALE_REPORT, text + "\n\n");
}

/**
 * Reports the path, then asserts it completed, every one of its runs succeeded, it measured
 * something (it read and queried), and no run used more than HEADROOM of any limit. The
 * failure lists every problem: the path's error, each function's distinct errors, each
 * function's worst figure over the headroom.
 */
export function expectWithinHeadroom(title: string, measured: Measured): void {
  report(title, measured);
  const problems: string[] = [];
  if (measured.error !== undefined) problems.push(`the path failed: ${message(measured.error)}`);
  const errors = new Map<string, number>();
  for (const run of measured.runs) {
    if (run.error !== undefined) {
      const key = `${run.fn} failed: ${run.error.split("\n")[0]}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
    }
  }
  for (const [text, times] of errors) problems.push(times > 1 ? `${text} (${times} runs)` : text);
  const worst = new Map<string, { run: Run; key: keyof Figures }>();
  for (const run of measured.runs) {
    for (const { key } of COLUMNS) {
      if (run.figures[key] <= HEADROOM * LIMITS[key]) continue;
      const id = `${run.fn} ${key}`;
      const seen = worst.get(id);
      if (!seen || seen.run.figures[key] < run.figures[key]) worst.set(id, { run, key });
    }
  }
  for (const { run, key } of worst.values()) {
    const column = COLUMNS.find((c) => c.key === key)!;
    problems.push(`${run.fn}: ${column.title} ${column.format(run.figures[key])} of ${column.format(LIMITS[key])} (${percent(key, run.figures[key])}%)`);
  }
  expect(problems, `${title}: every run within ${HEADROOM * 100}% of Convex's limits`).toEqual([]);
  const all = peaks(measured.runs);
  expect(measured.runs.length, `${title}: ran something`).toBeGreaterThan(0);
  expect(all.bytesRead, `${title}: read something`).toBeGreaterThan(0);
  expect(all.databaseQueries, `${title}: queried something`).toBeGreaterThan(0);
}
