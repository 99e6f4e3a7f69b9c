// Chromium for the browser benchmarks: builds the app when dist/ is missing or older than its sources, launches Debian's Chromium.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { findChromium } from "../../scripts/chromium";
import { ROOT } from "../lib/backend";

/** Flags of issue 8's browser benchmarks (headless, no sandbox, no background network). */
export const BENCH_CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** What `vite build` reads: a file here newer than dist/index.html makes dist/ stale. */
const SOURCES = ["src", "public", "index.html", "vite.config.ts", "package.json"];

function newestMtime(file: string): number {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (!stat) return 0;
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) newest = Math.max(newest, newestMtime(path.join(file, entry)));
  return newest;
}

/**
 * `npm run build` when dist/ is missing or older than the app's sources (the local backend serves
 * dist/). BENCH_BUILD=never skips the check, BENCH_BUILD=always forces a build.
 */
export function ensureBuilt(log: (line: string) => void): void {
  const mode = process.env.BENCH_BUILD ?? "auto";
  if (mode === "never") return;
  const built = fs.statSync(path.join(ROOT, "dist", "index.html"), { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (mode !== "always" && built > 0 && built >= sources) return;
  log(`  building the app (dist/ ${built === 0 ? "missing" : "older than src/"})…`);
  const started = Date.now();
  const result = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("npm run build failed");
  log(`  built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Debian's Chromium (or $CHROMIUM_PATH), headless; never a downloaded Playwright browser. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (install Debian's chromium or set CHROMIUM_PATH)");
  return chromium.launch({ executablePath, headless: true, args: BENCH_CHROMIUM_ARGS });
}

/** Median of a list (mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** "load 3.2 on 2 cores": how busy the machine was (wall-clock figures swing with it). */
export function machineLoad(): string {
  return `1-min load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`;
}
