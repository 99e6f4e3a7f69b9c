// The convex-test engine running this project's functions, with commit, read and storage hooks.
import { AsyncLocalStorage } from "node:async_hooks";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { makeFunctionReference, type TransactionMetrics, type UserIdentity } from "convex/server";
import type { Value } from "convex/values";
import { convexTest } from "convex-test";
import { type TransactionClock, withFrozenClock } from "./clock";
import { installDbHooks } from "./dbHooks";
import type { WrittenDoc } from "./dependencies";
import { compositeKey, DocIndex } from "./docIndex";
import { FunctionDirectory, type FunctionKind } from "./functions";
import { captureConvexGlobal, counterOfId, tableOfId, type ConvexGlobal, type DatabaseFake, type StoredDoc, type TransactionManager } from "./internals";
import { convexModules } from "./modules";
import { failedReads, ReadSet, readTracking } from "./reads";
import { type MetricsTracker, rewordLimitErrors } from "./transactionLimits";
import { type CommittableDb, type PendingCommit, resolveCommitTs } from "./commits";
import { type FileBackend, installSyscalls, type ScheduleFar } from "./syscalls";

/** `origin`: who asked for the commit (a client connection), if anyone. */
export type Commit = { ts: bigint; writes: WrittenDoc[]; origin: object | null };

/** A scheduled function that could not record its state (a full disk): it runs again at the next start, as after a crash. */
export function stalledJob(jobId: string | null, error: unknown): void {
  const data = (error as { data?: { message?: unknown } } | null)?.data;
  const reason = typeof data?.message === "string" ? data.message : error instanceof Error ? error.message : String(error);
  const job = jobId === null ? "a scheduled function" : `scheduled function ${jobId}`;
  console.error(`local backend: ${job} could not record its state (${reason}); it runs again at the next start`);
}

/** Everything that must survive a restart (files aside). */
export type EngineState = { documents: StoredDoc[]; nextDocId: number; lastCreationTime: number; ts: bigint };

type TestInstance = ReturnType<typeof convexTest>;
type Accessor = Pick<TestInstance, "query" | "mutation" | "action" | "run" | "fetch">;

/** Runs `fn` outside every AsyncLocalStorage context (convex-test's transaction state must not leak). */
const outsideContexts = AsyncLocalStorage.snapshot();
export function detached(fn: () => void): void {
  outsideContexts(() => setImmediate(fn));
}

/** The running clock (handlers may see a frozen Date; the engine itself never does). */
const realNow = Date.now.bind(Date);

/** A mutation run for a caller; `done` once it returned (functions it scheduled inherit this store). */
type Capture = {
  ts: bigint | null;
  origin: object | null;
  done?: boolean;
  writes?: WrittenDoc[];
  metrics?: TransactionMetrics;
  random?: () => number;
};
const commitCapture = new AsyncLocalStorage<Capture>();

/** What one mutation read and wrote (for write-conflict checks: occ.ts). */
export type Access = { reads: ReadSet; writes: WrittenDoc[] };

/** Callers go first, but after this many in a row a waiting scheduled function gets its turn (never starved). */
const CALLERS_BEFORE_BACKGROUND = 8;

export class Engine {
  readonly functions: FunctionDirectory;
  readonly db: DatabaseFake;
  private readonly global: ConvexGlobal;
  private readonly index: DocIndex;
  private readonly commitListeners: ((commit: Commit) => void)[] = [];
  /** Takes over `ctx.scheduler` calls too far ahead for convex-test's setTimeout (it would fire at once). */
  scheduleFar: ScheduleFar | null = null;
  private closed = false;
  private journal: ((commit: PendingCommit) => void) | null = null;

  private constructor(
    readonly t: TestInstance,
    global: ConvexGlobal,
    functions: FunctionDirectory,
    files: FileBackend,
    private readonly clock: TransactionClock,
  ) {
    this.global = global;
    this.functions = functions;
    this.db = global.components[""].db;
    this.index = new DocIndex(this.db);
    installDbHooks(this.db, this.index);
    this.hookTransactionLock();
    this.hookCommits();
    this.hookScheduler();
    installSyscalls(global, this.db, files, () => this.scheduleFar);
  }

  static async create(convexDir: string, files: FileBackend): Promise<Engine> {
    const clock: TransactionClock = { nowMs: null, random: null };
    const modules = convexModules(convexDir, (exports) => withFrozenClock(exports, clock));
    const schemaModule = (await import(pathToFileURL(path.join(convexDir, "schema.ts")).href)) as { default: never };
    // Convex's transaction limits, enforced as on a deployment (and worded alike: hookTransactionLock).
    const t = convexTest({ schema: schemaModule.default, modules, transactionLimits: true });
    const { global, done } = captureConvexGlobal(() => t.run(async () => null));
    await done;
    return new Engine(t, global, new FunctionDirectory(modules, convexDir), files, clock);
  }

  /** Timestamp of the latest commit (Unix nanoseconds). */
  get lastTs(): bigint {
    return this.global.transactionManager._lastCommitTs;
  }

