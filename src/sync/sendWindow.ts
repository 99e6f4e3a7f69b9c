// Bounds on the drainer's concurrent work: the send window (slow start after a failure) and a fixed limit for uploads.

/** `size` starts at `max`, drops to one after a retryable failure (limits reordering), doubles per success. */
export class SendWindow {
  size: number;
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly max: number) {
    this.size = max;
  }

  /** Waits for room and takes a slot; returns its release. */
  async acquire(): Promise<() => void> {
    if (this.inFlight < this.size) this.inFlight += 1;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    return () => this.release();
  }

  /** A slot at once, or undefined when the window is full or others wait for room. */
  tryAcquire(): (() => void) | undefined {
    if (this.inFlight >= this.size || this.waiting.length > 0) return undefined;
    this.inFlight += 1;
    return () => this.release();
  }

  grow(): void {
    this.size = Math.min(this.max, this.size * 2);
    this.wake();
  }

  shrink(): void {
    this.size = 1;
  }

  private release(): void {
    this.inFlight -= 1;
    this.wake();
  }

  /** Hands free slots to the waiters in order (each woken waiter's slot is taken for it). */
  private wake(): void {
    while (this.waiting.length > 0 && this.inFlight < this.size) {
      this.inFlight += 1;
      this.waiting.shift()!();
    }
  }
}

/** At most `size` tasks at once; the rest wait in order. */
export class Slots {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
