// Writes issued inside a transaction and awaited together at its end, instead of one round trip each.

/**
 * Safe because IndexedDB runs requests in order (a later read sees an unanswered write); a failed write still aborts and
 * `settled()` rejects. Use with a bindToTransaction database: awaits in between may lose Dexie's zone.
 */
export class PendingWrites {
  private readonly writes: Array<Promise<unknown>> = [];

  /** Keeps `write` to await in `settled()` (its rejection is reported there, not as unhandled). */
  add(write: Promise<unknown>): void {
    write.catch(() => undefined);
    this.writes.push(write);
  }

  async settled(): Promise<void> {
    await Promise.all(this.writes);
  }
}

/** Awaits `write` now, or (with `pending`) leaves it to `pending.settled()`. */
export async function issueWrite(write: Promise<unknown>, pending: PendingWrites | undefined): Promise<void> {
  if (pending) pending.add(write);
  else await write;
}
