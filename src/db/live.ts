// Live readers that re-run when a table they read changes (in this tab or another), for the UI.
import { Dexie } from "dexie";
import type { WhispersDB } from "./database";

/**
 * A live reader: `subscribe` calls `next` with the current value and again after every change
 * (in this tab or another). A plain shape, so the UI needs no Dexie types.
 */
export type Live<T> = {
  subscribe(next?: ((value: T) => void) | null, error?: ((error: unknown) => void) | null): { unsubscribe(): void };
};

/**
 * Runs `query` now and again after every committed write to one of `tables` of `db` (Dexie's
 * storagemutated event, which it also relays from other tabs). Table-level on purpose: Dexie's
 * liveQuery records what a query read through its async zones, and with several live queries
 * interleaving (a screen has a dozen) reads made after an `await` of a plain async function
 * were sometimes recorded in another query's zone, so a screen silently stopped updating.
 * A re-run is one indexed read; runs never overlap, and only the newest result is delivered.
 */
export function live<T>(db: WhispersDB, tables: readonly string[], query: () => Promise<T> | T): Live<T> {
  for (const table of tables) db.table(table); // an unknown table name fails here, not silently
  const parts = tables.map((table) => `idb://${db.name}/${table}/`);
  return {
    subscribe(next, error) {
      let closed = false;
      let running = false;
      let again = false;
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
            if (!closed && !again) next?.(value);
          } while (again && !closed);
        } catch (err) {
          if (!closed && (err as { name?: string } | null)?.name !== "DatabaseClosedError") error?.(err);
        } finally {
          running = false;
        }
      };
      const onChange = (changed: Record<string, unknown>) => {
        if (!closed && parts.some((part) => part in changed)) void run();
      };
      Dexie.on("storagemutated", onChange);
      void run();
      return {
        unsubscribe() {
          closed = true;
          Dexie.on("storagemutated").unsubscribe(onChange);
        },
      };
    },
  };
}
