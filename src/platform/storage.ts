// Storage pressure: ask for persistent storage once, and turn quota errors into one error the UI can show.

/** The device is out of space for this site: the write was not saved (earlier data is intact). */
export class StorageFullError extends Error {
  constructor(cause?: unknown) {
    super("This device is out of storage space for Whispers. Free some space, then try again.");
    this.name = "StorageFullError";
    this.cause = cause;
  }
}

/** However it is wrapped (DOMException, Dexie error, inner error). */
export function isQuotaError(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === "object" && depth < 5; depth++) {
    const { name, inner, cause } = e as { name?: string; inner?: unknown; cause?: unknown };
    if (name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED") return true;
    e = inner ?? cause;
  }
  return false;
}

const fullListeners = new Set<(error: StorageFullError) => void>();

export function onStorageFull(listener: (error: StorageFullError) => void): () => void {
  fullListeners.add(listener);
  return () => fullListeners.delete(listener);
}

/** A quota failure becomes StorageFullError; Dexie aborts the whole transaction, so nothing partial is stored. */
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

/** Once per page load. */
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

export async function storageEstimate(): Promise<{ usage?: number; quota?: number }> {
  const storage = (globalThis as { navigator?: { storage?: StorageManager } }).navigator?.storage;
  if (!storage?.estimate) return {};
  const { usage, quota } = await storage.estimate();
  return { usage, quota };
}
