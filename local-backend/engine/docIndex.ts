// In-memory indexes over convex-test's documents: ids per table and equality lookups per field.
import type { DatabaseFake, StoredDoc } from "./internals";
import { tableOfId } from "./internals";
import type { Value } from "convex/values";
import { fieldValue, hashKey } from "./values";

type FieldIndex = Map<string, Set<string>>;

/** convex-test scans every document per query: start from the whole equality prefix's candidates (it still filters and sorts). */
export class DocIndex {
  private readonly tables = new Map<string, Set<string>>();
  private readonly fields = new Map<string, Map<string, FieldIndex>>();

  constructor(private readonly db: DatabaseFake) {}

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

  candidates(table: string, fieldPaths: string[], key: string): Set<string> | undefined {
    return this.fieldIndex(table, fieldPaths).get(key);
  }

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

/** Field paths never contain NUL. */
const SEPARATOR = "\u0000";

/** Equal keys ⇔ every value compares equal (JSON-joined so no two tuples collide); null when one cannot be hashed. */
export function compositeKey(values: (Value | undefined)[]): string | null {
  const keys: string[] = [];
  for (const value of values) {
    const key = hashKey(value);
    if (key === null) return null;
    keys.push(key);
  }
  return keys.length === 1 ? keys[0]! : JSON.stringify(keys);
}

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
