// Web Push on the page: turn notifications on (permission + subscribe + save), off, and renew on app start.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import { hasPushApi, isIos, isStandalone } from "./environment";

/** Calls a Convex function by path ("push:saveSubscription"); the app wires it to its Convex client. */
export type PushCall = (udfPath: string, args: Record<string, unknown>) => Promise<unknown>;

export const PUSH_FUNCTIONS = {
  vapidPublicKey: getFunctionName(api.push.vapidPublicKey),
  save: getFunctionName(api.push.saveSubscription),
  remove: getFunctionName(api.push.removeSubscription),
};

/** The browser edge, injectable for tests. */
export type PushEnvironment = {
  supported: boolean;
  ios: boolean;
  standalone: boolean;
  userAgent: string;
  permission(): NotificationPermission;
  requestPermission(): Promise<NotificationPermission>;
  pushManager(): Promise<PushManager>;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
};

const READY_TIMEOUT_MS = 10_000;

export function browserPushEnvironment(): PushEnvironment {
  const supported = hasPushApi();
  return {
    supported,
    ios: isIos(navigator),
    standalone: isStandalone(),
    userAgent: navigator.userAgent,
    permission: () => (supported ? Notification.permission : "denied"),
    requestPermission: () => Notification.requestPermission(),
    pushManager: () =>
      Promise.race([
        navigator.serviceWorker.ready.then((registration) => registration.pushManager),
        new Promise<never>((_, reject) => setTimeout(() => reject(new ServiceWorkerNotReady()), READY_TIMEOUT_MS)),
      ]),
    storage: localStorage,
  };
}

/** The app's service worker did not start in time (its registration failed, or it is still installing). */
export class ServiceWorkerNotReady extends Error {
  constructor() {
    super("The app's service worker is not running yet.");
    this.name = "ServiceWorkerNotReady";
  }
}

export type PushAvailability = "available" | "unsupported" | "ios-needs-install" | "denied";

export function pushAvailability(env: PushEnvironment = browserPushEnvironment()): PushAvailability {
  if (env.ios && !env.standalone) return "ios-needs-install";
  if (!env.supported) return "unsupported";
  return env.permission() === "denied" ? "denied" : "available";
}

export const PUSH_MESSAGES: Record<
  Exclude<PushAvailability, "available"> | "dismissed" | "not-configured" | "no-service-worker" | "no-push-service" | "failed",
  string
> = {
  unsupported: "This browser cannot show notifications from Whispers.",
  "ios-needs-install": "On iPhone and iPad, notifications work once Whispers is on your Home Screen: tap Share, then Add to Home Screen, and open it from there.",
  denied: "Notifications are blocked for Whispers. Allow them in your browser's site settings, then try again.",
  dismissed: "Notifications stay off: the browser's permission prompt was dismissed.",
  "not-configured": "This server does not send notifications yet.",
  "no-service-worker": "Notifications need the app's service worker, which is not running yet. Reload the page and try again.",
  "no-push-service": "This browser could not reach its push service, so it cannot receive notifications here (some browsers and private windows have none).",
  failed: "Notifications could not be turned on: the server did not answer. Check your connection and try again.",
};

export type PushResult = { ok: true } | { ok: false; reason: keyof typeof PUSH_MESSAGES; message: string };

const failure = (reason: keyof typeof PUSH_MESSAGES): PushResult => ({ ok: false, reason, message: PUSH_MESSAGES[reason] });

/** The endpoint last saved for `account` on this device; its presence means the user turned push on. */
const storageKey = (account: string) => `whispers.push.${account}`;

