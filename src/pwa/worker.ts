// The page's side of the service worker conversation: its messages, media prefetch, Background Sync.
import { isWorkerMessage, OUTBOX_SYNC_TAG, type PageToWorker, type WorkerToPage } from "../sw/messages";

export { OUTBOX_SYNC_TAG };
export type { WorkerToPage };

type Handlers = {
  /** Background Sync fired: drain the outbox now (if this tab runs the drainer). */
  drain?: () => void;
  /** A notification was clicked: show this in-app path. */
  navigate?: (url: string) => void;
  /** The push subscription changed: call renewPushSubscription. */
  subscriptionChanged?: () => void;
  /** A push arrived (e.g. pull now, refresh the badge). */
  push?: (message: Extract<WorkerToPage, { type: "PUSH_RECEIVED" }>) => void;
};

const container = (): ServiceWorkerContainer | undefined =>
  (globalThis as { navigator?: Navigator }).navigator?.serviceWorker;

/** A no-op without service workers. */
export function onWorkerMessage(handlers: Handlers): () => void {
  const sw = container();
  if (!sw) return () => undefined;
  const listener = (event: MessageEvent) => {
    const message: unknown = event.data;
    if (!isWorkerMessage(message)) return;
    if (message.type === "DRAIN_OUTBOX") handlers.drain?.();
    else if (message.type === "NAVIGATE") handlers.navigate?.(message.url);
    else if (message.type === "PUSH_SUBSCRIPTION_CHANGED") handlers.subscriptionChanged?.();
    else if (message.type === "PUSH_RECEIVED") handlers.push?.(message);
  };
  sw.addEventListener("message", listener);
  return () => sw.removeEventListener("message", listener);
}

/** So recent media shows and plays offline; null without a worker or after `timeoutMs`. Call it when online. */
export async function prefetchMedia(
  urls: readonly string[],
  timeoutMs = 60_000,
): Promise<{ cached: number; failed: number } | null> {
  const sw = container();
  if (!sw || urls.length === 0) return null;
  const registration = await sw.getRegistration();
  const worker = registration?.active;
  if (!worker) return null;
  return await new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => resolve(null), timeoutMs);
    channel.port1.onmessage = (event: MessageEvent) => {
      clearTimeout(timer);
      const data = event.data as { cached?: number; failed?: number };
      resolve({ cached: data.cached ?? 0, failed: data.failed ?? 0 });
    };
    const message: PageToWorker = { type: "PREFETCH_MEDIA", urls: [...urls] };
    worker.postMessage(message, [channel.port2]);
  });
}

type SyncRegistration = ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } };

/** Wakes even a background tab's drain when connectivity returns; false without Background Sync (Safari, Firefox). */
export async function requestBackgroundDrain(): Promise<boolean> {
  const sw = container();
  if (!sw) return false;
  try {
    const registration = (await sw.getRegistration()) as SyncRegistration | undefined;
    if (!registration?.sync) return false;
    await registration.sync.register(OUTBOX_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
