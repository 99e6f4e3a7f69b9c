// `npm run bench`: runs every bench/*.bench.ts (each in its own process), prints a table and writes bench/results.json.
// Usage: npm run bench [-- name …]   (only the benchmarks whose file name contains one of the names; results are merged)
import { fork } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Benchmark, Metric, Metrics } from "./lib/types";

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(BENCH_DIR, "results.json");

/** Every benchmark file: adding one is adding a `bench/<name>.bench.ts` (see lib/types.ts). */
function benchmarkFiles(filters: string[]): string[] {
  return fs
    .readdirSync(BENCH_DIR)
    .filter((name) => name.endsWith(".bench.ts"))
    .filter((name) => filters.length === 0 || filters.some((f) => name.includes(f)))
    .sort()
    .map((name) => path.join(BENCH_DIR, name));
}

/**
 * Runs one benchmark file in a child process (fresh globals, its own fake-indexeddb). The child
 * announces the benchmark (title, timeout) and then reports its metrics.
 */
function runFile(file: string): Promise<Metrics> {
  return new Promise((resolve, reject) => {
    const child = fork(path.join(BENCH_DIR, "lib/worker.ts"), [file], {
      // BENCH_PROFILE_CLIENT=<dir>: a V8 CPU profile of the benchmark's own process (the app's side).
      execArgv: ["--import", "tsx", ...(process.env.BENCH_PROFILE_CLIENT ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_CLIENT}`] : [])],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let metrics: Metrics | null = null;
    let timer: NodeJS.Timeout | undefined;
    const arm = (seconds: number) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        child.kill("SIGKILL");
        reject(new Error(`timed out after ${seconds} s`));
      }, seconds * 1000);
    };
    arm(60);
    child.on("message", (message: { start?: Pick<Benchmark, "title" | "timeoutSeconds">; metrics?: Metrics }) => {
      if (message.start) {
        console.log(`\n▶ ${message.start.title}`);
        arm(message.start.timeoutSeconds ?? 180);
      }
      if (message.metrics) metrics = message.metrics;
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (metrics) resolve(metrics);
      else reject(new Error(`exited with code ${code} before reporting`));
    });
  });
}

const fmt = (n: number | undefined) => (n === undefined ? "" : Math.abs(n) >= 100 ? String(Math.round(n)) : String(n));

/** The results as a text table (also pasted into the README). */
export function table(metrics: Metrics): string {
  const head = ["metric", "value", "unit", "baseline", "ratio", "goal", "met?"];
  const rows = Object.entries(metrics).map(([name, m]: [string, Metric]) => [
    name,
    fmt(m.value),
    m.unit,
    fmt(m.baseline),
    m.ratio === undefined ? "" : `${m.ratio}×`,
    m.goal ?? "",
    m.met === undefined ? "" : m.met ? "yes" : "NO",
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

async function main(): Promise<void> {
  const filters = process.argv.slice(2);
  const files = benchmarkFiles(filters);
  if (files.length === 0) throw new Error(`no benchmark matches ${filters.join(", ")}`);
  const started = Date.now();
  console.log(`Whispers benchmarks on ${os.cpus().length} cores (${os.cpus()[0]?.model ?? "unknown CPU"}), Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  const results: Metrics = {};
  const failures: string[] = [];
  for (const file of files) {
    const name = path.basename(file, ".bench.ts");
    const t0 = Date.now();
    try {
      Object.assign(results, await runFile(file));
      console.log(`  (${Math.round((Date.now() - t0) / 1000)} s)`);
    } catch (error) {
      failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      console.log(`  FAILED: ${failures[failures.length - 1]}`);
    }
  }
  const previous = filters.length > 0 && fs.existsSync(RESULTS) ? (JSON.parse(fs.readFileSync(RESULTS, "utf8")) as Metrics) : {};
  const merged = { ...previous, ...results };
  fs.writeFileSync(RESULTS, JSON.stringify(merged, null, 2) + "\n");
  console.log(`\n${table(results)}\n`);
  for (const [name, m] of Object.entries(results)) if (m.notes) console.log(`${name}: ${m.notes}`);
  console.log(`\n${Object.keys(results).length} metrics in ${Math.round((Date.now() - started) / 1000)} s → bench/results.json${failures.length ? `; ${failures.length} benchmark(s) failed` : ""}`);
  if (failures.length > 0) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
