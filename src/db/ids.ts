// Client-generated ids: clientIds of creates and ids of outbox operations (UUIDs, never a Convex id).

/** A fresh UUID; the server deduplicates creates by it, so it is generated once per user action. */
export function newClientId(): string {
  return crypto.randomUUID();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an id this device made (a row the server has not confirmed yet). */
export function isLocalId(id: string): boolean {
  return UUID.test(id);
}

let lastSortKey = 0;

/** Ms nudged by a fraction so same-millisecond creates keep their order; the server's key replaces it. */
export function nextLocalSortKey(now: number = Date.now()): number {
  lastSortKey = now > lastSortKey ? now : lastSortKey + 1 / 1024;
  return lastSortKey;
}
