// Hooks on convex-test's database instance: indexed scans and recording what queries read.
import { compositeKey, type DocIndex } from "./docIndex";
import type { DatabaseFake, EngineQuery, StoredDoc } from "./internals";
import { tableOfId } from "./internals";
import { readTracking } from "./reads";
import { decodeBound, decodeConditions, matchesConditions, type Condition } from "./values";

/**
 * The equality prefix of an index range (its field paths and the hash of their values) and the
 * bounds on the next field, if any (e.g. `seq > cursor` of a feed page).
 */
type ScanHint = { table: string; fieldPaths: string[]; key: string; bounds: Condition[] };

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
    let base =
      scanHint && scanHint.table === table
        ? (index.candidates(table, scanHint.fieldPaths, scanHint.key) ?? new Set<string>())
        : index.idsOf(table);
    if (scanHint && scanHint.table === table && scanHint.bounds.length > 0) {
      // Only the candidates inside the bounds: convex-test sorts whatever it is given, so a page
      // at the head of a long feed sorts a few documents instead of the whole feed.
      const inside = new Set<string>();
      for (const id of base) {
        const doc = originalGet(table, id);
        if (doc !== null && matchesConditions(doc, scanHint.bounds)) inside.add(id);
      }
      base = inside;
    }
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
      // Every equality of the range (the index's leading fields): candidates matching all of them.
      const eqs = source.range.filter((r) => r.type === "Eq");
      const key = eqs.length > 0 ? compositeKey(eqs.map((eq) => decodeBound(eq.value))) : null;
      if (key !== null) {
        const bounds = decodeConditions(source.range.filter((r) => r.type !== "Eq"));
        hint = { table: source.indexName.split(".")[0], fieldPaths: eqs.map((eq) => eq.fieldPath), key, bounds };
      }
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
