// Hooks on convex-test's database instance: indexed scans and recording what queries read.
import type { DocIndex } from "./docIndex";
import type { DatabaseFake, EngineQuery, StoredDoc } from "./internals";
import { tableOfId } from "./internals";
import { readTracking } from "./reads";
import { decodeBound, hashKey } from "./values";

type ScanHint = { table: string; fieldPath: string; key: string };

/**
 * Replaces `_iterateDocs` (every query source goes through it) with a scan over the table's ids,
 * or over the candidates of an equality hint, plus the pending writes; wraps
 * `_resolveQuerySource`, `vectorSearch` and `get` to record reads into the current ReadSet.
 */
export function installDbHooks(db: DatabaseFake, index: DocIndex): void {
  const originalGet = db.get.bind(db);
  const originalResolve = db._resolveQuerySource.bind(db);
  const originalVectorSearch = db.vectorSearch.bind(db);
  let hint: ScanHint | null = null;

  db.get = (table, id) => {
    readTracking.getStore()?.ids.add(id);
    return originalGet(table, id);
  };

  db._iterateDocs = (table, callback) => {
    const scanHint = hint;
    hint = null;
    const base =
      scanHint && scanHint.table === table
        ? (index.candidates(table, scanHint.fieldPath, scanHint.key) ?? new Set<string>())
        : index.idsOf(table);
    let ids: Iterable<string> = base;
    for (const level of db._writes) {
      for (const id of Object.keys(level)) {
        if (base.has(id) || tableOfId(id) !== table) continue;
        if (ids === base) ids = new Set(base);
        (ids as Set<string>).add(id);
      }
    }
    const docs: StoredDoc[] = [];
    for (const id of ids) {
      const doc = originalGet(table, id);
      if (doc !== null) docs.push(doc);
    }
    for (const doc of docs) callback(doc);
  };

  db._resolveQuerySource = (query: EngineQuery) => {
    readTracking.getStore()?.addSource(query.source);
    const source = query.source;
    if (source.type === "IndexRange") {
      const eq = source.range.find((r) => r.type === "Eq");
      const key = eq ? hashKey(decodeBound(eq.value)) : null;
      if (eq && key !== null) hint = { table: source.indexName.split(".")[0], fieldPath: eq.fieldPath, key };
    }
    try {
      return originalResolve(query);
    } finally {
      hint = null;
    }
  };

  db.vectorSearch = (tableAndIndex, ...rest) => {
    readTracking.getStore()?.ranges.push({ table: tableAndIndex.split(".")[0], conditions: [] });
    return originalVectorSearch(tableAndIndex, ...rest);
  };
}
