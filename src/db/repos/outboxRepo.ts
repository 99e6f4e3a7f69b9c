// The durable outbox: queued operations in send order, claimed by the drainer, requeued, failed or removed.
import { cmp, Dexie } from "dexie";
import type { WhispersDB } from "../database";
import { newClientId } from "../ids";
import { boundTransaction } from "./boundDb";
import type { OutboxEntry } from "../types";

export type NewOutboxEntry = Omit<OutboxEntry, "seq" | "id" | "attempts" | "nextAttemptAt" | "state" | "createdAt"> & {
  id?: string;
};

/**
 * Adds an operation to the outbox (state "queued"); call it inside the action's transaction
 * together with the optimistic row. Nothing is sent here: the drainer sends when it can. The
 * request leaves in this call (before the returned promise settles).
 *
 * `claim`: the drainer of this tab offered to send the entry the moment the transaction commits,
 * and the caller found no entry queued (`queuedCount` in this same transaction, so the send
 * order stays the outbox order). It is then stored already claimed ("inflight", exactly as the
 * drainer would mark it). An entry left "inflight" by a tab that closed meanwhile is queued
 * again by the next drainer's start (requeueInflight), like any entry in flight at a crash.
 */
export async function addOutboxEntry(db: WhispersDB, entry: NewOutboxEntry, options: { claim?: boolean } = {}): Promise<OutboxEntry> {
  const row: OutboxEntry = {
    ...entry,
    id: entry.id ?? newClientId(),
    attempts: 0,
    nextAttemptAt: 0,
    state: options.claim ? "inflight" : "queued",
    ...(options.claim ? { sent: true as const } : {}),
    createdAt: Date.now(),
  };
  row.seq = await db.outbox.add(row);
  return row;
}

/** How many entries wait in the queue (claimed, in-flight and failed ones not counted). */
export function queuedCount(db: WhispersDB): Promise<number> {
  return db.outbox.where("state").equals("queued").count();
}

/** The oldest queued entries (send order), at most `limit`. */
export async function nextQueued(db: WhispersDB, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.where("state").equals("queued").limit(limit).toArray();
}

/**
 * Marks entries as being sent (one transaction for the batch; by primary key, no index scan) and
 * returns them as marked: what to send, read in that transaction (an entry discarded since it was
 * listed is left out; args changed since, e.g. a queued whisper's text edited, are the new ones).
 */
export async function markInflight(database: WhispersDB, seqs: number[]): Promise<OutboxEntry[]> {
  if (seqs.length === 0) return [];
  return boundTransaction(database, "rw", ["outbox"], async (db) => {
    const rows = (await db.outbox.bulkGet(seqs)).filter((row): row is OutboxEntry => row !== undefined);
    const marked = rows.map((row) => ({ ...row, state: "inflight" as const, sent: true as const }));
    await db.outbox.bulkPut(marked);
    return marked;
  });
}

/**
 * Puts entries left "inflight" by a previous run (a reload or a crash mid-drain) back in the
 * queue: they are resent with the same clientId, which the server deduplicates.
 */
export async function requeueInflight(db: WhispersDB): Promise<number> {
  return db.outbox.where("state").equals("inflight").modify({ state: "queued" });
}

/** Entries by state, counted (for the status signal). */
export async function outboxCounts(database: WhispersDB): Promise<{ queued: number; inflight: number; failed: number }> {
  return boundTransaction(database, "r", ["outbox"], async (db) => {
    const [queued, inflight, failed] = await Promise.all(
      (["queued", "inflight", "failed"] as const).map((state) => db.outbox.where("state").equals(state).count()),
    );
    return { queued: queued!, inflight: inflight!, failed: failed! };
  });
}

/**
 * Calls `listener` after every committed transaction that wrote `db`'s outbox, in this tab or
 * another (Dexie's storagemutated event, which Dexie relays across tabs). Unlike a liveQuery it
 * runs no query per write: queueing a thousand entries costs a thousand cheap calls, not a
 * thousand outbox scans. `queuedOnly`: only writes that may have left an entry "queued" (not
 * an entry claimed, failed or removed). Returns the unsubscribe.
 */
export function onOutboxMutated(db: WhispersDB, listener: () => void, options: { queuedOnly?: boolean } = {}): () => void {
  const part = `idb://${db.name}/outbox/`;
  const handler = (parts: Record<string, unknown>) => {
    if (part in parts && (!options.queuedOnly || mayHaveQueued(parts, part))) listener();
  };
  Dexie.on("storagemutated", handler);
  return () => Dexie.on("storagemutated").unsubscribe(handler);
}

/**
 * Whether a write to the outbox (Dexie's changed parts: `part` = its key range, `part` + "state"
 * = the values of the state index it wrote) may have left an entry queued. Unsure (no index
 * information, e.g. relayed from another tab): yes. A pure delete (key ranges only): no.
 */
function mayHaveQueued(parts: Record<string, unknown>, part: string): boolean {
  const state = parts[`${part}state`];
  if (state) return rangesMayHold(state, "queued");
  return Object.keys(parts).some((key) => key.startsWith(part) && key !== part && key !== `${part}:dels`);
}

/** A Dexie range set as the event carries it: a tree of {from, to} ranges (`d` 0 = empty). */
type RangeNode = { from?: unknown; to?: unknown; d?: number; l?: RangeNode | null; r?: RangeNode | null };

/** Whether the range set `set` may contain `key` (anything not shaped as expected: yes). */
function rangesMayHold(set: unknown, key: string): boolean {
  const stack: unknown[] = [set];
  while (stack.length > 0) {
    const node = stack.pop() as RangeNode | null | undefined;
    if (!node) continue;
    if (typeof node !== "object" || !("d" in node)) return true;
    if (node.d === 0) continue;
    try {
      if (cmp(node.from, key) <= 0 && cmp(key, node.to) <= 0) return true;
    } catch {
      return true;
    }
    stack.push(node.l, node.r);
  }
  return false;
}

/** The entry with operation id `id` (any state). */
export async function getEntry(db: WhispersDB, id: string): Promise<OutboxEntry | undefined> {
  return db.outbox.where("id").equals(id).first();
}

/** The queued or failed (not yet sent) entry that creates local row `localId`, if any. */
export async function unsentCreateOf(db: WhispersDB, localId: string): Promise<OutboxEntry | undefined> {
  const entries = await db.outbox.where("state").anyOf("queued", "failed").toArray();
  return entries.find((e) => e.creates?.some((c) => c.localId === localId));
}

/**
 * Connectivity came back: entries waiting out a network backoff may go at once (their wait was
 * for the network). Rate-limited entries keep the server's hint. Returns how many were freed.
 */
export async function clearNetworkBackoff(db: WhispersDB): Promise<number> {
  // Only the entries with a wait (nextAttemptAt > 0) are visited, not the whole queue.
  return db.outbox
    .where("[state+nextAttemptAt]")
    .between(["queued", 0], ["queued", Dexie.maxKey], false, true)
    .filter((e) => e.error?.code === "RETRYING")
    .modify({ nextAttemptAt: 0 });
}