export function urlBase64ToUint8Array(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = (base64url + "=".repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

export function subscriptionArgs(subscription: PushSubscription, userAgent: string) {
  const { endpoint, keys } = subscription.toJSON();
  if (!endpoint || !keys?.p256dh || !keys.auth) throw new Error("The browser gave an incomplete push subscription.");
  return { endpoint, keys: { p256dh: keys.p256dh, auth: keys.auth }, userAgent: userAgent.slice(0, 300) };
}

/** The subscription was made with this VAPID key. */
export function sameServerKey(subscription: PushSubscription, key: Uint8Array): boolean {
  const current = subscription.options?.applicationServerKey;
  if (!current) return false;
  const bytes = new Uint8Array(current);
  return bytes.length === key.length && bytes.every((byte, i) => byte === key[i]);
}

async function serverKey(call: PushCall): Promise<Uint8Array<ArrayBuffer> | null> {
  const key = await call(PUSH_FUNCTIONS.vapidPublicKey, {});
  return typeof key === "string" && key.length > 0 ? urlBase64ToUint8Array(key) : null;
}

/** Replaces one made with another key; subscribes when there is none. */
async function subscribeWith(manager: PushManager, key: Uint8Array<ArrayBuffer>): Promise<PushSubscription> {
  const existing = await manager.getSubscription();
  if (existing && sameServerKey(existing, key)) return existing;
  if (existing) await existing.unsubscribe();
  return await manager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
}

async function save(call: PushCall, env: PushEnvironment, account: string, subscription: PushSubscription) {
  await call(PUSH_FUNCTIONS.save, subscriptionArgs(subscription, env.userAgent));
  env.storage.setItem(storageKey(account), subscription.endpoint);
}

/** From a user gesture: the permission prompt comes before anything is awaited. On iOS only in the installed app. */
export async function enablePush(
  call: PushCall,
  options: { account?: string; env?: PushEnvironment } = {},
): Promise<PushResult> {
  const env = options.env ?? browserPushEnvironment();
  const availability = pushAvailability(env);
  if (availability !== "available") return failure(availability);
  const permission = env.permission() === "granted" ? "granted" : await env.requestPermission();
  if (permission === "denied") return failure("denied");
  if (permission !== "granted") return failure("dismissed");
  // Each step fails for its own reason, and the person is told that one.
  let key: Uint8Array<ArrayBuffer> | null;
  try {
    key = await serverKey(call);
  } catch (error) {
    console.warn("Turning on notifications failed (server key):", error);
    return failure("failed");
  }
  if (!key) return failure("not-configured");
  let subscription: PushSubscription;
  try {
    subscription = await subscribeWith(await env.pushManager(), key);
  } catch (error) {
    console.warn("Turning on notifications failed (subscribing):", error);
    return failure(subscribeFailure(error));
  }
  try {
    await save(call, env, options.account ?? "default", subscription);
  } catch (error) {
    console.warn("Turning on notifications failed (saving):", error);
    return failure("failed");
  }
  return { ok: true };
}

/** Permission taken back, no service worker, or no push service (AbortError: headless and some private windows). */
function subscribeFailure(error: unknown): keyof typeof PUSH_MESSAGES {
  if (error instanceof ServiceWorkerNotReady) return "no-service-worker";
  if ((error as { name?: unknown } | null)?.name === "NotAllowedError") return "denied";
  return "no-push-service";
}

/** Also for sign-out; the server side is best effort (a push service's 410 removes it later anyway). */
export async function disablePush(call: PushCall, options: { account?: string; env?: PushEnvironment } = {}): Promise<void> {
  const env = options.env ?? browserPushEnvironment();
  env.storage.removeItem(storageKey(options.account ?? "default"));
  if (!env.supported) return;
  const subscription = await (await env.pushManager()).getSubscription();
  if (!subscription) return;
  await call(PUSH_FUNCTIONS.remove, { endpoint: subscription.endpoint }).catch((error: unknown) => {
    console.warn("The server could not forget this device's subscription:", error);
  });
  await subscription.unsubscribe();
}

/** And the browser still allows them. */
export function isPushEnabled(options: { account?: string; env?: PushEnvironment } = {}): boolean {
  const env = options.env ?? browserPushEnvironment();
  return env.supported && env.permission() === "granted" && env.storage.getItem(storageKey(options.account ?? "default")) !== null;
}

/** On start and PUSH_SUBSCRIPTION_CHANGED: the subscription exists, has the current VAPID key and is saved. Never prompts. */
export async function renewPushSubscription(
  call: PushCall,
  options: { account?: string; env?: PushEnvironment } = {},
): Promise<"saved" | "unchanged" | "skipped"> {
  const env = options.env ?? browserPushEnvironment();
  const account = options.account ?? "default";
  if (!isPushEnabled({ account, env })) return "skipped";
  const manager = await env.pushManager();
  const key = await serverKey(call).catch(() => null);
  const subscription = key ? await subscribeWith(manager, key) : await manager.getSubscription();
  if (!subscription) return "skipped";
  if (subscription.endpoint === env.storage.getItem(storageKey(account))) return "unchanged";
  await save(call, env, account, subscription);
  return "saved";
}
