// A database handle whose tables all belong to one transaction, whatever async context the code runs in.
import type { Table, Transaction } from "dexie";
import type { WhispersDB } from "../database";

/**
 * Dexie's async zone survives native awaits only by heuristics (plain-promise awaits, Promise.all can drop it), and an op
 * outside it silently runs in its own transaction; bound tables always join `tx`. Out-of-scope tables still throw.
 */
export function bindToTransaction(db: WhispersDB, tx: Transaction): WhispersDB {
  const names = new Set(db.tables.map((t) => t.name));
  return new Proxy(db, {
    get(target, prop) {
      if (typeof prop === "string" && names.has(prop)) return tx.table(prop);
      if (prop === "table") return (name: string) => tx.table(name);
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * Every multi-step transaction opens here, so none forgets the binding; the scope is an async function,
 * which Dexie needs to keep a transaction alive across native awaits.
 */
export function boundTransaction<T>(
  database: WhispersDB,
  mode: "r" | "rw",
  tables: ReadonlyArray<string | Table>,
  body: (db: WhispersDB, tx: Transaction) => Promise<T>,
): Promise<T> {
  return database.transaction(mode, [...tables], async (tx) => body(bindToTransaction(database, tx), tx));
}
