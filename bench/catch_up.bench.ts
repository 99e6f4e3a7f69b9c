// catch_up_10k: a device offline while 10,000 whispers arrive, then reconnects; time until its IndexedDB holds them all.
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { WebSocket } from "../local-backend/ws";
import { getCursor } from "../src/db/repos/metaRepo";
import { startBenchBackend, type BenchBackend } from "./lib/backend";
import { openDevice, QUIET, waitUntil } from "./lib/device";
import { defineBenchmark, round } from "./lib/types";

const COUNT = Number(process.env.BENCH_CATCH_UP_COUNT ?? 10_000);
const GOAL_PER_SECOND = 5000;

type PullPage = { changes: unknown[]; cursor: string; hasMore: boolean };

async function headOf(backend: BenchBackend, userId: string): Promise<string> {
  const head = await backend.command<string>("feedHead", { userId });
  if (!head) throw new Error("no feed head");
  return head;
}

/**
 * Baseline: the same feed pages over the same protocol, straight from a plain ConvexClient
 * subscription (the page loop of the app's pull: subscribe at the cursor, move to the page's
 * cursor while hasMore) but kept nowhere: what the network and server cost without IndexedDB.
 */
async function pullWithoutStore(backend: BenchBackend, username: string, from: string, head: string): Promise<{ ms: number; changes: number }> {
  const token = await backend.token(username);
  const client = new ConvexClient(backend.origin, {
    webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
    logger: QUIET,
  });
  client.setAuth(async () => token);
  try {
    await client.query(anyApi.users.me, {}); // connected and authenticated before the clock starts
    const started = performance.now();
    let changes = 0;
    await new Promise<void>((resolve, reject) => {
      let unsubscribe: (() => void) | undefined;
      const subscribe = (cursor: string) => {
        unsubscribe?.();
        unsubscribe = client.onUpdate(
          anyApi.sync.pull,
          { cursor, limit: 500 },
          (page: PullPage) => {
            changes += page.changes.length;
            if (page.cursor >= head) {
              setImmediate(() => unsubscribe?.());
              resolve();
            } else if (page.cursor !== cursor) subscribe(page.cursor);
          },
          reject,
        );
      };
      subscribe(from);
    });
    return { ms: performance.now() - started, changes };
  } finally {
    await client.close();
  }
}

export default defineBenchmark({
  title: `catch_up_10k: a device offline while ${COUNT} whispers arrive, then reconnects (vs the same pages without IndexedDB)`,
  timeoutSeconds: 300,
  async run(log) {
    const backend = await startBenchBackend();
    try {
      const bob = await openDevice(backend, "catch_bob");
      await backend.command("mutations", { username: "catch_alice", udfPath: "users:ensureViewer", count: 1, args: {} });
      await backend.command("mutations", {
        username: "catch_alice",
        udfPath: "users:completeOnboarding",
        count: 1,
        args: { username: "catch_alice", displayName: "Alice" },
      });
      await waitUntil(async () => (await getCursor(bob.session.db)) >= (await headOf(backend, bob.userId)), 20_000, "bob up to date");
      const cursorBefore = await getCursor(bob.session.db);
      await bob.offline();
      const seeded = await backend.command<{ ms: number; withScheduledMs: number }>("mutations", {
        username: "catch_alice",
        udfPath: "whispers:sendWhisper",
        count: COUNT,
        batch: 50,
        args: { clientId: "catch-up-whisper-{i}", recipientId: bob.userId, content: "Whisper number {i} while you were away" },
      });
      const head = await headOf(backend, bob.userId);
      log(
        `  ${COUNT} whispers sent to the offline device on the server in ${Math.round(seeded.ms / 1000)} s ` +
          `(${Math.round(seeded.withScheduledMs / 1000)} s with the push notification each schedules; feed head ${head})`,
      );

      const cpuNow = async () => {
        const { user, system } = process.cpuUsage();
        return { client: (user + system) / 1000, server: await backend.command<number>("cpu") };
      };
      const cpu0 = await cpuNow();
      let connectedAt = 0;
      const stop = bob.session.transport.onConnectionChange((info) => {
        if (info.connected && connectedAt === 0) connectedAt = performance.now();
      });
      bob.online();
      // The cursor is stored in the transaction that applies its page: at the head, every page is in.
      await waitUntil(async () => connectedAt > 0 && (await getCursor(bob.session.db)) >= head, 240_000, "bob to catch up", 10);
      const ms = performance.now() - connectedAt;
      const cpu1 = await cpuNow();
      const cpu = `CPU: server ${Math.round(cpu1.server - cpu0.server)} ms, client ${Math.round(cpu1.client - cpu0.client)} ms`;
      stop();
      const stored = await bob.session.db.whispers.count();
      if (stored !== COUNT) throw new Error(`bob's database holds ${stored} whispers, expected ${COUNT}`);
      await bob.close();
      const perSecond = (COUNT / ms) * 1000;
      log(`  caught up in ${Math.round(ms)} ms after the socket reconnected: ${Math.round(perSecond)} whispers/s (${cpu})`);

      const plain = await pullWithoutStore(backend, "catch_bob", cursorBefore, head);
      const plainPerSecond = (COUNT / plain.ms) * 1000;
      log(`  baseline: the same ${plain.changes} changes pulled without IndexedDB in ${Math.round(plain.ms)} ms: ${Math.round(plainPerSecond)} whispers/s`);
      return {
        catch_up_10k: {
          value: round(perSecond, 0),
          unit: "whispers/s",
          baseline: round(plainPerSecond, 0),
          ratio: round(perSecond / plainPerSecond, 2),
          goal: `≥ ${GOAL_PER_SECOND} whispers/s`,
          met: perSecond >= GOAL_PER_SECOND,
          notes:
            `${COUNT} whispers arrived while the device was offline; socket reconnected → all in its IndexedDB ` +
            `(${Math.round(ms)} ms, ${cpu}; pages of 500, each applied in one transaction, the next page requested while one is written). ` +
            "Baseline: the same feed pages through a plain " +
            "ConvexClient subscription, not stored (network + server only). ratio = value / baseline (the share of the raw feed speed kept with IndexedDB).",
        },
      };
    } finally {
      await backend.stop();
    }
  },
});
