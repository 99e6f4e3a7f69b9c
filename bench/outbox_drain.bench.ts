// outbox_drain_1000: 1,000 whispers queued offline, reconnect until all are acknowledged; baseline: the engine's floor (outbox:push batches alone), measured in the same run.
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { WebSocket } from "../local-backend/ws";
import { OUTBOX_BATCH_MAX } from "../convex/model/outbox";
import { sendWhisper } from "../src/actions";
import { startBenchBackend, type BenchBackend } from "./lib/backend";
import { openDevice, QUIET, waitUntil } from "./lib/device";
import { appDrain, idbPerWhisper, plainSequential, type IdbCounts } from "./browser/drain";
import { createPerson, mutations } from "./browser/people";
import { withBrowserRig } from "./browser/rig";
import { machineLoad } from "./browser/chromium";
import { timeEnginePush } from "./lib/enginePush";
import { startLatencyProxy } from "./lib/latency";
import { defineBenchmark, round, type Metric, type Metrics } from "./lib/types";

const COUNT = Number(process.env.BENCH_DRAIN_COUNT ?? 1000);
/** The same comparison over an emulated network (round trip RTT_MS), with fewer whispers (the baseline waits COUNT × RTT). */
const RTT_MS = Number(process.env.BENCH_DRAIN_RTT_MS ?? 40);
const RTT_COUNT = Number(process.env.BENCH_DRAIN_RTT_COUNT ?? 200);
const api = anyApi;
/** Whispers sent the same way before each timed run, untimed: both sides start with warm code (JIT) on client and server. */
const WARMUP = Number(process.env.BENCH_DRAIN_WARMUP ?? 50);

type Cpu = { client: number; server: number };
type Run = { ms: number; cpu: Cpu };

async function signUp(backend: BenchBackend, username: string): Promise<string> {
  const http = new ConvexHttpClient(backend.origin, { skipConvexDeploymentUrlCheck: true });
  http.setAuth(await backend.token(username));
  const { _id } = (await http.mutation(api.users.ensureViewer, {})) as { _id: string };
  await http.mutation(api.users.completeOnboarding, { username, displayName: username });
  return _id;
}

/** Exactly-once check on the server: the sender's whispers, by clientId. */
async function checkServer(backend: BenchBackend, senderId: string, count: number): Promise<void> {
  const server = await backend.command<{ distinct: number; duplicated: number }>("duplicates", { table: "whispers", field: "clientId", where: { senderId } });
  if (server.distinct !== count || server.duplicated !== 0) {
    throw new Error(`exactly-once broken: the server has ${server.distinct} distinct clientIds (expected ${count}), ${server.duplicated} duplicated`);
  }
}

/** CPU time (ms) of this process and of the backend since `from`. */
async function cpuSince(backend: BenchBackend, from?: Cpu): Promise<Cpu> {
  const { user, system } = process.cpuUsage();
  const now = { client: (user + system) / 1000, server: await backend.command<number>("cpu") };
  return from ? { client: now.client - from.client, server: now.server - from.server } : now;
}

const cpuText = (cpu: Cpu) => `CPU: server ${Math.round(cpu.server)} ms, client ${Math.round(cpu.client)} ms`;

/** The app's way: queue offline through the actions, reconnect, the drainer sends (pipelined). */
async function drain(backend: BenchBackend, user: string, recipientId: string, count: number, origin: string, log: (line: string) => void): Promise<Run> {
  const alice = await openDevice(backend, user, origin);
  try {
    if (WARMUP > 0) {
      await alice.offline();
      for (let i = 0; i < WARMUP; i++) await sendWhisper({ recipientId, content: `warm-up whisper ${i}` }, alice.session.db);
      alice.online();
      await waitUntil(async () => (await alice.session.db.outbox.toCollection().first()) === undefined, 60_000, "the warm-up to drain");
    }
    await alice.offline();
    const queued = performance.now();
    for (let i = 0; i < count; i++) await sendWhisper({ recipientId, content: `offline whisper ${i}` }, alice.session.db);
    log(`  queued ${count} whispers offline in ${Math.round(performance.now() - queued)} ms`);
    if ((await alice.session.db.outbox.count()) !== count) throw new Error("the outbox does not hold every whisper");
    let connectedAt = 0;
    const stop = alice.session.transport.onConnectionChange((info) => {
      if (info.connected && connectedAt === 0) connectedAt = performance.now();
    });
    const cpu0 = await cpuSince(backend);
    alice.online();
    // Outbox empty = every entry acknowledged and written (first() is O(1), count() would scan).
    await waitUntil(async () => connectedAt > 0 && (await alice.session.db.outbox.toCollection().first()) === undefined, 120_000, "the outbox to drain");
    const done = performance.now();
    const cpu = await cpuSince(backend, cpu0);
    stop();
    await checkServer(backend, alice.userId, count + WARMUP);
    return { ms: done - connectedAt, cpu };
  } finally {
    await alice.close();
  }
}

