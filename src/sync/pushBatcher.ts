// Groups the drainer's consecutive mutations into outbox:push batches (one transaction each), answering each op on its own.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import { OUTBOX_BATCH_MAX, OUTBOX_MUTATIONS } from "../../convex/model/outbox";
import { classifyFailure } from "./errors";
import type { Transport } from "./transport";

/** The batched push on the server (convex/outbox.ts). */
export const PUSH_MUTATION = getFunctionName(api.outbox.push);

/** One op's answer from outbox:push: its result, its refusal, or "not run" (the push stopped before it; send it again). */
export type PushOutcome =
  | { ok: true; value: unknown }
  | { ok: false; error: { code: string; message: string; retryAfterMs?: number } }
  | { ok: false; notRun: true };

/** A refusal of one op of a push, shaped like a ConvexError (`data: {code, message}`) so it is classified alike. */
export class PushOpError extends Error {
  constructor(readonly data: { code: string; message: string; retryAfterMs?: number }) {
    super(data.message);
    this.name = "PushOpError";
  }
}

/** Not run (push cut short, held back behind one, or drainer paused): send again, no attempt counted. */
export class NotSentError extends Error {
  constructor(message = "Not sent yet.") {
    super(message);
    this.name = "NotSentError";
  }
}

type Op = { udfPath: string; args: Record<string, unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

/** Ops a push runs at a cost the server cannot outgrow in one push (text whispers): a push of only these is never cut short by its budget. */
const mayStopEarly = (ops: Op[]) => ops.length > 1 && ops.some((op) => op.udfPath !== getFunctionName(api.whispers.sendWhisper) || op.args.imageStorageId !== undefined);

export type PushBatcherOptions = {
  /** Most ops per push (default OUTBOX_BATCH_MAX; 1 = every op sent on its own). */
  maxOps?: number;
  /** Waits for room in the drainer's window; resolves with the release to call once answered. */
  acquireSlot: () => Promise<() => void>;
  /** Takes room in the window at once if there is some (the release), else undefined. */
  trySlot?: () => (() => void) | undefined;
  /** Whether sending is still allowed once a slot is free (not paused, signed in, running). */
  canSend: () => boolean;
};

/**
 * One macrotask burst becomes one push (a lone op goes alone: no added latency); transport order = server order.
 * A push that may be cut short is answered before anything after it leaves; if cut, those behind are handed back (NotSentError).
 */
export class PushBatcher {
  private pending: Op[] = [];
  /** The generation `pending` was added in. */
  private pendingGeneration = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Sends leave one after the other (each waits for a window slot first). */
  private sendChain: Promise<void> = Promise.resolve();
  /** Sends on the chain still waiting for their slot. */
  private waitingSends = 0;
  /** Bumped when a push stops early: sends queued before that (a lower generation) are handed back unsent. */
  private generation = 0;
  /** A push that may stop early is on the wire: what comes after it waits for its answer. */
  private barrier: Promise<void> | null = null;
  private readonly maxOps: number;

  constructor(
    private readonly transport: Transport,
    private readonly options: PushBatcherOptions,
  ) {
    this.maxOps = Math.max(1, Math.min(options.maxOps ?? OUTBOX_BATCH_MAX, OUTBOX_BATCH_MAX));
  }

  /**
   * Queues one mutation; resolves with its result, rejects with its own error (or NotSentError).
   * `now`: send it (with whatever is pending before it) without waiting for the rest of the burst.
   */
  add(udfPath: string, args: Record<string, unknown>, now = false): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const op = { udfPath, args, resolve, reject };
      // Ops pending from before a push stopped early are handed back, not sent with this one.
      if (this.pendingGeneration < this.generation) this.flush();
      this.pendingGeneration = this.generation;
      if (!OUTBOX_MUTATIONS.has(udfPath) || this.maxOps === 1) {
        this.flush();
        this.pending.push(op);
        this.flush();
        return;
      }
      this.pending.push(op);
      if (this.pending.length >= this.maxOps || now) this.flush();
      else if (this.timer === undefined) this.timer = setTimeout(() => this.flush(), 0);
    });
  }

  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const ops = this.pending;
    this.pending = [];
    const generation = this.pendingGeneration;
    // Nothing waiting ahead and room in the window: on the wire now, in this call.
    const release = this.waitingSends === 0 && !this.barrier ? this.options.trySlot?.() : undefined;
    if (release) return this.sendWith(ops, release, generation);
    this.waitingSends += 1;
    this.sendChain = this.sendChain.then(() => this.send(ops, generation));
  }

  private async send(ops: Op[], generation: number): Promise<void> {
    await this.barrier;
    const release = await this.options.acquireSlot();
    this.waitingSends -= 1;
    this.sendWith(ops, release, generation);
  }

  private sendWith(ops: Op[], release: () => void, generation: number): void {
    if (!this.options.canSend() || generation < this.generation) {
      release();
      for (const op of ops) op.reject(new NotSentError());
      return;
    }
    const answered = ops.length === 1 ? this.sendOne(ops[0]!) : this.sendBatch(ops);
    void answered.finally(release);
    if (mayStopEarly(ops)) {
      const barrier = answered.then(() => {
        if (this.barrier === barrier) this.barrier = null;
      });
      this.barrier = barrier;
    }
  }

  private sendOne(op: Op): Promise<void> {
    return this.transport.mutation(op.udfPath, op.args).then(op.resolve, op.reject);
  }

  private sendBatch(ops: Op[]): Promise<void> {
    const request = this.transport.mutation(PUSH_MUTATION, { ops: ops.map(({ udfPath, args }) => ({ udfPath, args })) });
    return request.then(
      (outcomes) => {
        const answers = outcomes as PushOutcome[];
        if (answers.length < ops.length || answers.some((outcome) => "notRun" in outcome)) this.generation += 1;
        settle(ops, answers);
      },
      (error: unknown) => {
        // Failed as a whole (one bad op, a transaction limit, a conflict): split in halves down to single ops so only
        // an op that fails alone fails. Network, sign-out or rate limit is every op's outcome.
        const failure = classifyFailure(error);
        if (failure.kind === "permanent" || (failure.kind === "transient" && failure.unknownServerError)) {
          const half = Math.ceil(ops.length / 2);
          const parts = [ops.slice(0, half), ops.slice(half)];
          return Promise.all(parts.map((part) => (part.length === 1 ? this.sendOne(part[0]!) : this.sendBatch(part)))).then(() => undefined);
        }
        for (const op of ops) op.reject(error);
      },
    );
  }
}

/** Hands each op its outcome; an op not run (or not answered, by an older server) is sent again. */
function settle(ops: Op[], outcomes: PushOutcome[]): void {
  ops.forEach((op, i) => {
    const outcome = outcomes[i];
    if (!outcome || "notRun" in outcome) op.reject(new NotSentError("The batch stopped before this change."));
    else if (outcome.ok) op.resolve(outcome.value);
    else op.reject(new PushOpError(outcome.error));
  });
}
