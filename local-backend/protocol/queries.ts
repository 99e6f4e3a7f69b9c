// Subscribed query runs shared by every connection: run once, re-run only when a commit touches their reads.
import type { UserIdentity } from "convex/server";
import type { JSONValue, Value } from "convex/values";
import { Dependencies, readSetAffectedBy, type WrittenDoc } from "../engine/dependencies";
import { detached, type Commit, type Engine } from "../engine/engine";
import { toWireError } from "../engine/errors";
import type { FunctionDirectory } from "../engine/functions";
import type { Subscription } from "./connection";
import { failedReads, type ReadSet } from "../engine/reads";
import { resultValue } from "../engine/urls";

export type QueryResult =
  | { success: true; value: JSONValue }
  | { success: false; errorMessage: string; errorData?: JSONValue };

/** A query run shared by every subscriber with the same function, arguments and identity. */
export class QueryEntry {
  result: QueryResult = { success: true, value: null };
  resultJson = "";
  /** Bumped whenever the result's JSON changes. */
  version = 0;
  refs = 0;
  ready: Promise<void> = Promise.resolve();
  reads: ReadSet | null = null;
  readonly subscribers = new Set<Subscription>();

  constructor(
    readonly key: string,
    readonly udfPath: string,
    readonly args: Record<string, Value>,
    readonly argsJson: string,
    readonly identity: UserIdentity | null,
  ) {}
}

export type InvalidationMode = "reads" | "all";
/** `target` = the one connection whose queries are all current now; null = every connection. */
type FlushListener = (changed: QueryEntry[], ts: bigint, target: Subscription["conn"] | null) => void;

const RECENT_COMMITS = 2000;

export class QueryRegistry {
  private readonly entries = new Map<string, QueryEntry>();
  private readonly deps = new Dependencies<QueryEntry>();
  private dirty = new Set<QueryEntry>();
  /** Connections whose own mutations caused the pending commits: served after everyone else. */
  private origins = new Set<object>();
  private flushing = false;
  private flushRequested = false;
  private readonly listeners: FlushListener[] = [];
  /** Commits kept to catch ones landing between a run and the registration of its reads. */
  private readonly recent: { seq: number; writes: WrittenDoc[] }[] = [];
  private commitSeq = 0;
  /** Every commit up to this timestamp has been reflected in every entry. */
  syncedTs: bigint;
  /** Query runs performed (for diagnostics and the benchmark). */
  runs = 0;

  constructor(
    private readonly engine: Engine,
    private readonly functions: FunctionDirectory,
    private readonly origin: string,
    private readonly mode: InvalidationMode = "reads",
  ) {
    this.syncedTs = engine.lastTs;
    engine.onCommit((commit) => this.onCommit(commit));
  }

  get size(): number {
    return this.entries.size;
  }

  onFlush(listener: FlushListener): void {
    this.listeners.push(listener);
  }

  /** Run if new; `release` it when the subscriber leaves. */
  async acquire(udfPath: string, args: Record<string, Value>, argsKey: string, identity: UserIdentity | null, identityKey: string): Promise<QueryEntry> {
    const key = `${identityKey}\u0000${udfPath}\u0000${argsKey}`;
    let entry = this.entries.get(key);
    if (!entry) {
      entry = new QueryEntry(key, udfPath, args, argsKey, identity);
      this.entries.set(key, entry);
      const created = entry;
      entry.ready = this.run(created).then(() => undefined);
    }
    entry.refs++;
    await entry.ready;
    return entry;
  }

  release(entry: QueryEntry): void {
    entry.refs--;
    if (entry.refs > 0) return;
    this.entries.delete(entry.key);
    this.deps.unregister(entry);
    this.dirty.delete(entry);
  }

  private onCommit(commit: Commit): void {
    this.commitSeq++;
    this.recent.push({ seq: this.commitSeq, writes: commit.writes });
    if (this.recent.length > RECENT_COMMITS) this.recent.splice(0, this.recent.length - RECENT_COMMITS);
    if (commit.origin) this.origins.add(commit.origin);
    if (this.mode === "all") {
      for (const entry of this.deps.entries()) this.dirty.add(entry);
    } else {
      this.deps.affected(commit.writes, this.dirty);
    }
    this.requestFlush();
  }

