// Outbox actions the UI offers on a failed change: retry it, or discard it (with its optimistic row).
import { currentDb } from "../db/current";
import type { WhispersDB } from "../db/database";
import { discardEntry, retryEntry } from "../db/outboxResults";
import { guardQuota } from "../platform/storage";
import { notifyOutboxChanged } from "../sync/outboxSignal";

/** Queues a failed entry again; it is sent as soon as possible (offline: on reconnect). */
export async function retry(entryId: string, db: WhispersDB = currentDb()): Promise<boolean> {
  const done = await guardQuota(() => retryEntry(db, entryId));
  notifyOutboxChanged(db.name, { resume: true });
  return done;
}

/** Removes a failed or unsent entry and undoes its optimistic effect; one being sent right now can't be (false). */
export async function discard(entryId: string, db: WhispersDB = currentDb()): Promise<boolean> {
  const done = await discardEntry(db, entryId);
  notifyOutboxChanged(db.name);
  return done;
}

/** Retries every failed entry (e.g. after the user fixed what was wrong). */
export async function retryAllFailed(db: WhispersDB = currentDb()): Promise<number> {
  const failed = await db.outbox.where("state").equals("failed").toArray();
  for (const entry of failed) await retryEntry(db, entry.id);
  notifyOutboxChanged(db.name, { resume: true });
  return failed.length;
}
