// lighthouse_*: Lighthouse 12's performance score (mobile, simulated throttling) of the built app: the sign-in page, and the inbox signed in (first and repeat visit).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext } from "@playwright/test";
import lighthouse, { type Flags, type Result } from "lighthouse";
import { findChromium } from "../scripts/chromium";
import { startBenchBackend, type BenchBackend } from "./lib/backend";
import { defineBenchmark, round, type Metrics } from "./lib/types";
import { BENCH_CHROMIUM_ARGS, ensureBuilt, machineLoad, median } from "./browser/chromium";
import { createPerson, mutations, NAME_SHIM, signIn, waitForServiceWorker, waitForSync } from "./browser/people";
import { plainPages } from "./browser/plainPage";

/** Lighthouse runs per page (the median score is reported: one run swings a few points). */
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
/** BENCH_LIGHTHOUSE_REPORTS=<dir>: every run's full report (JSON) is saved there, for finding where the score goes. */
const REPORTS = process.env.BENCH_LIGHTHOUSE_REPORTS;
const GOAL_SCORE = 95;
const GOAL_CLS = 0.05;
const GOAL_LCP_MS = 2000;
const VIEWER = "lh_viewer";
const PEOPLE = 12;

type Audit = { score: number; fcp: number; lcp: number; tbt: number; cls: number; si: number; diagnostics: string[] };

/** A few people whisper to the viewer, so the inbox has rows to paint. */
async function seed(backend: BenchBackend): Promise<void> {
  const viewerId = await createPerson(backend, VIEWER, "Lighthouse Viewer");
  for (let k = 0; k < PEOPLE; k++) {
    const name = `lh_p${k}`;
    await createPerson(backend, name, `Person ${k}`);
    await mutations(backend, name, "whispers:sendWhisper", { clientId: `lh-whisper-${k}`, recipientId: viewerId, content: `Hello from person ${k}, how was today?` });
  }
}

/** The figures of one report, with the diagnostics that cost the most (for the log and the notes). */
function summarize(lhr: Result): Audit {
  const a = lhr.audits;
  const num = (id: string) => a[id]?.numericValue ?? NaN;
  const diagnostics: string[] = [];
  const shifts = a["layout-shifts"]?.details;
  if (shifts && shifts.type === "table") {
    for (const item of shifts.items.slice(0, 3)) {
      const node = item.node as { selector?: string; snippet?: string } | undefined;
      diagnostics.push(`shift ${Number(item.score).toFixed(3)} ${node?.selector ?? node?.snippet ?? "?"}`);
    }
  }
  for (const id of ["render-blocking-resources", "unused-javascript", "mainthread-work-breakdown", "bootup-time", "largest-contentful-paint-element"]) {
    const audit = a[id];
    if (audit && audit.score !== null && audit.score < 0.9) diagnostics.push(`${id}: ${audit.displayValue ?? audit.score}`);
  }
  return {
    score: Math.round((lhr.categories.performance?.score ?? 0) * 100),
    fcp: num("first-contentful-paint"),
    lcp: num("largest-contentful-paint"),
    tbt: num("total-blocking-time"),
    cls: num("cumulative-layout-shift"),
    si: num("speed-index"),
    diagnostics,
  };
}

/** Chromium (a persistent profile) with a DevTools port Lighthouse connects to; Playwright drives the same profile. */
async function launch(profile: string, origin: string): Promise<{ context: BrowserContext; port: number }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("no Chromium found (install Debian's chromium or set CHROMIUM_PATH)");
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [...BENCH_CHROMIUM_ARGS, "--remote-debugging-port=0"],
    baseURL: origin,
    viewport: { width: 412, height: 823 },
  });
  await context.addInitScript({ content: NAME_SHIM });
  const portFile = path.join(profile, "DevToolsActivePort");
  for (let i = 0; i < 100 && !fs.existsSync(portFile); i++) await new Promise((r) => setTimeout(r, 50));
  const port = Number(fs.readFileSync(portFile, "utf8").split("\n")[0]);
  return { context, port };
}

