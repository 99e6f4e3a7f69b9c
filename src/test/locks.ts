// An in-memory navigator.locks stand-in with real exclusive semantics, shared by "tabs" in one test.
import type { LockManagerLike } from "../sync/leader";

type Waiter = { run: () => void; signal?: AbortSignal; reject: (e: unknown) => void };

/** Exclusive locks by name: one holder at a time, waiters granted in request order. */
export class InMemoryLocks implements LockManagerLike {
  private readonly held = new Set<string>();
  private readonly queues = new Map<string, Waiter[]>();
  /** Most holders of one name seen at the same time (must stay ≤ 1). */
  maxConcurrentHolders = 0;

  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        signal: options.signal,
        reject,
        run: () => {
          this.held.add(name);
          this.maxConcurrentHolders = Math.max(this.maxConcurrentHolders, this.holders(name));
          Promise.resolve()
            .then(callback)
            .then(resolve, reject)
            .finally(() => {
              this.held.delete(name);
              this.grantNext(name);
            });
        },
      };
      if (options.signal?.aborted) return reject(new DOMException("Aborted", "AbortError"));
      options.signal?.addEventListener("abort", () => {
        const queue = this.queues.get(name) ?? [];
        const index = queue.indexOf(waiter);
        if (index >= 0) {
          queue.splice(index, 1);
          reject(new DOMException("Aborted", "AbortError"));
        }
      });
      const queue = this.queues.get(name) ?? [];
      queue.push(waiter);
      this.queues.set(name, queue);
      if (!this.held.has(name)) this.grantNext(name);
    });
  }

  isHeld(name: string): boolean {
    return this.held.has(name);
  }

  private holders(name: string): number {
    return this.held.has(name) ? 1 : 0;
  }

  private grantNext(name: string): void {
    const next = this.queues.get(name)?.shift();
    next?.run();
  }
}
