// Writes issued inside a transaction and awaited together at its end, instead of one round trip each.

/**
 * IndexedDB runs a transaction's requests in the order they were made, so a read issued after a
 * write sees it even while the write's answer has not come back yet. A long transaction (a
 * pulled page) issues its writes as it goes, collects them here, and awaits them once before it
 * ends: one round trip for all of them. A failed write still aborts the transaction, and
 * `settled()` rejects with its error. Use it with a database bound to the transaction
 * (bindToTransaction): the awaits in between need not keep Dexie's async zone.
 */
export class PendingWrites {
  private readonly writes: Array<Promise<unknown>> = [];

  /** Keeps `write` to await in `settled()` (its rejection is reported there, not as unhandled). */
  add(write: Promise<unknown>): void {
    write.catch(() => undefined);
    this.writes.push(write);
  }

  /** Resolves once every write added so far is done. */
  async settled(): Promise<void> {
    await Promise.all(this.writes);
  }
}

/** Awaits `write` now, or (with `pending`) leaves it to `pending.settled()`. */
export async function issueWrite(write: Promise<unknown>, pending: PendingWrites | undefined): Promise<void> {
  if (pending) pending.add(write);
  else await write;
}
