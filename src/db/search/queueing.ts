// The Dexie middleware that keeps the search index current: every write of whispers notes their ids in searchQueue, in the same transaction.
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from "dexie";
import type { SearchQueueEntry } from "./types";

/** The fields of a whisper its search line depends on (its words, time and visibility). */
const INDEXED_FIELDS = new Set(["content", "sortKey", "status", "isDeleted", "conversationId"]);

/** True when a partial update (a changeSpec of modify or update) touches a field the index reads. */
function touchesIndexed(spec: Record<string, unknown>): boolean {
  return Object.keys(spec).some((keyPath) => INDEXED_FIELDS.has(keyPath.split(".")[0]!));
}

/** Ids written or deleted, `all` for a range delete, nothing when only unindexed fields change (reactions, receipts). */
export function queueEntryFor(table: DBCoreTable, req: DBCoreMutateRequest): SearchQueueEntry | undefined {
  if (req.type === "deleteRange") return { all: true };
  if (req.type === "delete") return req.keys.length > 0 ? { ids: req.keys.map(String) } : undefined;
  if (req.type === "put" && req.changeSpec && !touchesIndexed(req.changeSpec)) return undefined;
  if (req.type === "put" && req.updates && !req.updates.changeSpecs.some(touchesIndexed)) return undefined;
  const extract = table.schema.primaryKey.extractKey;
  const ids = req.keys?.length ? req.keys.map(String) : extract ? req.values.map((v) => String(extract(v))) : [];
  return ids.length > 0 ? { ids } : undefined;
}

/**
 * Widens every rw `whispers` transaction to `searchQueue` (so no writer names it); the entry commits or aborts with
 * the whispers. The indexer reads the queue later, away from the write's path.
 */
export const searchQueueing: Middleware<DBCore> = {
  stack: "dbcore",
  name: "SearchQueue",
  create(down: DBCore): Partial<DBCore> {
    const hasQueue = () => down.schema.tables.some((t) => t.name === "searchQueue");
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened = mode === "readwrite" && stores.includes("whispers") && !stores.includes("searchQueue") && hasQueue();
        return down.transaction(widened ? [...stores, "searchQueue"] : stores, mode, options);
      },
      table(name: string): DBCoreTable {
        const table = down.table(name);
        if (name !== "whispers" || !hasQueue()) return table;
        const queue = down.table("searchQueue");
        return {
          ...table,
          mutate(req) {
            const entry = queueEntryFor(table, req);
            if (!entry) return table.mutate(req);
            return Promise.all([table.mutate(req), queue.mutate({ type: "add", trans: req.trans, values: [entry] })]).then(([result]) => result);
          },
        };
      },
    };
  },
};
