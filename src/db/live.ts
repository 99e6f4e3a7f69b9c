// Live readers that re-run when a table they read changes (in this tab or another), for the UI.
import { Dexie, type Transaction } from "dexie";
import type { WhispersDB } from "./database";
import { transactionOf, writesOf, type TableWrites } from "./writeLog";

/**
 * A live reader: `subscribe` calls `next` with the current value and again after every change
 * (in this tab or another). A plain shape, so the UI needs no Dexie types.
 */
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

/**
 * The one storagemutated listener of this module: commit watchers first, then the readers,
 * with what the transaction wrote when it is one of this tab's (writeLog); relayed from another
 * tab, the readers read again.
 */
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

/**
 * Runs `run` the moment `tx` (a read-write transaction that writes something) has committed —
 * before any live reader starts re-reading what it wrote. Returns the cancel (call it once the
 * transaction settled: an aborted one never runs `run`).
 */
export function onCommitted(tx: Transaction, run: () => void): () => void {
  listen();
  const watcher = { tx: tx.idbtrans, run };
  commitWatchers.add(watcher);
  return () => commitWatchers.delete(watcher);
}

export type LiveOptions<T> = {
  /**
   * Follows a commit of this tab without reading again: given the value delivered last and what
   * the transaction wrote to this reader's tables (`committed.table(name)`), returns the new
   * value (the same one when nothing changed for this reader), or undefined to read again.
   * It must give exactly what a read would; when unsure, undefined.
   */
  patch?: (current: T, committed: Committed) => T | undefined;
  /**
   * For background readers (the app badge, the media prefetch list): after a change, wait this
   * long (ms) before re-running, and take every change meanwhile in that one run. Keeps them
   * off the path of what the screen shows (a whisper arriving in the open conversation).
   */
  settleMs?: number;
};

/**
 * Runs `query` now and again after every committed write to one of `tables` of `db` (Dexie's
 * storagemutated event, which it also relays from other tabs). Table-level on purpose: Dexie's
 * liveQuery records what a query read through its async zones, and with several live queries
 * interleaving (a screen has a dozen) reads made after an `await` of a plain async function
 * were sometimes recorded in another query's zone, so a screen silently stopped updating.
 * A re-run is one indexed read; runs never overlap, and only the newest result is delivered.
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
