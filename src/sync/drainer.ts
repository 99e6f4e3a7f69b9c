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

/**
 * Drains one user's outbox through `transport`. Run it in the leader tab only (see leader.ts).
 * Offline it keeps every entry and retries with exponential backoff and jitter; nothing is
 * dropped: an entry leaves the outbox only when the server accepted it or the user discards it.
 */
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
  /**
   * The last look at the outbox found every queued entry (all claimed, or waiting out a pause
   * with its timer set), and nothing since may have queued another (any such event kicks):
   * an answer freeing a slot then has nothing to fetch, and no read is made for it.
   */
  private queueSeenEmpty = false;
  /**
   * Entries not sent (a push stopped before them, or sending paused) on their way back to the
   * queue: until they are back nothing new is claimed, so none of the entries after them leaves first.
   */
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
      // Only now: every entry a previous run left in flight is queued again, so an action's
      // "nothing queued ahead" check (addOutboxEntry's claim) sees all of them.
      setDirectSender(this.db.name, { canTake: () => this.canTake(), take: (entry) => this.take(entry) }),
      this.auth.onChange(kick),
      this.transport.onConnectionChange((info) => (info.connected ? resume() : undefined)),
      watchWakeUps({ online: resume, visible: kick }),
      // Entries queued by other tabs (and every outbox write here that may have queued one): a
      // cheap wake-up, no query per write. Claims, acknowledgements and failures need no look.
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

  /** Number of entries being sent right now. */
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

  /**
   * Sends an entry its action stored already claimed ("inflight"), with nothing queued ahead of
   * it, straight from memory. Stopped meanwhile: it stays in flight in the database, and the
   * next drainer's start queues it again (as after a crash).
   */
  private take(entry: OutboxEntry): void {
    if (!this.running || entry.seq === undefined || this.claimed.has(entry.seq)) return;
    this.claimed.set(entry.seq, entry);
    this.dispatch(entry, true);
  }

  /**
   * Connectivity is back: the backoff ends, for the drainer and for entries waiting on the
   * network. Sending resumes at once: the pump stops at the first entry still waiting (in seq
   * order), and goes on once the entries that waited for the network are freed.
   */
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

  /**
   * Sending waits for an open socket: the ConvexClient would hold what is sent while it is closed
   * and replay it on reconnect anyway, but entries claimed one by one while offline would then
   * leave as many small pushes instead of full batches. Reconnecting resumes the drain.
   */
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
        // Claimed (marked inflight) ahead of the window: when an answer frees a slot the next
        // entry goes out at once, without waiting for IndexedDB (busy writing acks and pulled pages).
        const room = this.sends.size * CLAIM_AHEAD - this.claimed.size;
        if (!this.canSend() || room <= 0 || this.handingBack > 0) break;
        // While entries are on their way, claim a batch's worth at a time (answers free their
        // slots one by one): a long queue leaves in full outbox:push batches, not in pairs.
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
    // Handed over by its action with nothing ahead and nothing to look up: sent in this very
    // call (not a few promise turns later, after the screen re-rendered what the action wrote).
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
   * Prepares `entry` (uploads done, local ids resolved) and hands it to the batcher: entries
   * prepared in one go leave together as one outbox:push, in seq order; each gets its own answer.
   * `now` (an entry handed over by its action): what is pending leaves at once, no batching wait.
   * An entry claimed before another was handed back (`handBacks` since) goes back too, unsent,
   * so it leaves after that one again (and does not wait in vain for a create that went back).
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
    // The server has answered: its slot in the window is free now, not after the ack is written
    // (the entry stays "inflight" in the database until then, so it is never picked again).
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
