// The outbox drainer: sends queued operations in order, many in flight at once, with backoff and error triage.
import { OUTBOX_BATCH_MAX } from "../../convex/model/outbox";
import type { WhispersDB } from "../db/database";
import { clearNetworkBackoff, markInflight, nextQueued, onOutboxMutated, requeueInflight } from "../db/repos/outboxRepo";
import type { OutboxEntry } from "../db/types";
import { AuthGate } from "./authGate";
import { backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from "./backoff";
import { classifyFailure } from "./errors";
import { onOutboxChanged, setDirectSender } from "./outboxSignal";
import { needsUploads, readyArgs, resolveArgs, uploadBlobs } from "./prepareEntry";
import { NotSentError, PushBatcher } from "./pushBatcher";
import { ResultWriter } from "./resultWriter";
import { SendWindow, Slots } from "./sendWindow";
import type { Transport } from "./transport";
import { watchWakeUps } from "./wakeUps";

export type DrainerOptions = {
  /** Most mutations (single ones or outbox:push batches) in flight at once (default 100). */
  window?: number;
  /** Most consecutive entries sent together in one outbox:push (default 50; 1 = one mutation per entry). */
  batchSize?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Unknown server errors are retried this many times, then the entry is marked failed. */
  maxUnknownAttempts?: number;
  /** The auth flag; without one the drainer assumes a valid token. */
  auth?: AuthGate;
  /** Report unexpected internal errors (default console.error). */
  onError?: (error: unknown) => void;
};

type Sent = { skipped: true } | { skipped: false; result: Promise<unknown> };

/** Entries claimed per window slot: a window's worth waits, ready to go, behind those in flight. */
const CLAIM_AHEAD = 2;

/** Leader tab only (leader.ts). Nothing is dropped: an entry leaves only when the server accepted it or the user discards it. */
export class OutboxDrainer {
  private readonly window: number;
  private readonly auth: AuthGate;
  private readonly results: ResultWriter;
  private readonly claimed = new Map<number, OutboxEntry>();
  private readonly creating = new Map<string, Promise<void>>();
  private chain: Promise<void> = Promise.resolve();
  /** Sends on the chain not yet handed to the batcher. */
  private chainedSends = 0;
  private running = false;
  private pumping = false;
  private again = false;
  private pausedUntil = 0;
  private pauseTimer: ReturnType<typeof setTimeout> | undefined;
  private failuresInRow = 0;
  /** The last look found every queued entry and nothing since may have queued one: a freed slot then skips the read. */
  private queueSeenEmpty = false;
  /** Unsent entries on their way back to the queue: nothing new is claimed until they are back, so none after them leaves first. */
  private handingBack = 0;
  /** Bumped by each entry handed back: entries claimed before it and not yet sent go back too, behind it in seq order. */
  private handBacks = 0;
  /** Mutations sent and not yet answered, with slow start after a retryable failure. */
  private readonly sends: SendWindow;
  private cleanups: Array<() => void> = [];
  /** Uploads start ahead of their turn (so a clip does not stall the queue), a few at a time. */
  private readonly uploadSlots = new Slots(3);
  private readonly batcher: PushBatcher;
  private readonly batchSize: number;

  constructor(
    private readonly db: WhispersDB,
    private readonly transport: Transport,
    private readonly options: DrainerOptions = {},
  ) {
    this.window = options.window ?? 100;
    this.sends = new SendWindow(this.window);
    this.batchSize = Math.max(1, Math.min(options.batchSize ?? OUTBOX_BATCH_MAX, OUTBOX_BATCH_MAX));
    this.auth = options.auth ?? new AuthGate(true);
    this.results = new ResultWriter(db, (e) => this.reportError(e));
    this.batcher = new PushBatcher(transport, {
      maxOps: options.batchSize,
      acquireSlot: () => this.sends.acquire(),
      trySlot: () => this.sends.tryAcquire(),
      canSend: () => this.canSend(),
    });
  }

  /** Starts draining: entries a previous run left in flight are queued again (and deduplicated by the server). */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await requeueInflight(this.db);
    if (!this.running) return;
    const kick = () => this.kick();
    const resume = () => this.resumeNow();
    this.cleanups.push(
      onOutboxChanged(this.db.name, (signal) => (signal.resume ? resume() : signal.claimed ? undefined : kick())),
      // Only after the requeue, so an action's "nothing queued ahead" check (addOutboxEntry's claim) sees them all.
      setDirectSender(this.db.name, { canTake: () => this.canTake(), take: (entry) => this.take(entry) }),
      this.auth.onChange(kick),
      this.transport.onConnectionChange((info) => (info.connected ? resume() : undefined)),
      watchWakeUps({ online: resume, visible: kick }),
      // Other tabs' enqueues: a cheap wake-up, no query per write (claims, acks and failures need no look).
      onOutboxMutated(this.db, kick, { queuedOnly: true }),
    );
    this.kick();
  }

  /** Stops sending new entries; those in flight finish and are recorded. */
  stop(): void {
    this.running = false;
    clearTimeout(this.pauseTimer);
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  /** Resolves once every outcome received so far is written to the database. */
  flushed(): Promise<void> {
    return this.results.flushed();
  }

  get inflightCount(): number {
    return this.claimed.size;
  }

  /** Looks for entries to send (after an enqueue, on reconnect, …). Cheap to call often. */
  kick(): void {
    this.queueSeenEmpty = false;
    void this.pump();
  }

  /** Whether an entry queued now may be claimed by its action and sent at once (see runAction). */
  private canTake(): boolean {
    return this.running && this.canSend() && this.handingBack === 0 && this.claimed.size < this.sends.size * CLAIM_AHEAD;
  }

  /** Sends a pre-claimed entry straight from memory; if stopped meanwhile it stays inflight and the next start requeues it. */
  private take(entry: OutboxEntry): void {
    if (!this.running || entry.seq === undefined || this.claimed.has(entry.seq)) return;
    this.claimed.set(entry.seq, entry);
    this.dispatch(entry, true);
  }

  /** Connectivity is back: backoff ends; the pump stops at the first entry still waiting (seq order) until it is freed. */
  private resumeNow(): void {
    const resume = () => {
      this.pausedUntil = 0;
      this.failuresInRow = 0;
      clearTimeout(this.pauseTimer);
      this.kick();
    };
    resume();
    clearNetworkBackoff(this.db).then(
      (freed) => (freed > 0 ? resume() : undefined),
      (error: unknown) => this.reportError(error),
    );
  }

  /** Waits for an open socket: the client would replay anyway, but offline claims would leave as many small pushes, not full batches. */
  private canSend(): boolean {
    return this.running && this.auth.isReady() && Date.now() >= this.pausedUntil && this.transport.connection().connected;
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.again = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.again = false;
        // Claimed ahead of the window: a freed slot sends at once, without waiting for a busy IndexedDB.
        const room = this.sends.size * CLAIM_AHEAD - this.claimed.size;
        if (!this.canSend() || room <= 0 || this.handingBack > 0) break;
        // A batch's worth at a time while others are in flight: a long queue leaves in full batches, not pairs.
        if (this.claimed.size > 0 && room < Math.min(this.batchSize, this.sends.size * CLAIM_AHEAD)) break;
        const batch = await nextQueued(this.db, room);
        if (this.handingBack > 0) break;
        this.queueSeenEmpty = batch.length < room && !this.again;
        const due = batch.filter((e) => !this.claimed.has(e.seq!));
        const firstLater = due.findIndex((e) => e.nextAttemptAt > Date.now());
        if (firstLater >= 0) this.pause(due[firstLater]!.nextAttemptAt - Date.now());
        const ready = firstLater >= 0 ? due.slice(0, firstLater) : due;
        if (ready.length === 0) break;
        for (const entry of ready) this.claimed.set(entry.seq!, entry);
        // Sent as marked: an entry discarded or edited since it was listed goes as it is now.
        const marked = await markInflight(this.db, ready.map((e) => e.seq!));
        const markedSeqs = new Set(marked.map((e) => e.seq!));
        for (const entry of ready) if (!markedSeqs.has(entry.seq!)) this.claimed.delete(entry.seq!);
        for (const entry of marked) {
          this.claimed.set(entry.seq!, entry);
          this.dispatch(entry);
        }
        if (ready.length === room) this.again = true;
      } while (this.again && this.running);
    } catch (error) {
      this.reportError(error);
    } finally {
      this.pumping = false;
    }
  }

  /** Queues `entry` on the send chain: mutations leave in seq order, results are awaited in parallel. */
  private dispatch(entry: OutboxEntry, now = false): void {
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    for (const create of entry.creates ?? []) this.creating.set(create.localId, finished);
    const needsUpload = needsUploads(entry);
    const uploads = needsUpload ? this.uploadSlots.run(() => uploadBlobs(this.db, this.transport, entry)) : undefined;
    uploads?.catch(() => undefined);
    // Nothing ahead, nothing to look up: sent in this call, not after the screen re-rendered the action's rows.
    const args = now && this.chainedSends === 0 ? readyArgs(entry) : undefined;
    let sent: Promise<Sent>;
    if (args) sent = Promise.resolve(this.sendPrepared(entry, args));
    else {
      this.chainedSends += 1;
      const handBacks = this.handBacks;
      sent = this.chain.then(() => this.send(entry, uploads, now, handBacks));
      const done = () => void (this.chainedSends -= 1);
      this.chain = sent.then(done, done);
    }
    sent
      .then(async (s) => (s.skipped ? this.release(entry) : this.onSuccess(entry, await s.result)))
      .catch((error: unknown) => this.onFailure(entry, error))
      .catch((error: unknown) => this.reportError(error))
      .finally(() => {
        for (const create of entry.creates ?? []) if (this.creating.get(create.localId) === finished) this.creating.delete(create.localId);
        finish();
      });
  }

  /**
   * Entries prepared in one go leave as one outbox:push in seq order; `now`: no batching wait. One claimed
   * before a hand-back goes back too, unsent, so it stays behind it (and won't wait for a create that went back).
   */
  private async send(entry: OutboxEntry, uploads: Promise<void> | undefined, now: boolean, handBacks: number): Promise<Sent> {
    const stale = () => handBacks < this.handBacks;
    if (!this.canSend() || stale()) return { skipped: true };
    await uploads;
    const args = await resolveArgs(this.db, entry, (localId) => this.creating.get(localId)).catch((error: unknown) => {
      if (stale()) return null;
      throw error;
    });
    if (args === null || stale()) return { skipped: true };
    return this.sendPrepared(entry, args, now);
  }

  /** Hands prepared arguments to the batcher (unless sending stopped meanwhile). */
  private sendPrepared(entry: OutboxEntry, args: Record<string, unknown>, now = true): Sent {
    if (!this.canSend()) return { skipped: true };
    return { skipped: false, result: this.batcher.add(entry.udfPath, args, now) };
  }

  private async onSuccess(entry: OutboxEntry, result: unknown): Promise<void> {
    this.failuresInRow = 0;
    this.sends.grow();
    // Slot freed on the answer, not after the ack is written (the entry stays "inflight" until then: never picked twice).
    this.claimed.delete(entry.seq!);
    if (!this.queueSeenEmpty) void this.pump();
    await this.results.addAck(entry, result);
  }

  /** Not sent (the drainer paused meanwhile, or its push stopped before it): back to the queue, no attempt counted. */
  private async release(entry: OutboxEntry): Promise<void> {
    this.handingBack += 1;
    this.handBacks += 1;
    try {
      await this.results.addRequeue({ entry, nextAttemptAt: entry.nextAttemptAt, countAttempt: false, error: entry.error });
      this.claimed.delete(entry.seq!);
    } finally {
      this.handingBack -= 1;
    }
    this.kick();
  }

  private async onFailure(entry: OutboxEntry, error: unknown): Promise<void> {
    if (error instanceof NotSentError) return this.release(entry);
    const failure = classifyFailure(error);
    if (failure.kind === "permanent") {
      if (failure.code === "CONFLICT" && entry.conflictMeansDone) return this.onSuccess(entry, undefined);
      await this.results.addFailure(entry, { code: failure.code, message: failure.message });
    } else if (failure.kind === "unauthenticated") {
      this.auth.reportRejected();
      await this.results.addRequeue({ entry, nextAttemptAt: 0, countAttempt: false });
    } else if (failure.kind === "rateLimited") {
      this.sends.shrink();
      this.pause(failure.retryAfterMs);
      const error = { code: "RATE_LIMITED", message: failure.message };
      await this.results.addRequeue({ entry, nextAttemptAt: Date.now() + failure.retryAfterMs, countAttempt: true, error });
    } else {
      const attempt = entry.attempts + 1;
      const maxUnknown = this.options.maxUnknownAttempts ?? 8;
      if (failure.unknownServerError && attempt >= maxUnknown) {
        const message = `Could not be sent after ${attempt} tries: ${failure.message}`;
        await this.results.addFailure(entry, { code: "UNKNOWN", message });
      } else {
        this.failuresInRow += 1;
        this.sends.shrink();
        const delay = backoffDelay(Math.max(attempt, this.failuresInRow), this.options.backoff ?? DEFAULT_BACKOFF, this.options.random);
        this.pause(delay);
        const error = { code: "RETRYING", message: failure.message };
        await this.results.addRequeue({ entry, nextAttemptAt: Date.now() + delay, countAttempt: true, error });
      }
    }
    this.claimed.delete(entry.seq!);
    this.kick();
  }

  private pause(ms: number): void {
    const until = Date.now() + Math.max(0, ms);
    if (until <= this.pausedUntil) return;
    this.pausedUntil = until;
    clearTimeout(this.pauseTimer);
    this.pauseTimer = setTimeout(() => this.kick(), ms + 1);
  }

  private reportError(error: unknown): void {
    (this.options.onError ?? console.error)(error);
  }
}
