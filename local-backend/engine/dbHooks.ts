// Hooks on convex-test's database instance: indexed scans and recording what queries read.
import { compositeKey, docKey, type DocIndex } from "./docIndex";
import type { DatabaseFake, EngineQuery, QuerySource, StoredDoc, WriteLevel } from "./internals";
import { tableOfId } from "./internals";
import { readTracking } from "./reads";
import { compareValues, type Value } from "convex/values";
import { decodeBound, decodeConditions, fieldValue, matchesConditions, type Condition } from "./values";

/** An index range's equality prefix (paths, hash of values) and the bounds on the next field (e.g. `seq > cursor`). */
type ScanHint = {
  table: string;
  fieldPaths: string[];
  key: string;
  bounds: Condition[];
  /** take(n) without filters: only the first n in index order can be returned. */
  limit: number | null;
  order: "asc" | "desc";
};

/** Indexed scans in `_iterateDocs` (every query source goes through it); the other hooks record reads and extents. */
export function installDbHooks(db: DatabaseFake, index: DocIndex): void {
  const originalGet = db.get.bind(db);
  const originalResolve = db._resolveQuerySource.bind(db);
  const originalVectorSearch = db.vectorSearch.bind(db);
  let hint: ScanHint | null = null;
  // Pending ids per level and table: a query in a big batch visits its own table's few writes, not all.
  const pendingByLevel = new WeakMap<WriteLevel, Map<string, PendingTable>>();
  const originalAddWrite = db._addWrite.bind(db);
  db._addWrite = (id, value) => {
    originalAddWrite(id, value);
    const level = db._writes[db._writes.length - 1]!;
    let tables = pendingByLevel.get(level);
    if (!tables) {
      tables = new Map();
      pendingByLevel.set(level, tables);
    }
    const table = tableOfId(id);
    let pending = tables.get(table);
    if (!pending) {
      pending = new PendingTable();
      tables.set(table, pending);
    }
    pending.write(id, value);
  };

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
      // convex-test sorts whatever it is given: a page of a long feed sorts a few documents, not the feed.
      const inside: { id: string; value: Value | undefined }[] = [];
      const field = scanHint.bounds[0]!.fieldPath;
      for (const id of base) {
        const doc = originalGet(table, id);
        if (doc !== null && matchesConditions(doc, scanHint.bounds)) inside.push({ id, value: fieldValue(doc, field) });
      }
      base = new Set(firstInOrder(inside, scanHint.limit, scanHint.order).map((c) => c.id));
    }
    let ids: Iterable<string> = base;
    const hinted = scanHint && scanHint.table === table ? scanHint : null;
    for (const level of db._writes) {
      const pending = pendingByLevel.get(level)?.get(table);
      if (!pending) continue;
      // A pending document whose equality prefix differs can never match the range.
      for (const id of hinted ? pending.candidates(hinted.fieldPaths, hinted.key) : pending.ids) {
        if (base.has(id)) continue;
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
      const eqs = source.range.filter((r) => r.type === "Eq");
      const key = eqs.length > 0 ? compositeKey(eqs.map((eq) => decodeBound(eq.value))) : null;
      if (key !== null) {
        const bounds = decodeConditions(source.range.filter((r) => r.type !== "Eq"));
        const filtered = query.operators.some((op) => typeof op === "object" && op !== null && "filter" in op);
        const limitOp = query.operators.find((op): op is { limit: number } => typeof op === "object" && op !== null && "limit" in op);
        hint = {
          table: source.indexName.split(".")[0],
          fieldPaths: eqs.map((eq) => eq.fieldPath),
          key,
          bounds,
          limit: !filtered && limitOp ? limitOp.limit : null,
          order: source.order === "desc" ? "desc" : "asc",
        };
      }
    }
    try {
      return originalResolve(query);
    } finally {
      hint = null;
    }
  };

  const originalStartQuery = db.startQuery.bind(db);
  const originalQueryNext = db.queryNext.bind(db);
  db.startQuery = (query) => {
    const reads = readTracking.getStore();
    const recorded = reads?.ranges.length ?? 0;
    const queryId = originalStartQuery(query);
    const fields = reads && reads.ranges.length > recorded ? indexOrder(db, query.source) : null;
    if (reads && fields) {
      const limitOp = query.operators.find((op): op is { limit: number } => typeof op === "object" && op !== null && "limit" in op);
      const range = reads.ranges[reads.ranges.length - 1]!;
      const order = "order" in query.source && query.source.order === "desc" ? "desc" : "asc";
      range.extent = { fields, order, limit: limitOp?.limit ?? null, count: 0, last: null, done: false };
      reads.streams.set(queryId, range);
    }
    return queryId;
  };
  db.queryNext = (queryId) => {
    const result = originalQueryNext(queryId);
    const reads = readTracking.getStore();
    const extent = reads?.streams.get(queryId)?.extent;
    if (reads && extent) {
      if (!result.done && result.value !== null) {
        extent.last = result.value;
        extent.count++;
      } else {
        // convex-test ends a take(n) after n documents; only a shorter answer reached the range's end.
        extent.done = extent.limit === null || extent.count < extent.limit;
        reads.streams.delete(queryId);
      }
    }
    return result;
  };

  db.vectorSearch = (tableAndIndex, ...rest) => {
    readTracking.getStore()?.ranges.push({ table: tableAndIndex.split(".")[0], conditions: [] });
    return originalVectorSearch(tableAndIndex, ...rest);
  };
}

