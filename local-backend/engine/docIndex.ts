// In-memory indexes over convex-test's documents: ids per table and equality lookups per field.
import type { DatabaseFake, StoredDoc } from "./internals";
import { tableOfId } from "./internals";
import { fieldValue, hashKey } from "./values";

type FieldIndex = Map<string, Set<string>>;

/**
 * convex-test answers every query by scanning all documents of the database. This keeps the ids
 * of each table and, for fields used as the first equality of an index range, a hash from value
 * to ids, so a scan can start from the few candidates instead (convex-test still applies the
 * full range and sorts, so results are unchanged).
 */
export class DocIndex {
  private readonly tables = new Map<string, Set<string>>();
  private readonly fields = new Map<string, Map<string, FieldIndex>>();

  constructor(private readonly db: DatabaseFake) {}

  /** Rebuilds everything from the committed documents. */
  rebuild(): void {
    this.tables.clear();
    this.fields.clear();
    for (const id of Object.keys(this.db._documents)) this.idsOf(tableOfId(id)).add(id);
  }

  idsOf(table: string): Set<string> {
    let ids = this.tables.get(table);
    if (!ids) {
      ids = new Set();
      this.tables.set(table, ids);
    }
    return ids;
  }

  /** Ids of committed documents of `table` whose `fieldPath` hashes to `key`. */
  candidates(table: string, fieldPath: string, key: string): Set<string> | undefined {
    return this.fieldIndex(table, fieldPath).get(key);
  }

  /** Keeps the indexes in step with one committed write. */
  applyWrite(id: string, before: StoredDoc | null, after: StoredDoc | null): void {
    const table = tableOfId(id);
    if (after) this.idsOf(table).add(id);
    else this.idsOf(table).delete(id);
    const indexes = this.fields.get(table);
    if (!indexes) return;
    for (const [fieldPath, index] of indexes) {
      const oldKey = before ? hashKey(fieldValue(before, fieldPath)) : null;
      const newKey = after ? hashKey(fieldValue(after, fieldPath)) : null;
      if (oldKey === newKey && oldKey !== null) continue;
      if (oldKey !== null) index.get(oldKey)?.delete(id);
      if (newKey !== null) addTo(index, newKey, id);
    }
  }

  private fieldIndex(table: string, fieldPath: string): FieldIndex {
    let indexes = this.fields.get(table);
    if (!indexes) {
      indexes = new Map();
      this.fields.set(table, indexes);
    }
    let index = indexes.get(fieldPath);
    if (!index) {
      index = new Map();
      for (const id of this.idsOf(table)) {
        const doc = this.db._documents[id];
        const key = doc ? hashKey(fieldValue(doc, fieldPath)) : null;
        if (key !== null) addTo(index, key, id);
      }
      indexes.set(fieldPath, index);
    }
    return index;
  }
}

function addTo(index: FieldIndex, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  ids.add(id);
}