/**
 * `RUNS` Lighthouse navigations of `url` (performance only, mobile defaults: simulated slow 4G and
 * 4× CPU). Lighthouse's default storage reset clears the HTTP cache, the service worker and its
 * caches but keeps IndexedDB, localStorage and cookies (a first visit of a signed-in person);
 * `repeat` keeps everything (the service worker serves the second visit).
 */
async function audit(port: number, url: string, repeat: boolean, log: (line: string) => void, label: string, count = RUNS): Promise<Audit[]> {
  const flags: Flags = { port, onlyCategories: ["performance"], logLevel: "error", disableStorageReset: repeat };
  const runs: Audit[] = [];
  for (let i = 0; i < count; i++) {
    const result = await lighthouse(url, flags);
    if (!result) throw new Error(`Lighthouse returned no result for ${url}`);
    if (result.lhr.runtimeError) throw new Error(`Lighthouse: ${result.lhr.runtimeError.message}`);
    const run = summarize(result.lhr);
    if (REPORTS) fs.writeFileSync(path.join(REPORTS, `${label.replace(/\W+/g, "-")}-${i + 1}.json`), JSON.stringify(result.lhr));
    runs.push(run);
    log(
      `  ${label} #${i + 1}: score ${run.score}, FCP ${Math.round(run.fcp)} ms, LCP ${Math.round(run.lcp)} ms, TBT ${Math.round(run.tbt)} ms, ` +
        `CLS ${run.cls.toFixed(3)}, SI ${Math.round(run.si)} ms${run.diagnostics.length ? ` — ${run.diagnostics.join("; ")}` : ""}`,
    );
  }
  return runs;
}

/** The run with the median score (its figures belong together). */
function medianRun(runs: Audit[]): Audit {
  const sorted = [...runs].sort((a, b) => a.score - b.score);
  return sorted[(sorted.length - 1) >> 1]!;
}

const figures = (r: Audit) => `FCP ${Math.round(r.fcp)} ms, LCP ${Math.round(r.lcp)} ms, TBT ${Math.round(r.tbt)} ms, CLS ${r.cls.toFixed(3)}`;

