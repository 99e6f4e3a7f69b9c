// The chaos test's own local backend: a child process on a fixed free port and data dir that can be killed -9 and restarted.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuilt, freePort, ROOT } from "./server";

export type ChaosBackend = {
  /** http://127.0.0.1:<port>, the same across restarts. */
  url: string;
  dataDir: string;
  /** How many times the server process was started. */
  starts(): number;
  /** Everything every server process printed (for failure messages). */
  output(): string;
  /** SIGKILL: no shutdown, no snapshot; only what the write-ahead log fsync'ed survives. */
  kill9(): Promise<void>;
  /** Starts the server again on the same port and data directory and waits for /health. */
  restart(): Promise<void>;
  /** Stops the server (SIGTERM, then SIGKILL) and deletes the data directory. */
  stop(): Promise<void>;
};

const HEALTH_TIMEOUT_MS = 60_000;

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(2_000) });
    return response.ok && ((await response.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

function running(child: ChildProcess | null): child is ChildProcess {
  return child !== null && child.exitCode === null && child.signalCode === null;
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (!running(child)) return resolve();
    child.once("exit", () => resolve());
  });
}

/**
 * Starts `node --import tsx local-backend/main.ts --no-seed` (the server itself, not npm, so a
 * kill reaches it) with RATE_LIMIT_SCALE=1000: 300 whispers per person in a few minutes would
 * otherwise hit the whisper limit (burst 120, then 60 a minute), which is not what this tests.
 */
export async function startChaosBackend(): Promise<ChaosBackend> {
  ensureBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "whispers-chaos-data-"));
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  let log = "";
  let count = 0;

  const launch = async () => {
    count += 1;
    const generation = count;
    log += `\n--- server start #${generation} ---\n`;
    const proc = spawn(process.execPath, ["--import", "tsx", "local-backend/main.ts", "--no-seed"], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        WHISPERS_DATA_DIR: dataDir,
        RATE_LIMIT_SCALE: "1000",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child = proc;
    proc.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    proc.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    proc.once("exit", (code, signal) => (log += `--- server #${generation} exited (${signal ?? code}) ---\n`));
    const deadline = Date.now() + HEALTH_TIMEOUT_MS;
    while (!(await healthy(url))) {
      if (!running(proc)) throw new Error(`The chaos backend exited while starting:\n${log}`);
      if (Date.now() > deadline) throw new Error(`The chaos backend did not answer /health in time:\n${log}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  const kill9 = async () => {
    const proc = child;
    if (!running(proc)) throw new Error("kill9: the chaos backend is not running");
    proc.kill("SIGKILL");
    await exited(proc);
  };

  // If the test process goes away without stop() (a killed worker), the server goes with it.
  const reap = () => {
    if (running(child)) child.kill("SIGKILL");
  };
  process.once("exit", reap);
  await launch().catch((error: unknown) => {
    reap();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  });
  return {
    url,
    dataDir,
    starts: () => count,
    output: () => log,
    kill9,
    async restart() {
      if (running(child)) throw new Error("restart: the chaos backend is still running");
      await launch();
    },
    async stop() {
      process.off("exit", reap);
      const proc = child;
      if (running(proc)) {
        proc.kill("SIGTERM");
        const timer = setTimeout(() => proc.kill("SIGKILL"), 10_000);
        await exited(proc);
        clearTimeout(timer);
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
