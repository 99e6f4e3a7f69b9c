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
   * The tables the body reads or writes (the outbox is always added). The transaction locks
   * only these, so it neither waits for nor holds up readers of the others; a table missing
   * here makes the body throw at once. Omitted: every table (actions whose reach depends on
   * the data, like discarding an entry).
   */
  tables?: readonly string[];
};

/** The transaction scope for `tables` (every table when omitted). */
export function actionScope(db: WhispersDB, tables: readonly string[] | undefined): string[] {
  if (!tables) return db.tables.map((t) => t.name);
  return [...new Set([...tables, "outbox"])];
}

/**
 * Runs `body` in ONE Dexie rw transaction over `options.tables`; the outbox entry and the
 * optimistic row commit together or not at all (a full disk throws StorageFullError and saves
 * nothing). Returns when committed — never waits for the network. When this tab's drainer
 * offers to (sending allowed, nothing queued ahead), the entry is stored claimed and handed to
 * it at the commit, so it is on the wire before this returns; otherwise the drainer is woken.
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
      // The drainer takes the entry at once only if nothing waits in the queue before it: asked
      // now, so the answer comes back with the body's first read.
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
  // Handed over the moment the transaction committed (onCommitted: on the wire before any live
  // reader sees the action's rows); here only if that moment went unnoticed.
  handOver();
  notifyOutboxChanged(database.name, { claimed: claimed !== undefined });
  return result;
}

/** Shorthand for an action whose only local effect is the outbox entry. */
export function enqueueOnly(entry: Omit<NewOutboxEntry, "id">, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => ({ entryId: (await tx.enqueue(entry)).id }), db, { tables: [] });
}
