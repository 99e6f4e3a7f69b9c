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
 * Call inside the action's transaction with the optimistic row; the request leaves in this call. `claim` (nothing queued,
 * checked in this transaction to keep outbox order): stored "inflight"; if its tab closes, requeueInflight picks it up.
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

export async function nextQueued(db: WhispersDB, limit: number): Promise<OutboxEntry[]> {
  return db.outbox.where("state").equals("queued").limit(limit).toArray();
}

/** One transaction, by primary key; returns them as marked (discarded ones left out, edited args the new ones). */
export async function markInflight(database: WhispersDB, seqs: number[]): Promise<OutboxEntry[]> {
  if (seqs.length === 0) return [];
  return boundTransaction(database, "rw", ["outbox"], async (db) => {
    const rows = (await db.outbox.bulkGet(seqs)).filter((row): row is OutboxEntry => row !== undefined);
    const marked = rows.map((row) => ({ ...row, state: "inflight" as const, sent: true as const }));
    await db.outbox.bulkPut(marked);
    return marked;
  });
}

/** Entries left "inflight" by a reload or crash go back; resent with the same clientId, which the server deduplicates. */
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
 * Any tab (Dexie's storagemutated, relayed across tabs); unlike a liveQuery no query per write (1000 enqueues are not
 * 1000 scans). `queuedOnly`: only writes that may have left an entry "queued".
 */
export function onOutboxMutated(db: WhispersDB, listener: () => void, options: { queuedOnly?: boolean } = {}): () => void {
  const part = `idb://${db.name}/outbox/`;
  const handler = (parts: Record<string, unknown>) => {
    if (part in parts && (!options.queuedOnly || mayHaveQueued(parts, part))) listener();
  };
  Dexie.on("storagemutated", handler);
  return () => Dexie.on("storagemutated").unsubscribe(handler);
}

/** `part` = key range, `part`+"state" = state-index values written. Unsure (e.g. relayed from another tab): yes; pure delete: no. */
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

/** Connectivity is back: network-backoff waits end; rate-limited entries keep the server's hint. Returns how many. */
export async function clearNetworkBackoff(db: WhispersDB): Promise<number> {
  // Only the entries with a wait (nextAttemptAt > 0) are visited, not the whole queue.
  return db.outbox
    .where("[state+nextAttemptAt]")
    .between(["queued", 0], ["queued", Dexie.maxKey], false, true)
    .filter((e) => e.error?.code === "RETRYING")
    .modify({ nextAttemptAt: 0 });
}
