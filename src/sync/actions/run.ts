// The frame of every domain action: one rw transaction for the optimistic row and its outbox entry, then wake the drainer.
import type { WhispersDB } from "../../db/database";
import { currentDb } from "../../db/current";
import { newClientId } from "../../db/ids";
import { addOutboxEntry, type NewOutboxEntry } from "../../db/repos/outboxRepo";
import type { OutboxEntry } from "../../db/types";
import { guardQuota } from "../../platform/storage";
import { notifyOutboxChanged } from "../outboxSignal";

/** What an action returns at once: the outbox entry id (for retry/discard) and the local row id. */
export type Queued = { entryId: string; localId?: string };

/** Context handed to an action's body inside its transaction. */
export type ActionTx = {
  db: WhispersDB;
  /** The id of the operation being queued (patches and rows record it). */
  opId: string;
  /** Adds the outbox entry (exactly one per action). */
  enqueue(entry: Omit<NewOutboxEntry, "id">): Promise<OutboxEntry>;
};

/**
 * Runs `body` in ONE Dexie rw transaction over every table; the outbox entry and the
 * optimistic row commit together or not at all (a full disk throws StorageFullError and saves
 * nothing). Returns when committed — never waits for the network.
 */
export async function runAction<T>(body: (tx: ActionTx) => Promise<T>, db: WhispersDB = currentDb()): Promise<T> {
  const opId = newClientId();
  const result = await guardQuota(() =>
    // The scope must be an async function: Dexie keeps native-await transactions alive only then.
    db.transaction("rw", db.tables, async () => await body({ db, opId, enqueue: (entry) => addOutboxEntry(db, { ...entry, id: opId }) })),
  );
  notifyOutboxChanged(db.name);
  return result;
}

/** Shorthand for an action whose only local effect is the outbox entry. */
export function enqueueOnly(entry: Omit<NewOutboxEntry, "id">, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => ({ entryId: (await tx.enqueue(entry)).id }), db);
}