/** A plain Convex app: the real ConvexClient, one awaited mutation at a time. */
async function oneByOne(backend: BenchBackend, user: string, recipientId: string, count: number, origin: string): Promise<Run> {
  const senderId = await signUp(backend, user);
  const token = await backend.token(user);
  const client = new ConvexClient(origin, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
    logger: QUIET,
  });
  try {
    client.setAuth(async () => token);
    await client.mutation(api.users.ensureViewer, {}); // connected and authenticated before the clock starts
    const send = (i: number) => client.mutation(api.whispers.sendWhisper, { clientId: `${user}-whisper-${i}`, recipientId, content: `plain whisper ${i}` });
    for (let i = 0; i < WARMUP; i++) await send(count + i);
    const cpu0 = await cpuSince(backend);
    const started = performance.now();
    for (let i = 0; i < count; i++) await send(i);
    const ms = performance.now() - started;
    const cpu = await cpuSince(backend, cpu0);
    await checkServer(backend, senderId, count + WARMUP);
    return { ms, cpu };
  } finally {
    await client.close();
  }
}

/** Issue 17's goals: the drain's time as a multiple of the engine's floor (outbox:push batches, no client, no network), measured in the same run. */
const GOAL = { node: 1.5, chromium: 2 };

/** A drain against the engine's floor (ratio = value / floor), with its one-at-a-time comparison in the notes. */
function againstFloor(app: Run, floorMs: number, plain: Run, goal: number | null, notes: string): Metric {
  const ratio = app.ms / floorMs;
  return {
    value: round(app.ms, 0),
    unit: "ms",
    baseline: round(floorMs, 0),
    ratio: round(ratio, 2),
    ...(goal !== null ? { goal: `≤ ${goal}× the engine's floor`, met: ratio <= goal } : {}),
    notes:
      `${notes} Baseline: the engine's floor measured in this run just before (engine_push_1000's batched figure: the same ${COUNT} whispers ` +
      `as outbox:push batches of ${OUTBOX_BATCH_MAX} on the engine alone, in the benchmark's process: no client, no network, no sync feed); ratio = value / floor. ` +
      `The same whispers one awaited sendWhisper at a time took ${Math.round(plain.ms)} ms (${round(plain.ms / app.ms, 1)}× the drain's time). Measured at ${machineLoad()}.`,
  };
}

/** The client core in Node against the stock ConvexClient in Node. */
function metric(app: Run, floorMs: number, plain: Run, goal: number | null, setting: string): Metric {
  return againstFloor(
    app,
    floorMs,
    plain,
    goal,
    `${setting}: socket reconnected → outbox empty (every whisper acknowledged; the server holds each clientId once; ` +
      `sent as outbox:push batches of up to ${OUTBOX_BATCH_MAX}, one transaction each), ${cpuText(app.cpu)}; ` +
      `the stock ConvexClient one awaited sendWhisper at a time: ${cpuText(plain.cpu)}.`,
  );
}

/** The drain over a network against one awaited round trip each (ratio = baseline / value; no goal). */
function comparison(app: Run, plain: Run, notes: string): Metric {
  return { value: round(app.ms, 0), unit: "ms", baseline: round(plain.ms, 0), ratio: round(plain.ms / app.ms, 1), notes };
}

/** The engine's floor for `count` whispers (outbox:push batches on a fresh in-process engine). */
async function floor(count: number, log: (line: string) => void): Promise<number> {
  const { batchedMs } = await timeEnginePush(count, { batchedOnly: true });
  log(`  the engine's floor: ${count} whispers in outbox:push batches in ${Math.round(batchedMs)} ms`);
  return batchedMs;
}

