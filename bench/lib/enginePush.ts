// The backend engine alone, in this process (no client, no network, no sync feed): text whispers as outbox:push batches or one sendWhisper each.
import path from "node:path";
import type { UserIdentity } from "convex/server";
import { OUTBOX_BATCH_MAX } from "../../convex/model/outbox";
import { Engine } from "../../local-backend/engine/engine";
import { ROOT_DIR } from "../../local-backend/server";

/** Whispers each way before the timed ones, untimed (warm code). */
export const ENGINE_WARMUP = 100;

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

/**
 * Times `count` whispers on a fresh engine: in outbox:push batches of OUTBOX_BATCH_MAX (the floor
 * of a drain's time on this engine) and, unless `batchedOnly`, one whispers:sendWhisper each.
 * Each after ENGINE_WARMUP untimed ones.
 */
export async function timeEnginePush(count: number, options: { batchedOnly?: boolean } = {}): Promise<{ batchedMs: number; singleMs?: number }> {
  process.env.RATE_LIMIT_SCALE = "1000"; // read by the functions on each call
  const engine = await Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "bench" });
  try {
    const signUp = async (user: string) => {
      const { _id } = (await engine.mutation("users:ensureViewer", {}, identity(user))).value as { _id: string };
      await engine.mutation("users:completeOnboarding", { username: user, displayName: user }, identity(user));
      return _id;
    };
    const bob = await signUp("engine_bob");
    await signUp("engine_batched");
    await signUp("engine_single");
    const batched = async (from: number, n: number) => {
      const all = whispers("engine_batched", bob, from, n);
      for (let i = 0; i < all.length; i += OUTBOX_BATCH_MAX) {
        const ops = all.slice(i, i + OUTBOX_BATCH_MAX).map((args) => ({ udfPath: "whispers:sendWhisper", args }));
        await engine.mutation("outbox:push", { ops }, identity("engine_batched"));
      }
    };
    const single = async (from: number, n: number) => {
      for (const args of whispers("engine_single", bob, from, n)) await engine.mutation("whispers:sendWhisper", args, identity("engine_single"));
    };
    const timed = async (run: (from: number, n: number) => Promise<void>) => {
      await run(0, ENGINE_WARMUP);
      const started = performance.now();
      await run(ENGINE_WARMUP, count);
      return performance.now() - started;
    };
    const batchedMs = await timed(batched);
    return options.batchedOnly ? { batchedMs } : { batchedMs, singleMs: await timed(single) };
  } finally {
    engine.close();
  }
}
