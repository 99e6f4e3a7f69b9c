// A database handle whose tables all belong to one transaction, whatever async context the code runs in.
import type { Table, Transaction } from "dexie";
import type { WhispersDB } from "../database";

/**
 * `db` with every table (`db.whispers`, `db.table("whispers")`) bound to `tx`. Dexie finds the
 * transaction of an operation through its async zone, which survives native `await`s only by
 * heuristics (a run of awaits on plain promises — a repo function returning early, a
 * Promise.all — can drop it); an operation outside the zone silently runs in a transaction of
 * its own, and the real one may commit early. Operations on a bound table always join `tx`.
 * A table outside the transaction's scope throws when touched, as before.
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
 * Runs `body` in ONE `mode` transaction over `tables`, handing it the database with every table
 * bound to that transaction (bindToTransaction): the way every multi-step transaction is opened,
 * so none can forget the binding. The scope is an async function, which Dexie needs to keep a
 * transaction alive across native awaits.
 */
export function boundTransaction<T>(
  database: WhispersDB,
  mode: "r" | "rw",
  tables: ReadonlyArray<string | Table>,
  body: (db: WhispersDB, tx: Transaction) => Promise<T>,
): Promise<T> {
  return database.transaction(mode, [...tables], async (tx) => body(bindToTransaction(database, tx), tx));
}