  /** Never let commit timestamps fall behind `ts` (restored state, a client that saw more). */
  advanceTs(ts: bigint): void {
    if (ts > this.global.transactionManager._lastCommitTs) this.global.transactionManager._lastCommitTs = ts;
  }

  /** Makes each commit durable before it is applied; if it throws, the commit is refused (see hookCommits). */
  setJournal(journal: (commit: PendingCommit) => void): void {
    this.journal = journal;
  }

  onCommit(listener: (commit: Commit) => void): void {
    this.commitListeners.push(listener);
  }

  /** Stops reporting commits (a stopped server's leftover timers may still run functions in memory). */
  close(): void {
    this.closed = true;
  }

  /** Puts persisted documents back with their ids and creation times. Only before any traffic. */
  restore(state: EngineState): void {
    const documents: Record<string, StoredDoc> = {};
    let maxCounter = 0;
    for (const doc of state.documents) {
      documents[doc._id] = doc;
      maxCounter = Math.max(maxCounter, counterOfId(doc._id));
    }
    this.db._documents = documents;
    this.db._nextDocId = Math.max(this.db._nextDocId, state.nextDocId, maxCounter + 1);
    this.db._lastCreationTime = Math.max(this.db._lastCreationTime, state.lastCreationTime);
    this.advanceTs(state.ts);
    this.index.rebuild();
  }

  exportState(): EngineState {
    return {
      documents: Object.values(this.db._documents),
      nextDocId: this.db._nextDocId,
      lastCreationTime: this.db._lastCreationTime,
      ts: this.lastTs,
    };
  }

  private as(identity: UserIdentity | null): Accessor {
    return identity ? this.t.withIdentity(identity) : this.t;
  }

  async query(udfPath: string, args: Record<string, Value>, identity: UserIdentity | null): Promise<{ value: Value; reads: ReadSet }> {
    const reads = new ReadSet();
    const ref = makeFunctionReference<"query">(udfPath);
    try {
      const value = (await readTracking.run(reads, () => this.as(identity).query(ref, args))) as Value;
      return { value, reads };
    } catch (error) {
      // A failed run depends on what it read too (e.g. "no profile yet" until the profile exists).
      if (typeof error === "object" && error !== null) failedReads.set(error, reads);
      throw error;
    }
  }

  /** Runs a mutation; `ts` is its commit timestamp. `origin` (e.g. the client connection) is passed on to commit listeners. */
  async mutation(
    udfPath: string,
    args: Record<string, Value>,
    identity: UserIdentity | null,
    origin: object | null = null,
  ): Promise<{ value: Value; ts: bigint }> {
    const capture: Capture = { ts: null, origin };
    const value = await this.runMutation(udfPath, args, identity, capture);
    return { value, ts: capture.ts ?? this.lastTs };
  }

  /** For tests: the read and write sets Convex's OCC compares (occ.ts) and the limits used; `random` is its Math.random. */
  async inspectMutation(
    udfPath: string,
    args: Record<string, Value>,
    identity: UserIdentity | null,
    options: { random?: () => number } = {},
  ): Promise<{ value: Value; ts: bigint; access: Access; metrics: TransactionMetrics }> {
    const reads = new ReadSet();
    const capture: Capture = { ts: null, origin: null, random: options.random };
    const value = await readTracking.run(reads, () => this.runMutation(udfPath, args, identity, capture));
    return { value, ts: capture.ts ?? this.lastTs, access: { reads: reads.snapshot(), writes: capture.writes ?? [] }, metrics: capture.metrics! };
  }

  private async runMutation(udfPath: string, args: Record<string, Value>, identity: UserIdentity | null, capture: Capture): Promise<Value> {
    const ref = makeFunctionReference<"mutation">(udfPath);
    try {
      return (await commitCapture.run(capture, () => this.as(identity).mutation(ref, args))) as Value;
    } finally {
      capture.done = true;
    }
  }

  async action(udfPath: string, args: Record<string, Value>, identity: UserIdentity | null): Promise<Value> {
    const ref = makeFunctionReference<"action">(udfPath);
    return (await this.as(identity).action(ref, args)) as Value;
  }

  async call(kind: FunctionKind, udfPath: string, args: Record<string, Value>, identity: UserIdentity | null): Promise<Value> {
    if (kind === "query") return (await this.query(udfPath, args, identity)).value;
    if (kind === "mutation") return (await this.mutation(udfPath, args, identity)).value;
    return await this.action(udfPath, args, identity);
  }

  /** A transaction with direct access to the database fake (system tables included). */
  async transact<T>(fn: (db: DatabaseFake, ctx: Parameters<Parameters<TestInstance["run"]>[0]>[0]) => Promise<T>): Promise<T> {
    return await this.t.run(async (ctx) => await fn(this.db, ctx));
  }

  /** An HTTP action from convex/http.ts. */
  async fetch(pathAndQuery: string, init: RequestInit): Promise<Response> {
    return await this.t.fetch(pathAndQuery, init);
  }

  /** The committed `_storage` row of a file. */
  storageRow(storageId: string): StoredDoc | null {
    return tableOfId(storageId) === "_storage" ? (this.db._documents[storageId] ?? null) : null;
  }