export default defineBenchmark({
  title: "lighthouse: Lighthouse 12 performance (mobile, simulated throttling) of the sign-in page and the signed-in inbox (vs a plain ConvexClient page)",
  timeoutSeconds: 600,
  async run(log) {
    ensureBuilt(log);
    const backend = await startBenchBackend();
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), "whispers-bench-lh-"));
    const { context, port } = await launch(profile, backend.origin);
    try {
      await seed(backend);
      // A first visit: a fresh profile that never opened the app.
      const signin = await audit(port, `${backend.origin}/signin`, false, log, "sign-in, first visit");

      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(backend.origin);
      await signIn(page, VIEWER);
      await waitForSync(page);
      await waitForServiceWorker(page);
      await page.goto("about:blank");
      const inboxFirst = await audit(port, `${backend.origin}/`, false, log, "inbox, first visit");
      // The repeat visit: the previous run's caches (the service worker is installed again by the first of these).
      await audit(port, `${backend.origin}/`, true, log, "inbox, warming the service worker", 1);
      const inboxRepeat = await audit(port, `${backend.origin}/`, true, log, "inbox, repeat visit");

      // Baseline: a plain page with the stock ConvexClient listing the same conversations.
      const token = await backend.token(VIEWER);
      const plainUrl = plainPages(backend.origin).url(
        `const client = new convex.ConvexClient(${JSON.stringify(backend.origin)}, { unsavedChangesWarning: false, skipConvexDeploymentUrlCheck: true });` +
          `client.setAuth(async () => ${JSON.stringify(token)});` +
          `const title = document.createElement("h1"); title.textContent = "Conversations"; document.body.prepend(title);` +
          `client.onUpdate(convex.anyApi.conversations.list, {}, (rows) => { document.getElementById("list").replaceChildren(...rows.map((c) => {` +
          `const li = document.createElement("li"); li.textContent = ((c.counterpart && c.counterpart.displayName) || "Someone") + " " + (c.lastWhisperPreview || ""); return li; })); });`,
      );
      const plain = medianRun(await audit(port, plainUrl, false, log, "baseline, plain ConvexClient page"));

      const signinRun = medianRun(signin);
      const firstRun = medianRun(inboxFirst);
      const repeatRun = medianRun(inboxRepeat);
      const scores = (runs: Audit[]) => runs.map((r) => r.score).join(", ");
      const common =
        `Lighthouse 12.2.3, performance category only, mobile defaults (simulated slow 4G, 4× CPU slowdown, Moto G Power screen), ` +
        `against the built app (dist/) served by a bench backend; median of ${RUNS} runs. Baseline: the same audit of a plain page with the stock ` +
        `ConvexClient listing the viewer's conversations (${plain.score}; ${figures(plain)}). Measured at ${machineLoad()}.`;
      const metrics: Metrics = {
        lighthouse_perf_signin: {
          value: signinRun.score,
          unit: "score",
          baseline: plain.score,
          ratio: round(signinRun.score / plain.score, 2),
          goal: `≥ ${GOAL_SCORE}`,
          met: signinRun.score >= GOAL_SCORE,
          notes: `/signin in a fresh profile (first visit): scores ${scores(signin)}; the median run: ${figures(signinRun)}. ${common}`,
        },
        lighthouse_perf_inbox: {
          value: firstRun.score,
          unit: "score",
          baseline: plain.score,
          ratio: round(firstRun.score / plain.score, 2),
          goal: `≥ ${GOAL_SCORE}`,
          met: firstRun.score >= GOAL_SCORE,
          notes:
            `/ signed in (${PEOPLE} conversations), first visit: Lighthouse's storage reset clears the HTTP cache, the service worker and its caches, ` +
            `keeps IndexedDB and localStorage (the session); scores ${scores(inboxFirst)}; the median run: ${figures(firstRun)}. ${common}`,
        },
        lighthouse_perf_inbox_repeat: {
          value: repeatRun.score,
          unit: "score",
          baseline: plain.score,
          ratio: round(repeatRun.score / plain.score, 2),
          goal: `≥ ${GOAL_SCORE}`,
          met: repeatRun.score >= GOAL_SCORE,
          notes:
            `/ signed in, repeat visit (no storage reset: the service worker and HTTP cache of the visit before); scores ${scores(inboxRepeat)}; ` +
            `the median run: ${figures(repeatRun)}. ${common}`,
        },
        cls_signin: {
          value: round(signinRun.cls, 3),
          unit: "CLS",
          baseline: round(plain.cls, 3),
          goal: `< ${GOAL_CLS}`,
          met: signinRun.cls < GOAL_CLS,
          notes: `Cumulative layout shift of /signin, first visit (the median-score run; all runs ${signin.map((r) => r.cls.toFixed(3)).join(", ")}).`,
        },
        lcp_signin: {
          value: round(signinRun.lcp, 0),
          unit: "ms",
          baseline: round(plain.lcp, 0),
          ratio: round(signinRun.lcp / plain.lcp, 2),
          goal: `< ${GOAL_LCP_MS} ms`,
          met: signinRun.lcp < GOAL_LCP_MS,
          notes: `Largest contentful paint of /signin, first visit, simulated (median of runs ${Math.round(median(signin.map((r) => r.lcp)))} ms). ratio = value / baseline.`,
        },
      };
      return metrics;
    } finally {
      await context.close();
      await backend.stop();
      fs.rmSync(profile, { recursive: true, force: true });
    }
  },
});
