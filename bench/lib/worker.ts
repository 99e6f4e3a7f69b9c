// Runs one benchmark file in this process and reports its metrics to the runner over IPC (or prints them).
// Before anything loads Dexie: benchmarks run the app's client core on fake-indexeddb.
import "fake-indexeddb/auto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Benchmark, Metrics } from "./types";

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file) throw new Error("usage: worker.ts <bench file>");
  const benchmark = ((await import(pathToFileURL(path.resolve(file)).href)) as { default: Benchmark }).default;
  process.send?.({ start: { title: benchmark.title, timeoutSeconds: benchmark.timeoutSeconds } });
  const metrics: Metrics = await benchmark.run((line) => console.log(line));
  if (process.send) process.send({ metrics }, () => process.exit(0));
  else {
    console.log(JSON.stringify(metrics, null, 2));
    process.exit(0);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
