// Read sets: what one query run read (documents by id, index ranges, whole tables).
import { AsyncLocalStorage } from "node:async_hooks";
import type { QuerySource } from "./internals";
import { decodeBound, decodeConditions, type Condition } from "./values";

/** One range read: documents of `table` satisfying every condition (none = the whole table). */
export type RangeRead = { table: string; conditions: Condition[] };

export class ReadSet {
  readonly ids = new Set<string>();
  readonly ranges: RangeRead[] = [];

  /** Tables this run depends on (for diagnostics and table-level fallbacks). */
  tables(tableOf: (id: string) => string): Set<string> {
    const tables = new Set(this.ranges.map((r) => r.table));
    for (const id of this.ids) tables.add(tableOf(id));
    return tables;
  }

  addSource(source: QuerySource): void {
    switch (source.type) {
      case "FullTableScan":
        this.ranges.push({ table: source.tableName, conditions: [] });
        return;
      case "IndexRange":
        this.ranges.push({ table: source.indexName.split(".")[0], conditions: decodeConditions(source.range) });
        return;
      case "Search": {
        // Only the equality filters narrow what can matter; the text match is ignored (over-approximation).
        const conditions = source.filters
          .filter((f) => f.type === "Eq")
          .map((f) => ({ type: "Eq" as const, fieldPath: f.fieldPath, value: decodeBound(f.value) }));
        this.ranges.push({ table: source.indexName.split(".")[0], conditions });
        return;
      }
    }
  }
}

/** The read set of the query run in progress on this async path, if it is being recorded. */
export const readTracking = new AsyncLocalStorage<ReadSet>();

/** What a failed query run read, keyed by the error it threw. */
export const failedReads = new WeakMap<object, ReadSet>();
