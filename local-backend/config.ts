// Reading the environment (PORT, HOST, WHISPERS_DATA_DIR) into validated server options.
import path from "node:path";
import { ConfigError } from "./listen";

export type CliConfig = {
  port: number;
  host: string;
  dataDir: string;
  dev: boolean;
  seed: boolean;
  /** WHISPERS_INVALIDATION=all re-runs every subscription on every commit (benchmark baseline only). */
  invalidation: "reads" | "all";
};

export function readConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): CliConfig {
  const portText = env.PORT ?? "3210";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a number from 0 to 65535, got "${portText}"`);
  }
  const host = env.HOST ?? "127.0.0.1";
  const dataDir = path.resolve(cwd, env.WHISPERS_DATA_DIR ?? ".whispers-data");
  const invalidation = env.WHISPERS_INVALIDATION === "all" ? "all" : "reads";
  return { port, host, dataDir, dev: argv.includes("--dev"), seed: !argv.includes("--no-seed"), invalidation };
}
