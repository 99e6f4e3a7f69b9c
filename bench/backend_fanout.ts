// Fan-out benchmark of the local backend: N clients × 10 live queries; how fast a mutation reaches the others.
// Run: node --import tsx bench/backend_fanout.ts   (BENCH_CLIENTS, BENCH_MESSAGES, BENCH_BASELINE_MESSAGES, BENCH_BASELINE=0)
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { WebSocket } from "../local-backend/ws";
import { DevAuth } from "../local-backend/auth/devAuth";

const api = anyApi;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 15);
const FLAG_ROUNDS = Number(process.env.BENCH_FLAG_ROUNDS ?? 6);

type Mode = "reads" | "all";
type Stats = { samples: number; p50: number; p99: number; max: number; runsPerCommit?: number };
type Page = { changes: { doc: { content?: string } | null }[] };
type Flag = { name: string; enabled: boolean };

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
  return { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

async function startServer(mode: Mode, dataDir: string): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["--import", "tsx", "local-backend/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", WHISPERS_DATA_DIR: dataDir, WHISPERS_INVALIDATION: mode },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`server exited (${code}):\n${output}`)));
  });
  return { origin, child };
}

class BenchClient {
  readonly client: ConvexClient;
  pull: Page | null = null;
  flags: Flag[] | null = null;
  private waiters: (() => void)[] = [];

  constructor(origin: string, token: string) {
    this.client = new ConvexClient(origin, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      skipConvexDeploymentUrlCheck: true,
    });
    this.client.setAuth(async () => token);
  }

  /** Ten live queries, like an app screen: the sync feed, profile, flags, lists. */
  subscribe(): Promise<void> {
    const subs: [unknown, Record<string, unknown>, (v: unknown) => void][] = [
      [api.sync.pull, { cursor: 0 }, (v) => (this.pull = v as Page)],
      [api.featureFlags.list, {}, (v) => (this.flags = v as Flag[])],
      [api.users.me, {}, () => undefined],
      [api.conversations.list, {}, () => undefined],
      [api.friends.list, {}, () => undefined],
      [api.skills.mine, {}, () => undefined],
      [api.skills.myMatches, {}, () => undefined],
      [api.admin.myRole, {}, () => undefined],
      [api.whispers.listScheduled, {}, () => undefined],
      [api.echoChambers.discover, {}, () => undefined],
    ];
    let pending = subs.length;
    return new Promise((resolve) => {
      for (const [ref, args, onValue] of subs) {
        let first = true;
        this.client.onUpdate(
          ref as never,
          args as never,
          (value: unknown) => {
            onValue(value);
            if (first && --pending === 0) resolve();
            first = false;
            for (const wake of this.waiters.splice(0)) wake();
          },
          () => {
            if (first && --pending === 0) resolve();
            first = false;
          },
        );
      }
    });
  }

  until(predicate: () => boolean): Promise<number> {
    return new Promise((resolve) => {
      const check = () => {
        if (predicate()) resolve(performance.now());
        else this.waiters.push(check);
      };
      check();
    });
  }
}

async function runMode(mode: Mode, messages: number): Promise<{ pair: Stats; broadcast: Stats }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "whispers-bench-"));
  const { origin, child } = await startServer(mode, dataDir);
  try {
    const auth = await DevAuth.open(dataDir, origin);
    const names = Array.from({ length: CLIENTS }, (_, i) => `bench${String(i).padStart(3, "0")}`);
    const ids: string[] = [];
    for (const name of names) {
      const http = new ConvexHttpClient(origin, { skipConvexDeploymentUrlCheck: true });
      http.setAuth(await auth.issue(name));
      ids.push(((await http.mutation(api.users.ensureViewer, {})) as { _id: string })._id);
    }
    const clients = await Promise.all(names.map(async (name) => new BenchClient(origin, await auth.issue(name))));
    await Promise.all(clients.map((c) => c.subscribe()));

    const queryRuns = async () => ((await (await fetch(`${origin}/health`)).json()) as { queryRuns: number }).queryRuns;
    // One person whispers to another: how long until the recipient's sync feed shows it.
    const pair: number[] = [];
    const runsBeforePairs = await queryRuns();
    for (let k = 0; k < messages; k++) {
      const from = k % CLIENTS;
      const to = (from + 1 + ((k * 37) % (CLIENTS - 1))) % CLIENTS;
      const marker = `bench message ${k}`;
      const seen = clients[to].until(() => clients[to].pull?.changes.some((c) => c.doc?.content === marker) ?? false);
      const started = performance.now();
      await clients[from].client.mutation(api.whispers.sendWhisper, { clientId: `bench-${mode}-${k}-x`, recipientId: ids[to], content: marker });
      pair.push((await seen) - started);
    }

    const pairRuns = (await queryRuns()) - runsBeforePairs;
    // An admin flips a feature flag: every client's flags (and sync feed) re-run.
    const admin = new BenchClient(origin, await auth.issue("admin"));
    await admin.subscribe();
    const broadcast: number[] = [];
    const runsBeforeFlags = await queryRuns();
    for (let round = 0; round < FLAG_ROUNDS; round++) {
      const enabled = round % 2 === 1;
      const shows = (c: BenchClient) => c.flags?.find((f) => f.name === "MOOD_MATCH")?.enabled === enabled;
      const seen = clients.map((c) => c.until(() => shows(c)));
      const started = performance.now();
      await admin.client.mutation(api.featureFlags.set, { name: "MOOD_MATCH", enabled });
      for (const at of await Promise.all(seen)) broadcast.push(at - started);
    }
    const flagRuns = (await queryRuns()) - runsBeforeFlags;
    await Promise.all([...clients, admin].map((c) => c.client.close()));
    return {
      pair: { ...stats(pair), runsPerCommit: pairRuns / messages },
      broadcast: { ...stats(broadcast), runsPerCommit: flagRuns / FLAG_ROUNDS },
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function row(label: string, s: Stats): string {
  return `${label.padEnd(44)} n=${String(s.samples).padStart(4)}  p50=${s.p50.toFixed(1).padStart(7)} ms  p99=${s.p99.toFixed(1).padStart(7)} ms  max=${s.max.toFixed(1).padStart(7)} ms  queries re-run per commit=${(s.runsPerCommit ?? NaN).toFixed(1)}`;
}

async function main(): Promise<void> {
  console.log(`backend fan-out: ${CLIENTS} clients × 10 subscriptions`);
  const tracked = await runMode("reads", MESSAGES);
  console.log(row("whisper → recipient (re-run affected only)", tracked.pair));
  console.log(row("flag flip → every client (re-run affected)", tracked.broadcast));
  if (process.env.BENCH_BASELINE !== "0") {
    const baseline = await runMode("all", BASELINE_MESSAGES);
    console.log(row("whisper → recipient (baseline: re-run all)", baseline.pair));
    console.log(row("flag flip → every client (baseline: re-run all)", baseline.broadcast));
    console.log(
      `speed-up vs re-running every query: whisper p50 ×${(baseline.pair.p50 / tracked.pair.p50).toFixed(1)}, p99 ×${(baseline.pair.p99 / tracked.pair.p99).toFixed(1)}; ` +
        `flag flip p99 ×${(baseline.broadcast.p99 / tracked.broadcast.p99).toFixed(1)}`,
    );
  }
  const goal = tracked.pair.p99 < 100;
  console.log(`goal (whisper reaches the recipient, p99 < 100 ms): ${goal ? "met" : "NOT met"} (${tracked.pair.p99.toFixed(1)} ms)`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
