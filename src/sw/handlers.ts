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

export type WorkerClient = ClientView & {
  focus(): Promise<unknown>;
  postMessage(message: WorkerToPage): void;
};

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

/** Unless a focused window already shows that conversation; an unreadable payload still shows a generic one. */
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

export function clickTarget(data: unknown): string {
  return safeAppPath((data as { url?: unknown } | null)?.url, "/");
}

/** Focuses an open window and sends it NAVIGATE; opens one only when none is open. */
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

/** Only a window can drain (it holds the auth and the client); with none the outbox waits for the next start. */
export async function handleSync(deps: WorkerDeps, tag: string): Promise<number> {
  if (tag !== OUTBOX_SYNC_TAG) return 0;
  const clients = await deps.windows();
  broadcast(clients, { type: "DRAIN_OUTBOX" });
  return clients.length;
}

/** The pages save the new one: the worker is not signed in. */
export async function handleSubscriptionChange(deps: WorkerDeps): Promise<number> {
  const clients = await deps.windows();
  broadcast(clients, { type: "PUSH_SUBSCRIPTION_CHANGED" });
  return clients.length;
}
