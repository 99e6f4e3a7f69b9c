// Storage pressure: ask for persistent storage once, and turn quota errors into one error the UI can show.

/** The device is out of space for this site: the write was not saved (earlier data is intact). */
export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super("This device is out of storage space for Whispers. Free some space, then try again.");
    this.name = "StorageFullError";
    this.cause = cause;
  }
}

/** True for a QuotaExceededError however it is wrapped (DOMException, Dexie error, inner error). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { name, inner, cause } = e as { name?: string; inner?: unknown; cause?: unknown };
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED") return true;
    e = inner ?? cause;
  }
  return false;
}

const fullListeners = new Set<(error: StorageFullError) => void>();

/** Calls `listener` whenever a write failed for lack of space (the UI shows a banner). */
export function onStorageFull(listener: (error: StorageFullError) => void): () => void {
  fullListeners.add(listener);
  return () => fullListeners.delete(listener);
}

/**
 * Runs a write; a quota failure becomes StorageFullError (and storage-full listeners hear of
 * it). Dexie aborts the whole transaction on any failure, so nothing partial is stored and what
 * was saved before stays.
 */
export async function guardQuota<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    const full = new StorageFullError(error);
    for (const listener of fullListeners) listener(full);
    throw full;
  }
}

let persistRequested: Promise<boolean> | undefined;

/**
 * Asks the browser once per page load to keep this site's data under storage pressure
 * (navigator.storage.persist). Resolves to whether storage is persistent.
 */
export function requestPersistentStorage(): Promise<boolean> {
  persistRequested ??= (async () => {
    const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
    if (!storage?.persist) return false;
    try {
      if (await storage.persisted?.()) return true;
      return await storage.persist();
    } catch {
      return false;
    }
  })();
  return persistRequested;
}

/** How much this origin uses and may use (bytes), when the browser says. */
export async function storageEstimate(): Promise<{ usage?: number; quota?: number }> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  if (!storage?.estimate) return {};
  const { usage, quota } = await storage.estimate();
  return { usage, quota };
}
