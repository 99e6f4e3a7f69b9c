// engine_push_1000: the backend engine alone (in this process, no client, no network): 1,000 whispers as outbox:push batches vs one sendWhisper at a time.
import { OUTBOX_BATCH_MAX } from "../convex/model/outbox";
import { ENGINE_WARMUP, timeEnginePush } from "./lib/enginePush";
import { defineBenchmark, round } from "./lib/types";

const COUNT = Number(process.env.BENCH_ENGINE_COUNT ?? 1000);

export default defineBenchmark({
  title: `engine_push_1000: the engine alone, ${COUNT} whispers in outbox:push batches vs one sendWhisper at a time (the floor of outbox_drain_1000's time)`,
  timeoutSeconds: 120,
  async run(log) {
    const { batchedMs: pushMs, singleMs = NaN } = await timeEnginePush(COUNT);
    log(`  ${COUNT} whispers: ${Math.round(pushMs)} ms in batches of ${OUTBOX_BATCH_MAX}, ${Math.round(singleMs)} ms one at a time`);
    return {
      engine_push_1000: {
        value: round(pushMs, 0),
        unit: "ms",
        baseline: round(singleMs, 0),
        ratio: round(singleMs / pushMs, 1),
        notes:
          `The local backend's engine in this process, no client and no network: ${COUNT} text whispers as outbox:push batches of ${OUTBOX_BATCH_MAX} ` +
          `(each after ${ENGINE_WARMUP} untimed). Baseline: the same whispers as one whispers:sendWhisper each (ratio = baseline / value). No goal: ` +
          `the batched value is the least outbox_drain_1000 can take on this engine, before any client work, protocol or sync feed ` +
          `(outbox_drain_1000 measures it again in its own run, as its baseline).`,
      },
    };
  },
});