/** Keyed pending writes: a lookup in a transaction that wrote hundreds of rows (a post to 500 feeds) visits its few. */
class PendingTable {
  readonly ids = new Set<string>();
  private readonly docs = new Map<string, StoredDoc | null>();
  private readonly byFields = new Map<string, { fieldPaths: string[]; keyOf: Map<string, string | null>; byKey: Map<string | null, Set<string>> }>();

  write(id: string, doc: StoredDoc | null): void {
    this.ids.add(id);
    this.docs.set(id, doc);
    for (const index of this.byFields.values()) {
      const old = index.keyOf.get(id);
      if (old !== undefined) index.byKey.get(old)?.delete(id);
      index.keyOf.delete(id);
      if (doc !== null) this.add(index, id, doc);
    }
  }

  /** Ids whose version here has `key` at `fieldPaths` (or an unhashable value there). */
  candidates(fieldPaths: string[], key: string): Iterable<string> {
    const name = fieldPaths.join("\u0000");
    let index = this.byFields.get(name);
    if (!index) {
      index = { fieldPaths, keyOf: new Map(), byKey: new Map() };
      for (const [id, doc] of this.docs) if (doc !== null) this.add(index, id, doc);
      this.byFields.set(name, index);
    }
    const exact = index.byKey.get(key);
    const unhashable = index.byKey.get(null);
    if (!unhashable || unhashable.size === 0) return exact ?? [];
    return [...(exact ?? []), ...unhashable];
  }

  private add(index: { fieldPaths: string[]; keyOf: Map<string, string | null>; byKey: Map<string | null, Set<string>> }, id: string, doc: StoredDoc): void {
    const key = docKey(doc, index.fieldPaths);
    index.keyOf.set(id, key);
    let ids = index.byKey.get(key);
    if (!ids) {
      ids = new Set();
      index.byKey.set(key, ids);
    }
    ids.add(id);
  }
}

/** The fields a source's documents come in order of (the index's, then _creationTime and _id); null for a search. */
function indexOrder(db: DatabaseFake, source: QuerySource): string[] | null {
  if (source.type === "FullTableScan") return ["_creationTime", "_id"];
  if (source.type !== "IndexRange") return null;
  const [table, index] = source.indexName.split(".") as [string, string];
  if (index === "by_creation_time") return ["_creationTime", "_id"];
  if (index === "by_id") return ["_id"];
  const fields = db._schema?.tables.get(table)?.indexes.find((i) => i.indexDescriptor === index)?.fields;
  return fields ? [...fields, "_creationTime", "_id"] : null;
}

/** Those up to the limit-th value of the bounded field (ties included): a catch-up's paging would be quadratic otherwise. */
function firstInOrder<T extends { value: Value | undefined }>(candidates: T[], limit: number | null, order: "asc" | "desc"): T[] {
  if (limit === null || candidates.length <= limit) return candidates;
  const sign = order === "asc" ? 1 : -1;
  const cmp = (a: Value | undefined, b: Value | undefined) =>
    typeof a === "number" && typeof b === "number" ? a - b : compareValues(a as Value, b as Value);
  const values = candidates.map((c) => c.value).sort((a, b) => sign * cmp(a, b));
  const threshold = values[limit - 1];
  return candidates.filter((c) => sign * cmp(c.value, threshold) <= 0);
}
