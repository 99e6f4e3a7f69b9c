// Child process of a benchmark: one local backend (own port, own temp data dir), driven over IPC.
// Started by backend.ts; not run by hand.
import type { UserIdentity } from "convex/server";
import type { Value } from "convex/values";
import { FEED_START, feedPosition } from "../../convex/lib/feedPosition";
import { startLocalBackend, type LocalBackend } from "../../local-backend/server";
import { servePlainPage } from "../browser/plainPage";

type Options = { dataDir: string; seed: boolean; invalidation: "reads" | "all" };
type Request = { id: number; command: string; args: Record<string, unknown> };

const options = JSON.parse(process.argv[2] ?? "{}") as Options;

async function identityOf(backend: LocalBackend, username: string): Promise<UserIdentity> {
  const verified = await backend.auth.verify(await backend.auth.issue(username));
  if (!verified.ok) throw new Error(`cannot sign in as ${username}: ${verified.reason}`);
  return verified.identity;
}

/** Waits until every scheduled function (e.g. the push notification each whisper schedules) has run. */
async function scheduledFunctionsDone(backend: LocalBackend): Promise<void> {
  const busy = () => {
    for (const job of backend.engine.documentsOf("_scheduled_functions")) {
      const kind = (job.state as { kind?: string } | undefined)?.kind;
      if (kind === "pending" || kind === "inProgress") return true;
    }
    return false;
  };
  while (busy()) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Server-side helpers a benchmark may call (no network between the bench and the engine). */
const commands: Record<string, (backend: LocalBackend, args: Record<string, unknown>) => Promise<unknown>> = {
  /** Runs `count` mutations `udfPath` as `username` straight on the engine (`batch` at a time through outbox:push); args[i] from a template with {i}. */
  async mutations(backend, args) {
    const identity = await identityOf(backend, args.username as string);
    const template = JSON.stringify(args.args);
    const count = args.count as number;
    // batch: that many calls at a time in one outbox:push (one transaction), like a draining client.
    const batch = (args.batch as number | undefined) ?? 1;
    const started = performance.now();
    for (let i = 0; i < count; i += batch) {
      const calls: Record<string, Value>[] = [];
      for (let k = i; k < Math.min(count, i + batch); k++) calls.push(JSON.parse(template.replaceAll("{i}", String(k))) as Record<string, Value>);
      if (batch === 1) await backend.engine.mutation(args.udfPath as string, calls[0]!, identity);
      else await backend.engine.mutation("outbox:push", { ops: calls.map((a) => ({ udfPath: args.udfPath as string, args: a })) }, identity);
    }
    await backend.store.flush();
    const ms = performance.now() - started;
    await scheduledFunctionsDone(backend);
    return { ms, withScheduledMs: performance.now() - started };
  },
  /** CPU time used by this process so far (ms), to tell server work from waiting on a busy machine. */
  /** Drops every client socket (a network cut: with the browser offline, they cannot come back until it is online). */
  async dropConnections(backend) {
    backend.dropConnections();
    return null;
  },
  async cpu() {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  },
  /** Up to `limit` (default 10) documents of `table` matching `where`. */
  async find(backend, args) {
    const where = (args.where ?? {}) as Record<string, unknown>;
    const found: unknown[] = [];
    for (const doc of backend.engine.documentsOf(args.table as string)) {
      if (found.length >= ((args.limit as number | undefined) ?? 10)) break;
      if (Object.entries(where).every(([k, v]) => doc[k] === v)) found.push(doc);
    }
    return found;
  },
  /** The position of `userId`'s latest feed change (lib/feedPosition.ts), or FEED_START. */
  async feedHead(backend, args) {
    let head = FEED_START;
    for (const doc of backend.engine.documentsOf("syncChanges")) {
      if (doc.userId !== args.userId) continue;
      const at = feedPosition(doc.commitTs as bigint, doc.docId as string);
      if (at > head) head = at;
    }
    return head;
  },
  /** Documents of one table (count only). */
  async count(backend, args) {
    let n = 0;
    for (const doc of backend.engine.documentsOf(args.table as string)) {
      const where = (args.where ?? {}) as Record<string, unknown>;
      if (Object.entries(where).every(([k, v]) => doc[k] === v)) n++;
    }
    return n;
  },
  /** Distinct values of `field` in `table` rows matching `where`, with how often each occurs more than once. */
  async duplicates(backend, args) {
    const seen = new Map<unknown, number>();
    const where = (args.where ?? {}) as Record<string, unknown>;
    for (const doc of backend.engine.documentsOf(args.table as string)) {
      if (!Object.entries(where).every(([k, v]) => doc[k] === v)) continue;
      seen.set(doc[args.field as string], (seen.get(doc[args.field as string]) ?? 0) + 1);
    }
    return { distinct: seen.size, duplicated: [...seen.values()].filter((n) => n > 1).length };
  },
};

async function main(): Promise<void> {
  const backend = await startLocalBackend({
    port: 0,
    dataDir: options.dataDir,
    seed: options.seed,
    invalidation: options.invalidation,
    log: () => undefined,
    testPages: servePlainPage,
  });
  process.on("message", (message: Request) => {
    if (message.command === "stop") {
      void backend.close().then(() => {
        process.send!({ id: message.id, result: null }, () => process.exit(0));
      });
      return;
    }
    const command = commands[message.command];
    const run = command ? command(backend, message.args) : Promise.reject(new Error(`unknown command ${message.command}`));
    run.then(
      (result) => process.send!({ id: message.id, result }),
      (error: unknown) => process.send!({ id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
  // The benchmark died without stopping us: do not linger.
  process.on("disconnect", () => void backend.close().finally(() => process.exit(0)));
  process.send!({ ready: true, origin: backend.origin });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
