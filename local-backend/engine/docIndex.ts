// In-memory indexes over convex-test's documents: ids per table and equality lookups per field.
import type { DatabaseFake, StoredDoc } from "./internals";
import { tableOfId } from "./internals";
import type { Value } from "convex/values";
import { fieldValue, hashKey } from "./values";

type FieldIndex = Map<string, Set<string>>;

/**
 * convex-test answers every query by scanning all documents of the database. This keeps the ids
 * of each table and, for the equality prefix of an index range (e.g. `userId` and `docId` of
 * `by_user_doc`), a hash from those values to ids, so a scan starts from the few candidates
 * instead (convex-test still applies the full range and sorts, so results are unchanged). With
 * the whole prefix, not only its first field, a lookup like "this user's change of this doc" no
 * longer visits every change of the user, so writes stay O(1) as a feed grows.
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

  /** Ids of committed documents of `table` whose `fieldPaths` hash to `key` (see compositeKey). */
  candidates(table: string, fieldPaths: string[], key: string): Set<string> | undefined {
    return this.fieldIndex(table, fieldPaths).get(key);
  }

  /** Keeps the indexes in step with one committed write. */
  applyWrite(id: string, before: StoredDoc | null, after: StoredDoc | null): void {
    const table = tableOfId(id);
    if (after) this.idsOf(table).add(id);
    else this.idsOf(table).delete(id);
    const indexes = this.fields.get(table);
    if (!indexes) return;
    for (const [name, index] of indexes) {
      const fieldPaths = name.split(SEPARATOR);
      const oldKey = before ? docKey(before, fieldPaths) : null;
      const newKey = after ? docKey(after, fieldPaths) : null;
      if (oldKey === newKey && oldKey !== null) continue;
      if (oldKey !== null) index.get(oldKey)?.delete(id);
      if (newKey !== null) addTo(index, newKey, id);
    }
  }

  private fieldIndex(table: string, fieldPaths: string[]): FieldIndex {
    let indexes = this.fields.get(table);
    if (!indexes) {
      indexes = new Map();
      this.fields.set(table, indexes);
    }
    const name = fieldPaths.join(SEPARATOR);
    let index = indexes.get(name);
    if (!index) {
      index = new Map();
      for (const id of this.idsOf(table)) {
        const doc = this.db._documents[id];
        const key = doc ? docKey(doc, fieldPaths) : null;
        if (key !== null) addTo(index, key, id);
      }
      indexes.set(name, index);
    }
    return index;
  }
}

/** Joins field paths into an index name (field paths never contain NUL). */
const SEPARATOR = "\u0000";

/**
 * The hash of a tuple of values: equal keys ⇔ every value compares equal (hashKey per value,
 * JSON-joined so no two tuples collide), or null when a value cannot be hashed.
 */
export function compositeKey(values: (Value | undefined)[]): string | null {
  const keys: string[] = [];
  for (const value of values) {
    const key = hashKey(value);
    if (key === null) return null;
    keys.push(key);
  }
  return keys.length === 1 ? keys[0]! : JSON.stringify(keys);
}

/** The composite key of `doc`'s values at `fieldPaths` (see compositeKey). */
export function docKey(doc: StoredDoc, fieldPaths: string[]): string | null {
  return compositeKey(fieldPaths.map((fieldPath) => fieldValue(doc, fieldPath)));
}

function addTo(index: FieldIndex, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) {
    ids = new Set();
    index.set(key, ids);
  }
  ids.add(id);
}
