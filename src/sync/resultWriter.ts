// Batches the drainer's outcomes (acks, requeues, failures) into few Dexie transactions under heavy pipelining.
import type { WhispersDB } from "../db/database";
import { applyAcks, failEntry, requeueEntries, type Ack } from "../db/outboxResults";
import type { OutboxEntry } from "../db/types";

type Requeue = { entry: OutboxEntry; nextAttemptAt: number; countAttempt: boolean; error?: OutboxEntry["error"] };
type Failure = { entry: OutboxEntry; error: { code: string; message: string } };

/** All acks of a burst in one transaction (not a thousand); `add*` resolve once written. */
export class ResultWriter {
  private acks: Array<Ack & { done: () => void }> = [];
  private requeues: Array<Requeue & { done: () => void }> = [];
  private failures: Array<Failure & { done: () => void }> = [];
  private scheduled = false;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: WhispersDB,
    private readonly onError: (error: unknown) => void,
  ) {}

  addAck(entry: OutboxEntry, result: unknown): Promise<void> {
    return new Promise((done) => this.push(() => this.acks.push({ entry, result, done })));
  }

  addRequeue(requeue: Requeue): Promise<void> {
    return new Promise((done) => this.push(() => this.requeues.push({ ...requeue, done })));
  }

  addFailure(entry: OutboxEntry, error: Failure["error"]): Promise<void> {
    return new Promise((done) => this.push(() => this.failures.push({ entry, error, done })));
  }

  /** Resolves when everything added so far is written. */
  async flushed(): Promise<void> {
    while (this.scheduled || this.acks.length + this.requeues.length + this.failures.length > 0) {
      await this.writing;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    await this.writing;
  }

  private push(add: () => void): void {
    add();
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.writing = this.writing.then(() => this.write());
    }, 0);
  }

  private async write(): Promise<void> {
    this.scheduled = false;
    const acks = this.acks.splice(0);
    const requeues = this.requeues.splice(0);
    const failures = this.failures.splice(0);
    try {
      await applyAcks(this.db, acks);
      await requeueEntries(this.db, requeues);
      for (const failure of failures) await failEntry(this.db, failure.entry, failure.error);
    } catch (error) {
      this.onError(error);
    }
    for (const item of [...acks, ...requeues, ...failures]) item.done();
  }
}
