// Same-tab wake-up for the drainer after an action queued something (other tabs notice through liveQuery).

export type OutboxSignal = {
  /** The user asked to retry now: skip the current backoff pause. */
  resume?: boolean;
};

const listeners = new Map<string, Set<(signal: OutboxSignal) => void>>();

/** Tells the drainer of database `dbName` (if it runs in this tab) that the outbox changed. */
export function notifyOutboxChanged(dbName: string, signal: OutboxSignal = {}): void {
  for (const listener of listeners.get(dbName) ?? []) listener(signal);
}

/** Calls `listener` after each local enqueue into `dbName`'s outbox; returns the unsubscribe. */
export function onOutboxChanged(dbName: string, listener: (signal: OutboxSignal) => void): () => void {
  const set = listeners.get(dbName) ?? new Set();
  set.add(listener);
  listeners.set(dbName, set);
  return () => set.delete(listener);
}