  private requestFlush(): void {
    if (this.flushing) {
      this.flushRequested = true;
      return;
    }
    this.flushing = true;
    detached(() => void this.flushLoop());
  }

  private async flushLoop(): Promise<void> {
    try {
      do {
        this.flushRequested = false;
        const ts = this.engine.lastTs;
        const batch = this.dirty;
        const origins = this.origins;
        this.dirty = new Set();
        this.origins = new Set();
        const changed = await this.rerun(batch, ts, origins);
        if (ts > this.syncedTs) this.syncedTs = ts;
        for (const listener of this.listeners) listener(changed, this.syncedTs, null);
      } while (this.flushRequested || this.dirty.size > 0);
    } finally {
      this.flushing = false;
    }
  }

  /**
   * Connection by connection, each getting its Transition once its queries are current (not after the whole batch):
   * fewest first, the committing clients last (they have optimistic updates).
   */
  private async rerun(batch: Set<QueryEntry>, ts: bigint, origins: Set<object>): Promise<QueryEntry[]> {
    const byConnection = new Map<Subscription["conn"], QueryEntry[]>();
    for (const entry of batch) {
      if (entry.refs === 0) continue;
      for (const sub of entry.subscribers) {
        let list = byConnection.get(sub.conn);
        if (!list) byConnection.set(sub.conn, (list = []));
        list.push(entry);
      }
    }
    const outcome = new Map<QueryEntry, boolean>();
    const changed: QueryEntry[] = [];
    const runOnce = async (entry: QueryEntry) => {
      if (outcome.has(entry)) return;
      const didChange = entry.refs > 0 && (await this.run(entry));
      outcome.set(entry, didChange);
      if (didChange) changed.push(entry);
    };
    const rank = ([conn, entries]: [object, QueryEntry[]]) => (origins.has(conn) ? 1e9 : 0) + entries.length;
    const groups = [...byConnection].sort((a, b) => rank(a) - rank(b));
    for (const [conn, entries] of groups) {
      for (const entry of entries) await runOnce(entry);
      const mine = entries.filter((entry) => outcome.get(entry));
      for (const listener of this.listeners) listener(mine, ts, conn);
    }
    for (const entry of batch) await runOnce(entry);
    return changed;
  }

  /** True when its result changed. */
  private async run(entry: QueryEntry): Promise<boolean> {
    const startSeq = this.commitSeq;
    let result: QueryResult;
    let reads: ReadSet | null = null;
    try {
      await this.functions.resolve(entry.udfPath, { allowInternal: false });
      const run = await this.engine.query(entry.udfPath, entry.args, entry.identity);
      reads = run.reads;
      result = { success: true, value: resultValue(run.value, this.origin) };
    } catch (error) {
      const wire = toWireError(error);
      result = { success: false, errorMessage: wire.errorMessage, ...(wire.errorData !== undefined ? { errorData: wire.errorData } : {}) };
      reads = lastReads(error) ?? reads;
    }
    this.runs++;
    if (reads && entry.refs > 0) {
      entry.reads = reads;
      this.deps.register(entry, reads);
      if (this.touchedSince(startSeq, reads)) {
        this.dirty.add(entry);
        this.requestFlush();
      }
    } else if (reads) {
      entry.reads = reads;
    }
    const json = JSON.stringify(result);
    if (json === entry.resultJson) return false;
    entry.result = result;
    entry.resultJson = json;
    entry.version++;
    return true;
  }

  /** Whether a commit after `seq` wrote something these reads cover (or `seq` is too old to tell). */
  private touchedSince(seq: number, reads: ReadSet): boolean {
    if (seq === this.commitSeq) return false;
    const first = this.recent[0];
    if (!first || first.seq > seq + 1) return true;
    for (const commit of this.recent) {
      if (commit.seq > seq && readSetAffectedBy(reads, commit.writes)) return true;
    }
    return false;
  }
}

/** Failed runs still read something; the engine keeps the read set by error. */
function lastReads(error: unknown): ReadSet | null {
  return typeof error === "object" && error !== null ? (failedReads.get(error) ?? null) : null;
}
