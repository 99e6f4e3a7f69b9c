// A write-back cache of rows inside one Dexie transaction: reads in bulk, writes once with bulkPut/bulkDelete.
import type { Table } from "dexie";
import type { WhispersDB } from "./database";

type Key = string;
type Row = Record<string, unknown>;

/**
 * Inside one rw transaction; `flush()` before code that reads the same tables directly. `peek` is synchronous on
 * purpose: a long run of awaits touching no table (cache hits) lets Dexie commit the transaction early.
 */
export class RowCache {
  private readonly rows = new Map<string, Map<Key, Row | null>>();
  private readonly dirty = new Map<string, Set<Key>>();

  constructor(
    private readonly db: WhispersDB,
    /** The primary key field of each table (default `id`). */
    private readonly keyField: (table: string) => string = (table) => (table === "idMap" ? "localId" : "id"),
  ) {}

  private table(name: string): Table<Row, Key> {
    return this.db.table(name) as Table<Row, Key>;
  }

  private of(table: string): Map<Key, Row | null> {
    let rows = this.rows.get(table);
    if (!rows) this.rows.set(table, (rows = new Map()));
    return rows;
  }

  /** Loads the rows of `ids` not held yet, with one bulkGet. */
  async prefetch(table: string, ids: Iterable<Key>): Promise<void> {
    const rows = this.of(table);
    const missing = [...new Set(ids)].filter((id) => !rows.has(id));
    if (missing.length === 0) return;
    const found = await this.table(table).bulkGet(missing);
    missing.forEach((id, i) => rows.set(id, (found[i] as Row | undefined) ?? null));
  }

  has(table: string, id: Key): boolean {
    return this.of(table).has(id);
  }

  /** The held row (undefined when absent or not loaded: check `has` first). */
  peek<T>(table: string, id: Key): T | undefined {
    return (this.of(table).get(id) ?? undefined) as T | undefined;
  }

  put(table: string, row: object): void {
    const id = (row as Row)[this.keyField(table)] as Key;
    this.of(table).set(id, row as Row);
    this.mark(table, id);
  }

  delete(table: string, id: Key): void {
    this.of(table).set(id, null);
    this.mark(table, id);
  }

  private mark(table: string, id: Key): void {
    let ids = this.dirty.get(table);
    if (!ids) this.dirty.set(table, (ids = new Set()));
    ids.add(id);
  }

  /** Writes every change (deletes, then puts, per table) and empties the cache. */
  async flush(): Promise<void> {
    for (const [table, ids] of this.dirty) {
      const rows = this.of(table);
      const gone = [...ids].filter((id) => rows.get(id) === null);
      const kept = [...ids].flatMap((id) => (rows.get(id) ? [rows.get(id)!] : []));
      if (gone.length > 0) await this.table(table).bulkDelete(gone);
      if (kept.length > 0) await this.table(table).bulkPut(kept);
    }
    this.dirty.clear();
    this.rows.clear();
  }
}
