// Same-tab hand-over to the drainer: a wake-up after an action queued something, and the direct send of an entry it claimed.
import type { OutboxEntry } from "../db/types";

export type OutboxSignal = {
  /** The user asked to retry now: skip the current backoff pause. */
  resume?: boolean;
  /** The entry was handed to this tab's drainer directly (nothing for it to look for). */
  claimed?: boolean;
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

/** The leader tab's drainer sends an action's entry at commit from memory (no re-read, no claim transaction); other tabs go via the outbox. */
export interface DirectSender {
  /** Whether an entry queued right now may leave at once (sending allowed, room to claim it). Synchronous. */
  canTake(): boolean;
  /** Sends `entry`, which its action stored already claimed ("inflight") and committed. */
  take(entry: OutboxEntry): void;
}

const senders = new Map<string, DirectSender>();

/** Registers the direct sender of `dbName` (one per tab); returns the unregister. */
export function setDirectSender(dbName: string, sender: DirectSender): () => void {
  senders.set(dbName, sender);
  return () => {
    if (senders.get(dbName) === sender) senders.delete(dbName);
  };
}

export function directSenderFor(dbName: string): DirectSender | undefined {
  return senders.get(dbName);
}
