// engine_push_1000: the backend engine alone (in this process, no client, no network): 1,000 whispers as outbox:push batches vs one sendWhisper at a time.
import path from "node:path";
import type { UserIdentity } from "convex/server";
import { OUTBOX_BATCH_MAX } from "../convex/model/outbox";
import { Engine } from "../local-backend/engine/engine";
import { ROOT_DIR } from "../local-backend/server";
import { defineBenchmark, round } from "./lib/types";

const COUNT = Number(process.env.BENCH_ENGINE_COUNT ?? 1000);
const WARMUP = 100;

const identity = (username: string): UserIdentity => ({
  subject: username,
  issuer: "https://whispers.local",
  tokenIdentifier: `https://whispers.local|${username}`,
  name: username,
  nickname: username,
  email: `${username}@example.test`,
});

/** `count` whispers from `user` to `recipientId`, numbered from `from`, each with its own clientId. */
function whispers(user: string, recipientId: string, from: number, count: number) {
  return Array.from({ length: count }, (_, k) => ({
    clientId: `${user}-${String(from + k).padStart(6, "0")}`,
    recipientId,
    content: `whisper ${from + k}`,
  }));
}

export default defineBenchmark({
  title: `engine_push_1000: the engine alone, ${COUNT} whispers in outbox:push batches vs one sendWhisper at a time (the floor of outbox_drain_1000's time)`,
  timeoutSeconds: 120,
  async run(log) {
    process.env.RATE_LIMIT_SCALE = "1000"; // read by the functions on each call
    const engine = await Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "bench" });
    const signUp = async (user: string) => {
      const { _id } = (await engine.mutation("users:ensureViewer", {}, identity(user))).value as { _id: string };
      await engine.mutation("users:completeOnboarding", { username: user, displayName: user }, identity(user));
      return _id;
    };
    const bob = await signUp("engine_bob");
    await signUp("engine_batched");
    await signUp("engine_single");
    const batched = async (from: number, count: number) => {
      const all = whispers("engine_batched", bob, from, count);
      for (let i = 0; i < all.length; i += OUTBOX_BATCH_MAX) {
        const ops = all.slice(i, i + OUTBOX_BATCH_MAX).map((args) => ({ udfPath: "whispers:sendWhisper", args }));
        await engine.mutation("outbox:push", { ops }, identity("engine_batched"));
      }
    };
    const single = async (from: number, count: number) => {
      for (const args of whispers("engine_single", bob, from, count)) await engine.mutation("whispers:sendWhisper", args, identity("engine_single"));
    };
    const timed = async (run: (from: number, count: number) => Promise<void>) => {
      await run(0, WARMUP);
      const started = performance.now();
      await run(WARMUP, COUNT);
      return performance.now() - started;
    };
    const pushMs = await timed(batched);
    const singleMs = await timed(single);
    log(`  ${COUNT} whispers: ${Math.round(pushMs)} ms in batches of ${OUTBOX_BATCH_MAX}, ${Math.round(singleMs)} ms one at a time`);
    engine.close();
    return {
      engine_push_1000: {
        value: round(pushMs, 0),
        unit: "ms",
        baseline: round(singleMs, 0),
        ratio: round(singleMs / pushMs, 1),
        notes:
          `The local backend's engine in this process, no client and no network: ${COUNT} text whispers as outbox:push batches of ${OUTBOX_BATCH_MAX} ` +
          `(each after ${WARMUP} untimed). Baseline: the same whispers as one whispers:sendWhisper each (ratio = baseline / value). No goal: ` +
          `the batched value is the least outbox_drain_1000 can take on this engine, before any client work, protocol or sync feed.`,
      },
    };
  },
});
