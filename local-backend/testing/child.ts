// Test helper: the local backend as a child process (`tsx local-backend/main.ts`), for kill -9 tests.
import { spawn, type ChildProcess } from "node:child_process";
import { ROOT_DIR } from "../server";

export type ChildBackend = { origin: string; process: ChildProcess; output: () => string };

/** Starts `npm run serve`'s command on a free port; resolves once it printed its URL. */
export async function spawnBackend(dataDir: string, extraEnv: Record<string, string> = {}): Promise<ChildBackend> {
  // One process (tsx as a loader), so SIGKILL hits the server itself rather than a wrapper.
  const child = spawn(process.execPath, ["--import", "tsx", "local-backend/main.ts", "--no-seed"], {
    cwd: ROOT_DIR,
    env: { ...process.env, PORT: "0", WHISPERS_DATA_DIR: dataDir, ...extraEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`backend did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/[^\s]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`backend exited with ${code}:\n${output}`));
    });
  });
  return { origin, process: child, output: () => output };
}

/** For configuration errors. */
export async function runCli(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "local-backend/main.ts", "--no-seed"], {
    cwd: ROOT_DIR,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, stderr };
}

export async function killHard(child: ChildBackend): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return;
  const exited = new Promise((resolve) => child.process.once("exit", resolve));
  child.process.kill("SIGKILL");
  await exited;
}
