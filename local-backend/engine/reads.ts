// Read sets: what one query or mutation run read (documents by id, index ranges, whole tables).
import { AsyncLocalStorage } from "node:async_hooks";
import type { QuerySource, StoredDoc } from "./internals";
import { decodeBound, decodeConditions, type Condition } from "./values";

/** How far a streamed range was read in index order: through `last`, or all once `done` (a full take(n) is not done). */
export type Extent = { fields: string[]; order: "asc" | "desc"; limit: number | null; count: number; last: StoredDoc | null; done: boolean };

/** No conditions: the whole table. Without an `extent` (a page, a search) the whole range counts as read. */
export type RangeRead = { table: string; index?: string; conditions: Condition[]; extent?: Extent };

export class ReadSet {
  readonly ids = new Set<string>();
  readonly ranges: RangeRead[] = [];
  /** Open query streams (convex-test query ids) → the range each reads, while their extent grows. */
  readonly streams = new Map<number, RangeRead>();

  /** Tables this run depends on (for diagnostics and table-level fallbacks). */
  tables(tableOf: (id: string) => string): Set<string> {
    const tables = new Set(this.ranges.map((r) => r.table));
    for (const id of this.ids) tables.add(tableOf(id));
    return tables;
  }

  addSource(source: QuerySource): RangeRead {
    let range: RangeRead;
    switch (source.type) {
      case "FullTableScan":
        range = { table: source.tableName, conditions: [] };
        break;
      case "IndexRange":
        range = { table: source.indexName.split(".")[0], index: source.indexName, conditions: decodeConditions(source.range) };
        break;
      case "Search": {
        // Only the equality filters narrow what can matter; the text match is ignored (over-approximation).
        const conditions = source.filters
          .filter((f) => f.type === "Eq")
          .map((f) => ({ type: "Eq" as const, fieldPath: f.fieldPath, value: decodeBound(f.value) }));
        range = { table: source.indexName.split(".")[0], index: source.indexName, conditions };
        break;
      }
    }
    this.ranges.push(range);
    return range;
  }

  /** A copy that later reads (of functions the run scheduled, which inherit its context) do not reach. */
  snapshot(): ReadSet {
    const copy = new ReadSet();
    for (const id of this.ids) copy.ids.add(id);
    for (const range of this.ranges) copy.ranges.push({ ...range, ...(range.extent ? { extent: { ...range.extent } } : {}) });
    return copy;
  }
}

/** The read set of the query run in progress on this async path, if it is being recorded. */
export const readTracking = new AsyncLocalStorage<ReadSet>();

/** What a failed query run read, keyed by the error it threw. */
export const failedReads = new WeakMap<object, ReadSet>();
