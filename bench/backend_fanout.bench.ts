// backend_fanout: 100 clients × 10 live queries on the local backend; a whisper → its recipient's feed, p99 (vs re-running every query).
import { runFanout } from "./lib/fanout";
import { defineBenchmark, round } from "./lib/types";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 100);
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 100);
const BASELINE_MESSAGES = Number(process.env.BENCH_BASELINE_MESSAGES ?? 15);
const FLAG_ROUNDS = Number(process.env.BENCH_FLAG_ROUNDS ?? 6);

export default defineBenchmark({
  title: `backend_fanout: ${CLIENTS} clients × 10 live queries (vs invalidation "all": every subscribed query re-run per commit)`,
  timeoutSeconds: 420,
  async run(log) {
    const tracked = await runFanout("reads", { clients: CLIENTS, messages: MESSAGES, flagRounds: FLAG_ROUNDS });
    log(`  whisper → recipient: p50 ${tracked.pair.p50.toFixed(1)} ms, p99 ${tracked.pair.p99.toFixed(1)} ms (${tracked.pair.runsPerCommit.toFixed(1)} query runs per commit)`);
    log(`  flag flip → all ${CLIENTS}: p50 ${tracked.broadcast.p50.toFixed(1)} ms, p99 ${tracked.broadcast.p99.toFixed(1)} ms`);
    const baseline = await runFanout("all", { clients: CLIENTS, messages: BASELINE_MESSAGES, flagRounds: FLAG_ROUNDS });
    log(`  baseline (re-run all): whisper p50 ${baseline.pair.p50.toFixed(1)} ms, p99 ${baseline.pair.p99.toFixed(1)} ms (${baseline.pair.runsPerCommit.toFixed(1)} runs per commit)`);
    log(`  baseline flag flip: p50 ${baseline.broadcast.p50.toFixed(1)} ms, p99 ${baseline.broadcast.p99.toFixed(1)} ms`);
    const setup = `${CLIENTS} clients × 10 live queries (sync feed, profile, flags, lists), demo data loaded`;
    return {
      backend_fanout: {
        value: round(tracked.pair.p99),
        unit: "ms",
        baseline: round(baseline.pair.p99),
        ratio: round(baseline.pair.p99 / tracked.pair.p99, 1),
        goal: "p99 < 100 ms",
        met: tracked.pair.p99 < 100,
        notes:
          `${setup}; ${MESSAGES} whispers, each from one client to another: mutation sent → the recipient's sync feed shows it, p99 ` +
          `(p50 ${tracked.pair.p50.toFixed(1)} ms, ${tracked.pair.runsPerCommit.toFixed(1)} query runs per commit). Baseline: invalidation "all" ` +
          `(every subscribed query re-run on each commit, ${BASELINE_MESSAGES} whispers, ${baseline.pair.runsPerCommit.toFixed(0)} runs per commit). ratio = baseline / value.`,
      },
      backend_fanout_broadcast: {
        value: round(tracked.broadcast.p99),
        unit: "ms",
        baseline: round(baseline.broadcast.p99),
        ratio: round(baseline.broadcast.p99 / tracked.broadcast.p99, 1),
        notes:
          `An admin flips a feature flag (${FLAG_ROUNDS} times): every client's flags and sync feed re-run; p99 over all ${CLIENTS} clients ` +
          `(p50 ${tracked.broadcast.p50.toFixed(1)} ms). No goal in issue 8; shown for the worst case. ratio = baseline / value.`,
      },
    };
  },
});
