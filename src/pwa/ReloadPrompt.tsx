// Registers the service worker and shows its update / offline-ready toasts (vite-plugin-pwa's Solid hook).
/// <reference types="vite-plugin-pwa/solid" />
import { onCleanup, type JSX } from "solid-js";
import { useRegisterSW } from "virtual:pwa-register/solid";
import { UpdateToasts } from "./UpdateToasts";

const UPDATE_CHECK_MS = 60 * 60 * 1000;
const OFFLINE_READY_MS = 8_000;

/** vite-plugin-pwa reloads only a page that started under an older worker; one that installed the first would stay old. */
function reloadInto(updateServiceWorker: (reload?: boolean) => Promise<void>): void {
  navigator.serviceWorker?.addEventListener("controllerchange", () => window.location.reload(), { once: true });
  void updateServiceWorker(true);
}

/** Once per page (mount.tsx). A new worker waits for Reload; the outbox is in IndexedDB, so nothing queued is lost. */
export function ReloadPrompt(): JSX.Element {
  let timer: ReturnType<typeof setInterval> | undefined;
  const {
    needRefresh: [needRefresh, setNeedRefresh],
    offlineReady: [offlineReady, setOfflineReady],
    updateServiceWorker,
  } = useRegisterSW({
    onRegisteredSW(_url, registration) {
      if (!registration) return;
      timer = setInterval(() => {
        if (navigator.onLine && !registration.installing) void registration.update().catch(() => undefined);
      }, UPDATE_CHECK_MS);
    },
    onOfflineReady() {
      setTimeout(() => setOfflineReady(false), OFFLINE_READY_MS);
    },
    onRegisterError(error: unknown) {
      console.warn("The service worker could not be registered:", error);
    },
  });
  onCleanup(() => clearInterval(timer));
  return (
    <UpdateToasts
      needRefresh={needRefresh()}
      offlineReady={offlineReady()}
      onReload={() => reloadInto(updateServiceWorker)}
      onClose={() => {
        setNeedRefresh(false);
        setOfflineReady(false);
      }}
    />
  );
}