/** The real app in Chromium (Dexie on IndexedDB) against a plain ConvexClient page, on a fresh backend: the same comparison. */
async function inChromium(log: (line: string) => void): Promise<{ app: Run; plain: Run; idb: IdbCounts }> {
  return withBrowserRig(log, async ({ backend, browser, pages }) => {
    const bob = await createPerson(backend, "drain_web_bob", "Bob");
    const conversationOf = async (user: string) => {
      await createPerson(backend, user, user);
      const clientId = `${user}-hello-0001`;
      await mutations(backend, user, "whispers:sendWhisper", { clientId, recipientId: bob, content: "Hello" });
      const [hello] = await backend.command<Array<{ conversationId: string; senderId: string }>>("find", { table: "whispers", where: { clientId } });
      return hello!;
    };
    const mine = await conversationOf("drain_web_alice");
    const cpu0 = await cpuSince(backend);
    const drained = await appDrain(browser, backend, "drain_web_alice", mine.conversationId, COUNT, WARMUP);
    const appCpu = await cpuSince(backend, cpu0);
    await checkServer(backend, mine.senderId, COUNT + WARMUP + 1);
    log(`  Chromium: the app drained ${COUNT} in ${Math.round(drained.ms)} ms after reconnecting (server CPU over the whole run, typing included: ${Math.round(appCpu.server)} ms)`);
    log(`  Chromium: IndexedDB during the drain: ${idbPerWhisper(drained.idb ?? {}, COUNT)}`);
    const theirs = await conversationOf("drain_web_plain");
    const cpu1 = await cpuSince(backend);
    const sequential = await plainSequential(browser, backend, pages, "drain_web_plain", theirs.conversationId, COUNT, WARMUP);
    const plainCpu = await cpuSince(backend, cpu1);
    await checkServer(backend, theirs.senderId, COUNT + WARMUP + 1);
    log(`  Chromium: a plain ConvexClient page sent ${COUNT} one at a time in ${Math.round(sequential.ms)} ms`);
    return { app: { ms: drained.ms, cpu: appCpu }, plain: { ms: sequential.ms, cpu: plainCpu }, idb: drained.idb ?? {} };
  });
}

/** The real app in Chromium against the engine's floor (and a plain ConvexClient page in the notes). */
function webMetric(app: Run, floorMs: number, plain: Run, idb: IdbCounts): Metric {
  return againstFloor(
    app,
    floorMs,
    plain,
    GOAL.chromium,
    `${COUNT} whispers typed into the real app in Chromium while offline (saved in IndexedDB), the app on its conversation list, then the network back: ` +
      `from the reconnect until the outbox is empty (every whisper acknowledged; the server holds each clientId once; outbox:push batches of up to ${OUTBOX_BATCH_MAX}). ` +
      `The one-at-a-time figure: a plain page with the stock ConvexClient in the same Chromium. Both after ${WARMUP} untimed whispers sent the same way. ` +
      `Local backend on this machine (no network latency). The page's IndexedDB work during the drain: ${idbPerWhisper(idb, COUNT)}.`,
  );
}

export default defineBenchmark({
  title: `outbox_drain_1000: ${COUNT} whispers queued offline, then reconnect (vs the engine's floor; and over a ${RTT_MS} ms network vs one awaited mutation at a time)`,
  timeoutSeconds: 420,
  async run(log) {
    const backend = await startBenchBackend();
    try {
      const bobId = await signUp(backend, "drain_bob");
      const nodeFloor = await floor(COUNT, log);
      const app = await drain(backend, "drain_alice", bobId, COUNT, backend.origin, log);
      log(`  drained in ${Math.round(app.ms)} ms after the socket reconnected (${cpuText(app.cpu)})`);
      // BENCH_DRAIN_ONLY=1: the app's drain alone (e.g. to profile it with BENCH_PROFILE_BACKEND).
      if (process.env.BENCH_DRAIN_ONLY === "1") return {} as Metrics;
      const plain = await oneByOne(backend, "drain_plain", bobId, COUNT, backend.origin);
      log(`  baseline: ${Math.round(plain.ms)} ms one awaited mutation at a time (${cpuText(plain.cpu)})`);

      const proxy = await startLatencyProxy(backend.origin, RTT_MS);
      try {
        const far = await drain(backend, "drain_far_alice", bobId, RTT_COUNT, proxy.origin, log);
        log(`  over a ${RTT_MS} ms round trip: ${RTT_COUNT} drained in ${Math.round(far.ms)} ms`);
        const farPlain = await oneByOne(backend, "drain_far_plain", bobId, RTT_COUNT, proxy.origin);
        log(`  over a ${RTT_MS} ms round trip: baseline ${Math.round(farPlain.ms)} ms`);
        const webFloor = await floor(COUNT, log);
        const web = await inChromium(log);
        return {
          outbox_drain_1000: metric(
            app,
            nodeFloor,
            plain,
            GOAL.node,
            `${COUNT} whispers, the client core in Node (Dexie on fake-indexeddb, the stock ConvexClient), local backend on this machine (no network latency), after ${WARMUP} untimed whispers each way`,
          ),
          outbox_drain_1000_chromium: webMetric(web.app, webFloor, web.plain, web.idb),
          [`outbox_drain_${RTT_COUNT}_rtt${RTT_MS}ms`]: comparison(
            far,
            farPlain,
            `${RTT_COUNT} whispers through a proxy adding ${RTT_MS} ms per round trip (a network between app and backend): socket reconnected → outbox empty, ${cpuText(far.cpu)}. ` +
              `Baseline: the stock ConvexClient through the same proxy, one awaited sendWhisper at a time (${cpuText(farPlain.cpu)}). ratio = baseline / value. No goal.`,
          ),
        };
      } finally {
        await proxy.close();
      }
    } finally {
      await backend.stop();
    }
  },
});
