// The service worker (vite-plugin-pwa injectManifest): app shell precache, offline routes, media cache, push, sync.
/// <reference lib="webworker" />
import { clientsClaim } from "workbox-core";
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from "workbox-precaching";
import { NavigationRoute, registerRoute } from "workbox-routing";
import {
  clickTarget,
  handleNotificationClick,
  handlePush,
  handleSubscriptionChange,
  handleSync,
  type WorkerClient,
  type WorkerDeps,
} from "./sw/handlers";
import { prefetchMedia, registerMediaRoute } from "./sw/mediaCache";
import { parsePageMessage } from "./sw/messages";

declare const self: ServiceWorkerGlobalScope;

/** Backend origins whose /api/storage/ downloads are cached (besides *.convex.cloud): this one and VITE_CONVEX_URL's. */
const configured = import.meta.env.VITE_CONVEX_URL as string | undefined;
const backendOrigins = [self.location.origin, ...(configured ? [new URL(configured).origin] : [])];

// App shell: every built asset is precached; a new worker waits until the page accepts the update.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
clientsClaim();

// Every in-app route opens offline from the cached shell; backend and auth paths never do.
registerRoute(
  new NavigationRoute(createHandlerBoundToURL("index.html"), {
    denylist: [/^\/api\//, /^\/auth\//, /^\/health\b/, /^\/clerk-users-webhook\b/],
  }),
);

registerMediaRoute(backendOrigins);

const deps: WorkerDeps = {
  origin: self.location.origin,
  windows: async () =>
    (await self.clients.matchAll({ type: "window", includeUncontrolled: true })) as unknown as WorkerClient[],
  openWindow: (url) => self.clients.openWindow(url),
  showNotification: (title, options) => self.registration.showNotification(title, options),
  setBadge: async (count) => {
    const nav = self.navigator as WorkerNavigator & {
      setAppBadge?: (count?: number) => Promise<void>;
      clearAppBadge?: () => Promise<void>;
    };
    if (count > 0) await nav.setAppBadge?.(count);
    else await nav.clearAppBadge?.();
  },
};

self.addEventListener("message", (event) => {
  const message = parsePageMessage(event.data);
  if (message?.type === "SKIP_WAITING") void self.skipWaiting();
  if (message?.type === "PREFETCH_MEDIA") {
    event.waitUntil(
      prefetchMedia(event, message.urls, self.location.origin, backendOrigins).then((result) => {
        event.ports[0]?.postMessage({ type: "PREFETCH_DONE", ...result });
      }),
    );
  }
});

self.addEventListener("push", (event) => {
  let data: unknown = null;
  try {
    data = event.data?.text() ?? null;
  } catch {
    data = null;
  }
  event.waitUntil(handlePush(deps, data));
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  event.waitUntil(handleNotificationClick(deps, clickTarget(event.notification.data)));
});

/** Background Sync (Chromium): the page registered OUTBOX_SYNC_TAG while offline; connectivity is back. */
self.addEventListener("sync", (event) => {
  const sync = event as ExtendableEvent & { tag: string };
  sync.waitUntil(handleSync(deps, sync.tag));
});

/** Resubscribe with the old options if known; the pages save it (the worker is not signed in), else the next start does. */
self.addEventListener("pushsubscriptionchange", (event) => {
  const change = event as ExtendableEvent & { oldSubscription?: PushSubscription | null };
  const options = change.oldSubscription?.options;
  change.waitUntil(
    (async () => {
      if (options?.applicationServerKey) {
        await self.registration.pushManager
          .subscribe({ userVisibleOnly: true, applicationServerKey: options.applicationServerKey })
          .catch(() => undefined);
      }
      await handleSubscriptionChange(deps);
    })(),
  );
});
