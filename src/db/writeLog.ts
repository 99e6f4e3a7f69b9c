// What each read-write transaction wrote, row by row, so live readers can follow a commit without reading again.
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from "dexie";

/** The rows one transaction wrote to one table: the last value put per key, and the keys deleted. */
export type TableWrites = {
  readonly put: ReadonlyMap<unknown, unknown>;
  readonly deleted: ReadonlySet<unknown>;
};

type Log = Map<string, { put: Map<unknown, unknown>; deleted: Set<unknown>; unknown: boolean }>;

const logs = new WeakMap<object, Log>();
/** Transactions with a log that have not ended yet (to find the one a storagemutated event announces). */
const open = new Set<object>();

function logOf(trans: object): Log {
  let log = logs.get(trans);
  if (!log) {
    logs.set(trans, (log = new Map()));
    open.add(trans);
    const target = trans as Partial<EventTarget>;
    // Completion is announced (storagemutated) by Dexie's own handler first; forget it after that.
    const end = () => setTimeout(() => open.delete(trans));
    for (const type of ["complete", "abort", "error"]) target.addEventListener?.(type, end);
  }
  return log;
}

/**
 * Puts kept by reference (IndexedDB stores the value at request time; nothing mutates a row after putting it), deletes
 * by key; anything else (range delete, partial update, generated keys) makes the table "unknown": readers re-read.
 */
function record(table: DBCoreTable, req: DBCoreMutateRequest): void {
  const log = logOf(req.trans);
  let entry = log.get(table.name);
  if (!entry) log.set(table.name, (entry = { put: new Map(), deleted: new Set(), unknown: false }));
  if (entry.unknown) return;
  if (req.type === "delete") {
    for (const key of req.keys) {
      entry.put.delete(key);
      entry.deleted.add(key);
    }
    return;
  }
  const extract = table.schema.primaryKey.extractKey;
  if (req.type === "deleteRange" || (req.type === "put" && (req.updates || req.upsert)) || !extract) {
    entry.unknown = true;
    return;
  }
  for (const value of req.values) {
    const key: unknown = extract(value);
    if (key === undefined || key === null) {
      entry.unknown = true;
      return;
    }
    entry.deleted.delete(key);
    entry.put.set(key, value);
  }
}

/** The Dexie middleware that records every write (WhispersDB installs it). */
export const writeLog: Middleware<DBCore> = {
  stack: "dbcore",
  name: "WriteLog",
  create(down: DBCore): Partial<DBCore> {
    return {
      ...down,
      table(name: string): DBCoreTable {
        const table = down.table(name);
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            // An upgrade may rewrite the whole history, and no reader is open during it: nothing to keep.
            if ((req.trans as Partial<IDBTransaction>).mode !== "versionchange") record(table, req);
            return table.mutate(req);
          },
        };
      },
    };
  },
};

/** Found by identity of its `mutatedParts`; one relayed from another tab is a copy, so none (readers re-read). */
export function transactionOf(changed: object): object | undefined {
  for (const trans of open) {
    if ((trans as { mutatedParts?: unknown }).mutatedParts !== changed) continue;
    open.delete(trans);
    return trans;
  }
  return undefined;
}

/** `trans` is an IDBTransaction. */
export function writesOf(trans: object, table: string): TableWrites | "unchanged" | "unknown" {
  const entry = logs.get(trans)?.get(table);
  if (!entry) return "unchanged";
  return entry.unknown ? "unknown" : entry;
}
