// Rows by a secondary index for many values: one getAll per value, issued together (anyOf walks a cursor, a round trip per step).
import type { Table } from "dexie";

/** The rows of `table` whose `index` holds one of `values` (call inside the caller's transaction). */
export async function rowsWhereAnyOf<T>(table: Table<T, string>, index: string, values: readonly string[]): Promise<T[]> {
  const distinct = [...new Set(values)];
  if (distinct.length === 0) return [];
  return (await Promise.all(distinct.map((value) => table.where(index).equals(value).toArray()))).flat();
}
