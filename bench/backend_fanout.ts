// Fan-out benchmark of the local backend on its own: N clients × 10 live queries; how fast a mutation reaches the others.
// Run: node --import tsx bench/backend_fanout.ts   (BENCH_CLIENTS, BENCH_MESSAGES, BENCH_BASELINE_MESSAGES, BENCH_BASELINE=0)
// `npm run bench` runs the same measurement through backend_fanout.bench.ts.
import { runFanout, type Stats } from "./lib/fanout";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 15);
const FLAG_ROUNDS = Number(process.env.BENCH_FLAG_ROUNDS ?? 6);

function row(label: string, s: Stats): string {
  return `${label.padEnd(44)} n=${String(s.samples).padStart(4)}  p50=${s.p50.toFixed(1).padStart(7)} ms  p99=${s.p99.toFixed(1).padStart(7)} ms  max=${s.max.toFixed(1).padStart(7)} ms  queries re-run per commit=${s.runsPerCommit.toFixed(1)}`;
}

async function main(): Promise<void> {
  console.log(`backend fan-out: ${CLIENTS} clients × 10 subscriptions`);
  const tracked = await runFanout("reads", { clients: CLIENTS, messages: MESSAGES, flagRounds: FLAG_ROUNDS });
  console.log(row("whisper → recipient (re-run affected only)", tracked.pair));
  console.log(row("flag flip → every client (re-run affected)", tracked.broadcast));
  if (process.env.BENCH_BASELINE !== "0") {
    const baseline = await runFanout("all", { clients: CLIENTS, messages: BASELINE_MESSAGES, flagRounds: FLAG_ROUNDS });
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
