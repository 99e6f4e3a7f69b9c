// outbox_drain_1000: 1,000 whispers queued offline, reconnect until all are acknowledged; baseline: one awaited round trip each.
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { WebSocket } from "../local-backend/ws";
import { sendWhisper } from "../src/sync/actions";
import { startBenchBackend, type BenchBackend } from "./lib/backend";
import { openDevice, waitUntil } from "./lib/device";
import { defineBenchmark, round } from "./lib/types";

const COUNT = Number(process.env.BENCH_DRAIN_COUNT ?? 1000);
const api = anyApi;

async function signUp(backend: BenchBackend, username: string): Promise<string> {
  const http = new ConvexHttpClient(backend.origin, { skipConvexDeploymentUrlCheck: true });
  http.setAuth(await backend.token(username));
  return ((await http.mutation(api.users.ensureViewer, {})) as { _id: string })._id;
}

/** Exactly-once check on the server: the sender's whispers, by clientId. */
async function serverCount(backend: BenchBackend, senderId: string): Promise<{ distinct: number; duplicated: number }> {
  return await backend.command("duplicates", { table: "whispers", field: "clientId", where: { senderId } });
}

/** The app's way: queue offline through the actions, reconnect, the drainer sends (pipelined). */
async function drain(backend: BenchBackend, recipientId: string, log: (line: string) => void): Promise<{ ms: number; sinceOnlineMs: number }> {
  const alice = await openDevice(backend, "drain_alice");
  try {
    await alice.offline();
    const queued = performance.now();
    for (let i = 0; i < COUNT; i++) await sendWhisper({ recipientId, content: `offline whisper ${i}` }, alice.session.db);
    log(`  queued ${COUNT} whispers offline in ${Math.round(performance.now() - queued)} ms`);
    if ((await alice.session.db.outbox.count()) !== COUNT) throw new Error("the outbox does not hold every whisper");
    let connectedAt = 0;
    const stop = alice.session.transport.onConnectionChange((info) => {
      if (info.connected && connectedAt === 0) connectedAt = performance.now();
    });
    const onlineAt = performance.now();
    alice.online();
    await waitUntil(async () => connectedAt > 0 && (await alice.session.db.outbox.count()) === 0, 120_000, "the outbox to drain");
    const done = performance.now();
    stop();
    const server = await serverCount(backend, alice.userId);
    if (server.distinct !== COUNT || server.duplicated !== 0) {
      throw new Error(`exactly-once broken: server has ${server.distinct} distinct clientIds, ${server.duplicated} duplicated`);
    }
    return { ms: done - connectedAt, sinceOnlineMs: done - onlineAt };
  } finally {
    await alice.close();
  }
}

/** A plain Convex app: the real ConvexClient, one awaited mutation at a time. */
async function oneByOne(backend: BenchBackend, recipientId: string): Promise<number> {
  const senderId = await signUp(backend, "drain_plain");
  const token = await backend.token("drain_plain");
  const client = new ConvexClient(backend.origin, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
  });
  try {
    client.setAuth(async () => token);
    await client.mutation(api.users.ensureViewer, {}); // connected and authenticated before the clock starts
    const started = performance.now();
    for (let i = 0; i < COUNT; i++) {
      await client.mutation(api.whispers.sendWhisper, { clientId: `plain-whisper-${i}`, recipientId, content: `plain whisper ${i}` });
    }
    const ms = performance.now() - started;
    const server = await serverCount(backend, senderId);
    if (server.distinct !== COUNT) throw new Error(`baseline: server has ${server.distinct} whispers`);
    return ms;
  } finally {
    await client.close();
  }
}

export default defineBenchmark({
  title: `outbox_drain_1000: ${COUNT} whispers queued offline, then reconnect (vs one awaited mutation at a time)`,
  timeoutSeconds: 240,
  async run(log) {
    const backend = await startBenchBackend();
    try {
      const bobId = await signUp(backend, "drain_bob");
      const app = await drain(backend, bobId, log);
      log(`  drained in ${Math.round(app.ms)} ms after the socket reconnected (${Math.round(app.sinceOnlineMs)} ms after going online)`);
      const baseline = await oneByOne(backend, bobId);
      log(`  baseline: ${Math.round(baseline)} ms one awaited mutation at a time`);
      const ratio = baseline / app.ms;
      return {
        outbox_drain_1000: {
          value: round(app.ms, 0),
          unit: "ms",
          baseline: round(baseline, 0),
          ratio: round(ratio, 1),
          goal: "≥ 10× faster and < 3000 ms",
          met: ratio >= 10 && app.ms < 3000,
          notes:
            `socket reconnected → outbox empty (every whisper acknowledged, server holds ${COUNT} distinct clientIds, none twice); ` +
            `${Math.round(app.sinceOnlineMs)} ms counting the client's reconnect backoff. Baseline: the same ${COUNT} whispers, ` +
            "the stock ConvexClient, one awaited sendWhisper at a time. ratio = baseline / value.",
        },
      };
    } finally {
      await backend.stop();
    }
  },
});
