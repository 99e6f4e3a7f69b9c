// Entry point of `npm start` / `npm run dev` / `npm run serve`: the local backend and the app on one origin.
import fs from "node:fs";
import { readConfig } from "./config";
import { ConfigError } from "./listen";
import { startLocalBackend, type LocalBackend } from "./server";

function fail(message: string): never {
  process.stderr.write(`whispers: ${message}\n`);
  process.exit(1);
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e?.code === "EACCES" || e?.code === "EPERM" || e?.code === "ENOTDIR" || e?.code === "EROFS") {
    return `cannot use the data directory (${e.code}${e.path ? ` on ${e.path}` : ""}); set WHISPERS_DATA_DIR to a writable directory`;
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    fail(describe(error));
  }
  let backend: LocalBackend;
  try {
    if (fs.existsSync(config.dataDir) && !fs.statSync(config.dataDir).isDirectory()) {
      throw new ConfigError(`WHISPERS_DATA_DIR ${config.dataDir} is not a directory`);
    }
    backend = await startLocalBackend({
      port: config.port,
      host: config.host,
      dataDir: config.dataDir,
      dev: config.dev,
      seed: config.seed,
      invalidation: config.invalidation,
    });
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error as NodeJS.ErrnoException)?.code) console.error(error);
    fail(describe(error));
  }
  console.log(`Whispers is running at ${backend.origin}  (data: ${config.dataDir}${config.dev ? ", dev server with hot reload" : ""})`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\nwhispers: ${signal}, saving and stopping…`);
    backend.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

void main();
