// A local backend for one benchmark: a child process on a free port with a fresh temp data dir, stopped after.
import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export type BenchBackendOptions = {
  /** Demo data (default false). */
  seed?: boolean;
  /** "all" = re-run every subscribed query on each commit (the fan-out baseline). */
  invalidation?: "reads" | "all";
  /** Extra environment for the functions (RATE_LIMIT_SCALE is 1000 unless given). */
  env?: Record<string, string>;
};

export type BenchBackend = {
  origin: string;
  dataDir: string;
  /** A development sign-in token for `username`. */
  token(username: string): Promise<string>;
  /** Runs a server-side helper of backendProcess.ts. */
  command<T>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** GET /health. */
  health(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
};

type Reply = { id: number; result?: unknown; error?: string } | { ready: true; origin: string };

/**
 * Starts the local backend in its own process (so on this 2-core machine the server and the
 * benchmark's clients run side by side, as they would on two machines). RATE_LIMIT_SCALE=1000:
 * the whisper limit (burst 120, then 60/min) would otherwise stop the 1,000-whisper drain.
 */
export async function startBenchBackend(options: BenchBackendOptions = {}): Promise<BenchBackend> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "whispers-bench-"));
  const child: ChildProcess = fork(
    path.join(ROOT, "bench/lib/backendProcess.ts"),
    [JSON.stringify({ dataDir, seed: options.seed ?? false, invalidation: options.invalidation ?? "reads" })],
    {
      cwd: ROOT,
      // BENCH_PROFILE_BACKEND=<dir>: a V8 CPU profile of the backend process (for finding what is slow).
      execArgv: ["--import", "tsx", ...(process.env.BENCH_PROFILE_BACKEND ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_BACKEND}`] : [])],
      env: { ...process.env, RATE_LIMIT_SCALE: "1000", ...options.env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let exited = false;
  const origin = await new Promise<string>((resolve, reject) => {
    child.on("message", (reply: Reply) => {
      if ("ready" in reply) return resolve(reply.origin);
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.error !== undefined) waiter?.reject(new Error(`backend: ${reply.error}`));
      else waiter?.resolve(reply.result);
    });
    child.once("exit", (code) => {
      exited = true;
      const error = new Error(`the benchmark's backend exited (${code})`);
      reject(error);
      for (const waiter of pending.values()) waiter.reject(error);
      pending.clear();
    });
  });
  const command = <T>(name: string, args: Record<string, unknown> = {}): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (exited) return reject(new Error("the benchmark's backend is not running"));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, command: name, args });
    });
  return {
    origin,
    dataDir,
    async token(username) {
      const response = await fetch(`${origin}/auth/dev/token`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username }),
      });
      if (!response.ok) throw new Error(`sign-in as ${username} failed: ${response.status}`);
      return ((await response.json()) as { token: string }).token;
    },
    command,
    async health() {
      return (await (await fetch(`${origin}/health`)).json()) as Record<string, unknown>;
    },
    async stop() {
      if (!exited) {
        const gone = new Promise((resolve) => child.once("exit", resolve));
        // A clean stop (the data is saved, a profile written); killed if it takes more than 15 s.
        const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
        await command("stop").catch(() => undefined);
        await gone;
        clearTimeout(timer);
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
