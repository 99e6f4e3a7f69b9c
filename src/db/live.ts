// Live readers that re-run when a table they read changes (in this tab or another), for the UI.
import { Dexie, type Transaction } from "dexie";
import type { WhispersDB } from "./database";
import { transactionOf, writesOf, type TableWrites } from "./writeLog";

/** A plain shape, so the UI needs no Dexie types. */
export type Live<T> = {
  subscribe(next?: ((value: T) => void) | null, error?: ((error: unknown) => void) | null): { unsubscribe(): void };
};

type Changed = Record<string, unknown>;

/** What one committed transaction of this tab wrote, table by table (see LiveOptions.patch). */
export type Committed = {
  /** Its rows written to `name`, "unchanged" if it wrote nothing there, "unknown" if they cannot be told. */
  table(name: string): TableWrites | "unchanged" | "unknown";
};

/** Callbacks waiting for a transaction's commit (see onCommitted), and the live readers. */
const commitWatchers = new Set<{ tx: object; run: () => void }>();
const readers = new Set<(changed: Changed, committed: Committed | undefined) => void>();
let listening = false;

/** Commit watchers first, then the readers (with writeLog's rows for this tab's commits; other tabs' mean a re-read). */
function onStorageMutated(changed: Changed): void {
  const trans = transactionOf(changed);
  for (const watcher of commitWatchers) {
    if (trans === undefined || watcher.tx !== trans) continue;
    commitWatchers.delete(watcher);
    try {
      watcher.run();
    } catch (error) {
      console.error(error); // never keeps the readers below from hearing of the commit
    }
  }
  const committed: Committed | undefined = trans && { table: (name) => writesOf(trans, name) };
  for (const reader of [...readers]) reader(changed, committed);
}

function listen(): void {
  if (listening) return;
  listening = true;
  Dexie.on("storagemutated", onStorageMutated);
}

/** `tx` must write something; runs before any live reader re-reads. Call the cancel once it settled (an abort never runs `run`). */
export function onCommitted(tx: Transaction, run: () => void): () => void {
  listen();
  const watcher = { tx: tx.idbtrans, run };
  commitWatchers.add(watcher);
  return () => commitWatchers.delete(watcher);
}

export type LiveOptions<T> = {
  /** From the last value and `committed.table(name)`: the new value, or undefined to read again. Must equal a read; unsure: undefined. */
  patch?: (current: T, committed: Committed) => T | undefined;
  /** Ms to wait before re-running (changes meanwhile together): keeps background readers off the screen's path. */
  settleMs?: number;
};

/**
 * Table-level on purpose, not liveQuery: interleaved liveQueries' zones misrecorded reads after plain awaits, so screens
 * silently stopped updating. Runs never overlap; only the newest result is delivered.
 */
export function live<T>(db: WhispersDB, tables: readonly string[], query: () => Promise<T> | T, options: LiveOptions<T> = {}): Live<T> {
  for (const table of tables) db.table(table); // an unknown table name fails here, not silently
  const parts = tables.map((table) => `idb://${db.name}/${table}/`);
  return {
    subscribe(next, error) {
      let closed = false;
      let running = false;
      let again = false;
      let settling: ReturnType<typeof setTimeout> | undefined;
      /** The value delivered last (patches start from it). */
      let current: { value: T } | undefined;
      const deliver = (value: T) => {
        current = { value };
        next?.(value);
      };
      const run = async () => {
        if (running) {
          again = true;
          return;
        }
        running = true;
        try {
          do {
            again = false;
            const value = await Dexie.ignoreTransaction(() => query());
            if (!closed && !again) deliver(value);
          } while (again && !closed);
        } catch (err) {
          if (!closed && (err as { name?: string } | null)?.name !== "DatabaseClosedError") error?.(err);
        } finally {
          running = false;
        }
      };
      const onChange = (changed: Changed, committed: Committed | undefined) => {
        if (closed || !parts.some((part) => part in changed)) return;
        if (options.patch && committed && current && !running && settling === undefined) {
          let patched: T | undefined;
          try {
            patched = options.patch(current.value, committed);
          } catch {
            patched = undefined; // read again
          }
          if (patched !== undefined) {
            try {
              if (patched !== current.value) deliver(patched);
            } catch (err) {
              error?.(err); // as a failed run would report it; the other readers still hear of the commit
            }
            return;
          }
        }
        if (!options.settleMs) return void run();
        settling ??= setTimeout(() => {
          settling = undefined;
          if (!closed) void run();
        }, options.settleMs);
      };
      listen();
      readers.add(onChange);
      void run();
      return {
        unsubscribe() {
          closed = true;
          clearTimeout(settling);
          readers.delete(onChange);
        },
      };
    },
  };
}
