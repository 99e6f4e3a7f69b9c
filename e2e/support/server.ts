// Starts the whole product (`npm run serve`: the local backend + dist/) on a free port with a fresh data dir, for e2e specs.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");

export type WhispersServer = {
  /** http://127.0.0.1:<port> */
  url: string;
  dataDir: string;
  /** Everything the server printed (for failure messages). */
  output(): string;
  /** Stops the server and deletes its data directory. */
  stop(): Promise<void>;
};

export type StartOptions = {
  /** Seed the demo accounts (default true). */
  seed?: boolean;
  /** Extra environment variables for the server. */
  env?: Record<string, string>;
  /** How long to wait for /health (ms). */
  timeoutMs?: number;
};

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Builds the app once when dist/ is missing (`npm run build`); set E2E_REBUILD=1 to force a build. */
export function ensureBuilt(): void {
  if (existsSync(path.join(ROOT, "dist", "index.html")) && process.env.E2E_REBUILD !== "1") return;
  const result = spawnSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error("npm run build failed");
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/health`);
    return response.ok && ((await response.json()) as { ok?: boolean }).ok === true;
  } catch {
    return false;
  }
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
  });
}

/**
 * Runs `npm run serve`'s command (node --import tsx local-backend/main.ts, spawned directly so
 * stop() reaches the server itself) with PORT and a fresh WHISPERS_DATA_DIR, and waits for /health.
 */
export async function startServer(options: StartOptions = {}): Promise<WhispersServer> {
  ensureBuilt();
  const port = await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), "whispers-e2e-data-"));
  const url = `http://127.0.0.1:${port}`;
  const args = ["--import", "tsx", "local-backend/main.ts", ...(options.seed === false ? ["--no-seed"] : [])];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", WHISPERS_DATA_DIR: dataDir, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!(await healthy(url))) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`The Whispers server exited (${child.exitCode}):\n${log}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The Whispers server did not answer /health in time:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, dataDir, output: () => log, stop };
}