  /** Committed documents of `table` whose `field` equals `value`, through the equality index (no read tracking). */
  *documentsWhere(table: string, field: string, value: Value): Iterable<StoredDoc> {
    const key = compositeKey([value]);
    for (const id of (key === null ? undefined : this.index.candidates(table, [field], key)) ?? []) {
      const doc = this.db._documents[id];
      if (doc) yield doc;
    }
  }

  /** Committed documents of a table (no read tracking). */
  *documentsOf(table: string): Iterable<StoredDoc> {
    for (const id of this.index.idsOf(table)) {
      const doc = this.db._documents[id];
      if (doc) yield doc;
    }
  }

  /**
   * convex-test wakes every lock waiter at each commit (quadratic, minutes with thousands queued): hand the lock over
   * first come first served, callers before scheduled functions as on Convex. The holder's clock is frozen (clock.ts).
   */
  private hookTransactionLock(): void {
    const manager = this.global.transactionManager as TransactionManager & { _metricsTracker?: MetricsTracker | null };
    const originalBegin = manager.begin.bind(manager);
    const originalEnd = manager._endTransaction.bind(manager);
    const callers: (() => void)[] = [];
    const background: (() => void)[] = [];
    let held = false;
    let callersInRow = 0;
    const release = () => {
      const takeBackground = background.length > 0 && (callers.length === 0 || callersInRow >= CALLERS_BEFORE_BACKGROUND);
      const next = takeBackground ? background.shift() : callers.shift();
      callersInRow = takeBackground ? 0 : callersInRow + 1;
      if (next) next();
      else held = false;
    };
    const forCaller = () => {
      const capture = commitCapture.getStore();
      return (capture !== undefined && !capture.done) || readTracking.getStore() !== undefined;
    };
    manager.begin = async (isNested, transactionLimits) => {
      if (isNested) return await originalBegin(isNested, transactionLimits);
      if (held || manager._waitOnCurrentFunction !== null) {
        const queue = forCaller() ? callers : background;
        await new Promise<void>((resolve) => queue.push(resolve));
      }
      held = true;
      try {
        await originalBegin(isNested, transactionLimits);
      } catch (error) {
        release();
        throw error;
      }
      const capture = commitCapture.getStore();
      this.clock.nowMs = realNow();
      this.clock.random = capture && !capture.done ? (capture.random ?? null) : null;
      if (manager._metricsTracker) rewordLimitErrors(manager._metricsTracker);
    };
    manager._endTransaction = (isNested) => {
      originalEnd(isNested);
      if (isNested) return;
      this.clock.nowMs = null;
      this.clock.random = null;
      release();
    };
  }

  /** convex-test 0.0.60's commit, same steps, but journaled before applying: a throwing journal (full disk) leaves it to roll back. */
  private hookCommits(): void {
    const manager = this.global.transactionManager as TransactionManager & {
      _metricsTracker?: { commit(): void; getTransactionMetrics(): TransactionMetrics } | null;
    };
    const originalCommit = manager.commit.bind(manager);
    manager.commit = (isNested: boolean) => {
      if (isNested) return originalCommit(isNested);
      const pending = this.db._writes[this.db._writes.length - 1] ?? {};
      const nowNanos = BigInt(realNow()) * 1_000_000n;
      const ts = nowNanos > manager._lastCommitTs ? nowNanos : manager._lastCommitTs + 1n;
      const before = new Map<string, StoredDoc | null>();
      for (const id of Object.keys(pending)) before.set(id, this.db._documents[id] ?? null);
      if (this.journal && !this.closed) {
        this.journal({
          ts,
          writes: [...before.keys()].map((id) => [id, resolveCommitTs(pending[id], ts) as StoredDoc | null]),
          nextDocId: this.db._nextDocId,
          lastCreationTime: this.db._lastCreationTime,
        });
      }
      const capture = commitCapture.getStore();
      if (capture && !capture.done && manager._metricsTracker) capture.metrics = manager._metricsTracker.getTransactionMetrics();
      manager._lastCommitTs = ts;
      for (const component of Object.values(this.global.components)) (component.db as CommittableDb).commit(ts);
      manager._metricsTracker?.commit();
      manager._endTransaction(false);
      const writes: WrittenDoc[] = [];
      for (const [id, old] of before) {
        const after = this.db._documents[id] ?? null;
        writes.push({ id, table: tableOfId(id), before: old, after });
        this.index.applyWrite(id, old, after);
      }
      if (capture) capture.ts = ts;
      if (capture && !capture.done) capture.writes = writes;
      const commit = { ts, writes, origin: capture?.origin ?? null };
      if (!this.closed) for (const listener of this.commitListeners) listener(commit);
      return ts;
    };
  }

  /** A rejection in convex-test's timer (full disk) would end the process: report it; the job reruns at the next start. */
  private hookScheduler(): void {
    const scheduler = this.global.scheduler;
    const add = scheduler.add.bind(scheduler);
    scheduler.add = (run) => {
      run.catch((error: unknown) => stalledJob(null, error));
      add(run);
    };
  }
}
