// Small helpers for the client-core tests: unique database names and polling until a condition holds.
import { openUserDb, type WhispersDB } from "../db/database";

let counter = 0;

/** A fresh user database with a unique name (fake-indexeddb lives for the whole test file). */
export async function freshDb(prefix = "test"): Promise<WhispersDB> {
  counter += 1;
  return openUserDb(`${prefix}-${Date.now()}-${counter}-${Math.random().toString(36).slice(2, 8)}`);
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function waitFor<T>(
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeoutMs = 5000,
  what = "condition",
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
