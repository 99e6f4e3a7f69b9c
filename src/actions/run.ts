// The frame of every domain action: one rw transaction for the optimistic row and its outbox entry, then hand it to the drainer.
import type { WhispersDB } from "../db/database";
import { currentDb } from "../db/current";
import { onCommitted } from "../db/live";
import { newClientId } from "../db/ids";
import { boundTransaction } from "../db/repos/boundDb";
import { addOutboxEntry, queuedCount, type NewOutboxEntry } from "../db/repos/outboxRepo";
import type { OutboxEntry } from "../db/types";
import { guardQuota } from "../platform/storage";
import { directSenderFor, notifyOutboxChanged } from "../sync/outboxSignal";

/** What an action returns at once: the outbox entry id (for retry/discard) and the local row id. */
export type Queued = { entryId: string; localId?: string };

/** Context handed to an action's body inside its transaction. */
export type ActionTx = {
  db: WhispersDB;
  /** The id of the operation being queued (patches and rows record it). */
  opId: string;
  /** Adds the outbox entry (exactly one per action); once the body's first read came back, its request leaves in this call. */
  enqueue(entry: Omit<NewOutboxEntry, "id">): Promise<OutboxEntry>;
};

export type ActionOptions = {
  /**
   * Tables the transaction locks (outbox always added), so readers of others neither wait nor hold it up;
   * one missing makes the body throw. Omitted: every table (when the reach depends on the data).
   */
  tables?: readonly string[];
};

export function actionScope(db: WhispersDB, tables: readonly string[] | undefined): string[] {
  if (!tables) return db.tables.map((t) => t.name);
  return [...new Set([...tables, "outbox"])];
}

/**
 * ONE rw transaction: entry and optimistic row commit together or not at all (full disk: StorageFullError).
 * Never waits for the network; a claimed entry goes to the drainer at commit, else the drainer is woken.
 */
export async function runAction<T>(body: (tx: ActionTx) => Promise<T>, database: WhispersDB = currentDb(), options: ActionOptions = {}): Promise<T> {
  const opId = newClientId();
  const sender = directSenderFor(database.name);
  let claimed: OutboxEntry | undefined;
  let handed = false;
  const handOver = () => {
    if (!claimed || handed) return;
    handed = true;
    sender!.take(claimed);
  };
  let stopWatching: (() => void) | undefined;
  const result = await guardQuota(() =>
    // Every table bound to this transaction: the body's writes can never land in another one.
    boundTransaction(database, "rw", actionScope(database, options.tables), async (db, tx) => {
      // Taken at once only if nothing is queued before it; asked now so the answer rides the body's first read.
      let nothingAhead: boolean | undefined = sender?.canTake() ? undefined : false;
      const ahead = nothingAhead === false ? undefined : queuedCount(db).then((n) => (nothingAhead = n === 0));
      const enqueue = async (entry: Omit<NewOutboxEntry, "id">) => {
        if (nothingAhead === undefined) await ahead;
        const claim = nothingAhead === true;
        // Watching from now: the transaction may commit before this function resumes.
        if (claim) stopWatching = onCommitted(tx, handOver);
        const row = await addOutboxEntry(db, { ...entry, id: opId }, { claim });
        if (claim) claimed = row;
        return row;
      };
      return await body({ db, opId, enqueue });
    }),
  ).finally(() => stopWatching?.());
  // Normally handed over in onCommitted (on the wire before live readers see the rows); here if that went unnoticed.
  handOver();
  notifyOutboxChanged(database.name, { claimed: claimed !== undefined });
  return result;
}

/** Shorthand for an action whose only local effect is the outbox entry. */
export function enqueueOnly(entry: Omit<NewOutboxEntry, "id">, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => ({ entryId: (await tx.enqueue(entry)).id }), db, { tables: [] });
}
