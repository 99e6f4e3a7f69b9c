// The fan-out measurement shared by backend_fanout.ts (CLI) and backend_fanout.bench.ts: N clients × 10 live queries.
import { ConvexClient, ConvexHttpClient } from "convex/browser";
import { anyApi } from "convex/server";
import { WebSocket } from "../../local-backend/ws";
import { DevAuth } from "../../local-backend/auth/devAuth";
import { startBenchBackend } from "./backend";
import { QUIET } from "./device";
import { percentiles } from "./types";

const api = anyApi;

export type Mode = "reads" | "all";
export type Stats = { samples: number; p50: number; p99: number; max: number; runsPerCommit: number };
export type FanoutOptions = { clients: number; messages: number; flagRounds: number };
type Page = { changes: { doc: { content?: string } | null }[] };
type Flag = { name: string; enabled: boolean };

class BenchClient {
  readonly client: ConvexClient;
  pull: Page | null = null;
  flags: Flag[] | null = null;
  private waiters: (() => void)[] = [];

  constructor(origin: string, token: string) {
    this.client = new ConvexClient(origin, {
      webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
      skipConvexDeploymentUrlCheck: true,
      unsavedChangesWarning: false,
      logger: QUIET,
    });
    this.client.setAuth(async () => token);
  }

  /** Ten live queries, like an app screen: the sync feed, profile, flags, lists. */
  subscribe(): Promise<void> {
    const subs: [unknown, Record<string, unknown>, (v: unknown) => void][] = [
      [api.sync.pull, { cursor: "" }, (v) => (this.pull = v as Page)],
      [api.featureFlags.list, {}, (v) => (this.flags = v as Flag[])],
      [api.users.me, {}, () => undefined],
      [api.conversations.list, {}, () => undefined],
      [api.friends.list, {}, () => undefined],
      [api.skills.mine, {}, () => undefined],
      [api.skills.myMatches, {}, () => undefined],
      [api.admin.myRole, {}, () => undefined],
      [api.whispers.listScheduled, {}, () => undefined],
      [api.echoChambers.discover, {}, () => undefined],
    ];
    let pending = subs.length;
    return new Promise((resolve) => {
      for (const [ref, args, onValue] of subs) {
        let first = true;
        this.client.onUpdate(
          ref as never,
          args as never,
          (value: unknown) => {
            onValue(value);
            if (first && --pending === 0) resolve();
            first = false;
            for (const wake of this.waiters.splice(0)) wake();
          },
          () => {
            if (first && --pending === 0) resolve();
            first = false;
          },
        );
      }
    });
  }

  until(predicate: () => boolean): Promise<number> {
    return new Promise((resolve) => {
      const check = () => {
        if (predicate()) resolve(performance.now());
        else this.waiters.push(check);
      };
      check();
    });
  }
}

/**
 * One backend with invalidation `mode`: `messages` whispers, each from one client to another
 * (time until the recipient's sync feed shows it), then `flagRounds` feature-flag flips by an
 * admin (time until every client's flags show it).
 */
export async function runFanout(mode: Mode, options: FanoutOptions): Promise<{ pair: Stats; broadcast: Stats }> {
  const { clients: count, messages, flagRounds } = options;
  const backend = await startBenchBackend({ seed: true, invalidation: mode });
  try {
    const { origin } = backend;
    const auth = await DevAuth.open(backend.dataDir, origin);
    const names = Array.from({ length: count }, (_, i) => `bench${String(i).padStart(3, "0")}`);
    const ids: string[] = [];
    for (const name of names) {
      const http = new ConvexHttpClient(origin, { skipConvexDeploymentUrlCheck: true });
      http.setAuth(await auth.issue(name));
      ids.push(((await http.mutation(api.users.ensureViewer, {})) as { _id: string })._id);
      await http.mutation(api.users.completeOnboarding, { username: name, displayName: name });
    }
    const clients = await Promise.all(names.map(async (name) => new BenchClient(origin, await auth.issue(name))));
    await Promise.all(clients.map((c) => c.subscribe()));

    const queryRuns = async () => (await backend.health()).queryRuns as number;
    // One person whispers to another: how long until the recipient's sync feed shows it.
    const pair: number[] = [];
    const runsBeforePairs = await queryRuns();
    for (let k = 0; k < messages; k++) {
      const from = k % count;
      const to = (from + 1 + ((k * 37) % (count - 1))) % count;
      const marker = `bench message ${k}`;
      const seen = clients[to].until(() => clients[to].pull?.changes.some((c) => c.doc?.content === marker) ?? false);
      const started = performance.now();
      await clients[from].client.mutation(api.whispers.sendWhisper, { clientId: `bench-${mode}-${k}-x`, recipientId: ids[to], content: marker });
      pair.push((await seen) - started);
    }
    const pairRuns = (await queryRuns()) - runsBeforePairs;

    // An admin flips a feature flag: every client's flags (and sync feed) re-run.
    const admin = new BenchClient(origin, await auth.issue("admin"));
    await admin.subscribe();
    const broadcast: number[] = [];
    const runsBeforeFlags = await queryRuns();
    for (let round = 0; round < flagRounds; round++) {
      const enabled = round % 2 === 1;
      const shows = (c: BenchClient) => c.flags?.find((f) => f.name === "MOOD_MATCH")?.enabled === enabled;
      const seen = clients.map((c) => c.until(() => shows(c)));
      const started = performance.now();
      await admin.client.mutation(api.featureFlags.set, { name: "MOOD_MATCH", enabled });
      for (const at of await Promise.all(seen)) broadcast.push(at - started);
    }
    const flagRuns = (await queryRuns()) - runsBeforeFlags;
    await Promise.all([...clients, admin].map((c) => c.client.close()));
    return {
      pair: { ...percentiles(pair), runsPerCommit: pairRuns / messages },
      broadcast: { ...percentiles(broadcast), runsPerCommit: flagRuns / flagRounds },
    };
  } finally {
    await backend.stop();
  }
}
