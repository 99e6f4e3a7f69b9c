// Reaches convex-test's private engine objects (database, transaction manager) so the server can hook them.
import { AsyncLocalStorage } from "node:async_hooks";

/** A committed or pending document as convex-test stores it (Convex values, not JSON). */
export type StoredDoc = Record<string, unknown> & { _id: string; _creationTime: number };

/** One pending write level: id → new document, or null for a delete. */
export type WriteLevel = Record<string, StoredDoc | null>;

/** Index range filter as the Convex runtime sends it (values are JSON-encoded Convex values). */
export type RangeExpression = { type: "Eq" | "Gt" | "Gte" | "Lt" | "Lte"; fieldPath: string; value: unknown };

/** The query shapes convex-test evaluates (`source` decides what is read). */
export type QuerySource =
  | { type: "FullTableScan"; tableName: string; order?: string }
  | { type: "IndexRange"; indexName: string; range: RangeExpression[]; order?: string }
  | { type: "Search"; indexName: string; filters: { type: "Eq" | "Search"; fieldPath: string; value: unknown }[] };
export type EngineQuery = { source: QuerySource; operators: unknown[] };

export interface DatabaseFake {
  _documents: Record<string, StoredDoc>;
  _storage: Record<string, Blob>;
  _writes: WriteLevel[];
  _nextDocId: number;
  _lastCreationTime: number;
  get(table: string | undefined, id: string): StoredDoc | null;
  _addWrite(id: string, value: StoredDoc | null): void;
  _iterateDocs(table: string, callback: (doc: StoredDoc) => void): void;
  _resolveQuerySource(query: EngineQuery): unknown;
  startQuery(query: EngineQuery): number;
  queryNext(queryId: number): { value: StoredDoc | null; done: boolean };
  _schema: { tables: Map<string, { indexes: { indexDescriptor: string; fields: string[] }[] }> } | null;
  vectorSearch(tableAndIndex: string, ...rest: unknown[]): unknown;
  storeFile(storageId: string, blob: Blob): void;
  getFile(storageId: string): Blob | Promise<Blob> | null;
}

export interface TransactionManager {
  _lastCommitTs: bigint;
  _waitOnCurrentFunction: Promise<void> | null;
  begin(isNested: boolean, transactionLimits?: unknown): Promise<void>;
  commit(isNested: boolean): bigint | null;
  _endTransaction(isNested: boolean): void;
}

type SyscallFn = (op: string, jsonArgs: string) => Promise<string>;

/** convex-test's per-instance global. */
export interface ConvexGlobal {
  components: Record<string, { db: DatabaseFake }>;
  transactionManager: TransactionManager;
  asyncSyscall: SyscallFn;
  /** Tracks the runs of scheduled functions convex-test's timers started. */
  scheduler: { add(run: Promise<unknown>): void };
}

function isConvexGlobal(value: unknown): value is ConvexGlobal {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<ConvexGlobal>;
  const db = v.components?.[""]?.db as Partial<DatabaseFake> | undefined;
  return (
    typeof v.asyncSyscall === "function" &&
    typeof v.transactionManager?.commit === "function" &&
    typeof v.scheduler?.add === "function" &&
    typeof db?._documents === "object" &&
    typeof db._nextDocId === "number" &&
    typeof db._iterateDocs === "function"
  );
}

/** convex-test runs each call inside `AsyncLocalStorage.run(convexGlobal, …)`: watching `run` once hands us that object. */
export function captureConvexGlobal(start: () => Promise<unknown>): { global: ConvexGlobal; done: Promise<unknown> } {
  const prototype = AsyncLocalStorage.prototype as { run: (...args: unknown[]) => unknown };
  const originalRun = prototype.run;
  let found: ConvexGlobal | undefined;
  prototype.run = function (this: unknown, store: unknown, ...rest: unknown[]) {
    if (found === undefined && isConvexGlobal(store)) found = store;
    return originalRun.call(this, store, ...rest);
  };
  let done: Promise<unknown>;
  try {
    done = start();
  } finally {
    prototype.run = originalRun;
  }
  if (!found) {
    throw new Error("local backend: could not find convex-test's engine state (is convex-test 0.0.60 installed?)");
  }
  return { global: found, done };
}

/** Ids are `<digits><table>`. */
export function tableOfId(id: string): string {
  let i = 0;
  while (i < id.length && id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) i++;
  return id.slice(i);
}

export function counterOfId(id: string): number {
  let i = 0;
  while (i < id.length && id.charCodeAt(i) >= 48 && id.charCodeAt(i) <= 57) i++;
  return Number(id.slice(0, i));
}
