// The worker's event logic behind a small interface, so it runs (and is tested) without a worker global.
import { OUTBOX_SYNC_TAG, type WorkerToPage } from "./messages";
import {
  FALLBACK_PAYLOAD,
  isConversationOnScreen,
  isSamePage,
  notificationOptions,
  parsePushPayload,
  pickClientFor,
  safeAppPath,
  type ClientView,
  type WhisperNotificationOptions,
} from "./notify";

/** The part of a WindowClient the handlers use. */
export type WorkerClient = ClientView & {
  focus(): Promise<unknown>;
  postMessage(message: WorkerToPage): void;
};

/** What the handlers need from the worker scope (self.clients, self.registration, self.navigator). */
export type WorkerDeps = {
  origin: string;
  windows(): Promise<WorkerClient[]>;
  openWindow(url: string): Promise<unknown>;
  showNotification(title: string, options: WhisperNotificationOptions): Promise<void>;
  /** navigator.setAppBadge / clearAppBadge where they exist. */
  setBadge?(count: number): Promise<void>;
};

function broadcast(clients: readonly WorkerClient[], message: WorkerToPage): void {
  for (const client of clients) client.postMessage(message);
}

/**
 * A push: read the payload (a generic notification if it is unreadable), update the badge, and
 * show the notification unless a focused window already shows that conversation. Open windows
 * hear about it (PUSH_RECEIVED) so they can refresh at once.
 */
export async function handlePush(deps: WorkerDeps, data: unknown): Promise<"shown" | "suppressed"> {
  const payload = parsePushPayload(data) ?? FALLBACK_PAYLOAD;
  const clients = await deps.windows();
  if (payload.unreadCount !== null && deps.setBadge) {
    await deps.setBadge(payload.unreadCount).catch(() => undefined);
  }
  const onScreen = isConversationOnScreen(clients, payload, deps.origin);
  if (!onScreen) await deps.showNotification(payload.title, notificationOptions(payload));
  broadcast(clients, {
    type: "PUSH_RECEIVED",
    conversationId: payload.conversationId,
    shown: !onScreen,
    unreadCount: payload.unreadCount,
  });
  return onScreen ? "suppressed" : "shown";
}

/** The in-app path a clicked notification points at. */
export function clickTarget(data: unknown): string {
  return safeAppPath((data as { url?: unknown } | null)?.url, "/");
}

/**
 * A notification click: focus a window (the one already there, else the focused/visible one) and
 * tell it to show the conversation; with no window open, open one on that path.
 */
export async function handleNotificationClick(deps: WorkerDeps, url: string): Promise<"focused" | "opened"> {
  const clients = await deps.windows();
  const client = pickClientFor(clients, url, deps.origin);
  if (!client) {
    await deps.openWindow(url);
    return "opened";
  }
  await client.focus().catch(() => undefined);
  if (!isSamePage(client.url, url, deps.origin)) client.postMessage({ type: "NAVIGATE", url });
  return "focused";
}

/**
 * Background Sync. With a window open, it runs the drain (it holds the auth and the Convex
 * client). With none, there is nothing the worker can send on its own: the outbox stays in
 * IndexedDB and drains on the next app start or `online` event. Returns how many windows heard it.
 */
export async function handleSync(deps: WorkerDeps, tag: string): Promise<number> {
  if (tag !== OUTBOX_SYNC_TAG) return 0;
  const clients = await deps.windows();
  broadcast(clients, { type: "DRAIN_OUTBOX" });
  return clients.length;
}

/** The push subscription changed: the pages save the new one (the worker is not signed in). */
export async function handleSubscriptionChange(deps: WorkerDeps): Promise<number> {
  const clients = await deps.windows();
  broadcast(clients, { type: "PUSH_SUBSCRIPTION_CHANGED" });
  return clients.length;
}
