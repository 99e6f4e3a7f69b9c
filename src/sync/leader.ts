// Leader election across tabs with Web Locks: only the tab holding the lock drains the outbox and pulls.

/** The subset of navigator.locks the election uses (a polyfill can stand in for tests). */
export interface LockManagerLike {
  request(name: string, options: { signal?: AbortSignal }, callback: () => Promise<void>): Promise<unknown>;
}

function defaultLocks(): LockManagerLike | undefined {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator;
  return nav?.locks;
}

/** The lock name for a user's database: one leader per person per browser profile. */
export function leaderLockName(dbName: string): string {
  return `${dbName}:leader`;
}

/**
 * Other tabs take over when the leader's closes; without Web Locks it leads at once. stop() resolves once
 * `lead` finished and its cleanup ran, so the caller may then close the database.
 */
export function runWhileLeader(
  name: string,
  lead: () => (() => void | Promise<void>) | Promise<() => void | Promise<void>>,
  /** The lock manager; default navigator.locks, null to lead without one. */
  locks: LockManagerLike | null | undefined = defaultLocks(),
): () => Promise<void> {
  const controller = new AbortController();
  let release: (() => void) | undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let stopped = false;
  let leading: Promise<void> = Promise.resolve();
  const hold = () => {
    const run = async () => {
      if (stopped) return;
      const cleanup = await lead();
      await released;
      await cleanup();
    };
    const held = run();
    // A session closed while it was still starting to lead may find its database closed: expected.
    leading = held.catch((error: unknown) => {
      if ((error as { name?: string })?.name !== "DatabaseClosedError") console.error(error);
    });
    return leading;
  };
  if (!locks) void hold();
  else {
    locks.request(name, { signal: controller.signal }, hold).catch((error: unknown) => {
      if ((error as { name?: string })?.name !== "AbortError") console.error(error);
    });
  }
  return async () => {
    stopped = true;
    controller.abort();
    release?.();
    await leading;
  };
}
