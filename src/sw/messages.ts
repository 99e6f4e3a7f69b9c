// The messages the page and the service worker exchange, and the names both sides must agree on.

/** Background Sync tag that wakes the outbox drain (registered by the page, handled by the worker). */
export const OUTBOX_SYNC_TAG = "whispers-outbox";

export const MEDIA_CACHE = "whispers-media";

/** At most this many URLs are fetched ahead per PREFETCH_MEDIA message. */
export const MAX_PREFETCH_URLS = 60;

/** Page → worker. SKIP_WAITING is what vite-plugin-pwa's updateServiceWorker sends. */
export type PageToWorker = { type: "PREFETCH_MEDIA"; urls: string[] } | { type: "SKIP_WAITING" };

export type WorkerToPage =
  /** Connectivity is back (Background Sync fired): run the outbox drain now. */
  | { type: "DRAIN_OUTBOX" }
  /** A notification was clicked: show this in-app path. */
  | { type: "NAVIGATE"; url: string }
  /** The push subscription was replaced or lost: save it again (the worker has no auth). */
  | { type: "PUSH_SUBSCRIPTION_CHANGED" }
  /** A push arrived (shown, or suppressed because that conversation is already on screen). */
  | { type: "PUSH_RECEIVED"; conversationId: string | null; shown: boolean; unreadCount: number | null }
  /** Answer to PREFETCH_MEDIA (sent on the message's port when it has one). */
  | { type: "PREFETCH_DONE"; cached: number; failed: number };

const WORKER_TYPES = new Set(["DRAIN_OUTBOX", "NAVIGATE", "PUSH_SUBSCRIPTION_CHANGED", "PUSH_RECEIVED", "PREFETCH_DONE"]);

export function isWorkerMessage(data: unknown): data is WorkerToPage {
  return typeof data === "object" && data !== null && WORKER_TYPES.has((data as { type?: unknown }).type as string);
}

/** PREFETCH_MEDIA must carry a string array. */
export function parsePageMessage(data: unknown): PageToWorker | null {
  if (typeof data !== "object" || data === null) return null;
  const { type, urls } = data as { type?: unknown; urls?: unknown };
  if (type === "SKIP_WAITING") return { type };
  if (type === "PREFETCH_MEDIA" && Array.isArray(urls)) {
    return { type, urls: urls.filter((url): url is string => typeof url === "string") };
  }
  return null;
}
