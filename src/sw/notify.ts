// Pure helpers for the worker's push handling: payload parsing, notification options, "is it on screen".

/** What convex/pushNode.ts sends (see convex/model/push.ts notificationFor). */
export type PushPayload = {
  title: string;
  body: string;
  conversationId: string | null;
  tag: string;
  url: string;
  unreadCount: number | null;
};

/** The generic notification for a push whose payload cannot be read (the browser requires one). */
export const FALLBACK_PAYLOAD: PushPayload = {
  title: "Whispers",
  body: "You have a new whisper.",
  conversationId: null,
  tag: "whispers",
  url: "/",
  unreadCount: null,
};

export const NOTIFICATION_ICON = "/pwa-192x192.png";
export const NOTIFICATION_BADGE = "/badge-96x96.png";

/** An in-app path ("/c/x"), never another origin ("//evil", "https://…", "javascript:"). */
export function safeAppPath(url: unknown, fallback: string): string {
  if (typeof url !== "string" || !url.startsWith("/") || url.startsWith("//") || url.includes("\\")) return fallback;
  return url;
}

const text = (value: unknown): string | null => (typeof value === "string" ? value : null);

/** JSON text or an object; null when it is not one of ours. */
export function parsePushPayload(data: unknown): PushPayload | null {
  let value = data;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return null;
    }
  }
  if (typeof value !== "object" || value === null) return null;
  const raw = value as Record<string, unknown>;
  const title = text(raw.title);
  if (!title) return null;
  const conversationId = text(raw.conversationId) || null;
  const home = conversationId ? `/c/${encodeURIComponent(conversationId)}` : "/";
  const unread = raw.unreadCount;
  return {
    title,
    body: text(raw.body) ?? "",
    conversationId,
    tag: conversationId ?? (text(raw.tag) || FALLBACK_PAYLOAD.tag),
    url: safeAppPath(raw.url, home),
    unreadCount: typeof unread === "number" && Number.isFinite(unread) && unread >= 0 ? Math.floor(unread) : null,
  };
}

/** NotificationOptions plus `renotify` (not yet in TypeScript's DOM lib). */
export type WhisperNotificationOptions = NotificationOptions & { renotify: boolean; data: { url: string } };

/** One per conversation (tag), alerting again per whisper; exactly the server's text (a mystery one has no sender, no content). */
export function notificationOptions(payload: PushPayload): WhisperNotificationOptions {
  return {
    body: payload.body,
    tag: payload.tag,
    renotify: true,
    data: { url: payload.url },
    icon: NOTIFICATION_ICON,
    badge: NOTIFICATION_BADGE,
  };
}

/** Without a trailing slash; null for another origin. */
export function appPathOf(url: string, origin: string): string | null {
  try {
    const parsed = new URL(url, origin);
    if (parsed.origin !== new URL(origin).origin) return null;
    return parsed.pathname.length > 1 ? parsed.pathname.replace(/\/+$/, "") : parsed.pathname;
  } catch {
    return null;
  }
}

/** Query and hash ignored. */
export function isSamePage(clientUrl: string, targetUrl: string, origin: string): boolean {
  const a = appPathOf(clientUrl, origin);
  return a !== null && a === appPathOf(targetUrl, origin);
}

export type ClientView = { url: string; focused: boolean; visibilityState?: DocumentVisibilityState };

/** A focused, visible window already shows this conversation: no notification needed. */
export function isConversationOnScreen(clients: readonly ClientView[], payload: PushPayload, origin: string): boolean {
  if (!payload.conversationId) return false;
  return clients.some(
    (client) => client.focused && client.visibilityState !== "hidden" && isSamePage(client.url, payload.url, origin),
  );
}

/** One already on that page, else focused, else visible, else any; undefined: open a new one. */
export function pickClientFor<C extends ClientView>(clients: readonly C[], url: string, origin: string): C | undefined {
  return (
    clients.find((client) => isSamePage(client.url, url, origin)) ??
    clients.find((client) => client.focused) ??
    clients.find((client) => client.visibilityState === "visible") ??
    clients[0]
  );
}
