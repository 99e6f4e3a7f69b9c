// The signed-in person's open database, for modules (actions, readers) that the UI calls without passing it.
import type { WhispersDB } from "./database";

let current: WhispersDB | null = null;
const listeners = new Set<(db: WhispersDB | null) => void>();

/** An action or reader ran while no one is signed in. */
export class NotSignedInError extends Error {
  constructor() {
    super("No one is signed in on this device.");
    this.name = "NotSignedInError";
  }
}

export function setCurrentDb(db: WhispersDB | null): void {
  current = db;
  for (const listener of listeners) listener(db);
}

export function currentDbOrNull(): WhispersDB | null {
  return current;
}

/** The current database; throws NotSignedInError when no one is signed in. */
export function currentDb(): WhispersDB {
  if (!current) throw new NotSignedInError();
  return current;
}

export function onCurrentDbChange(listener: (db: WhispersDB | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
