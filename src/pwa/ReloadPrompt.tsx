// Registers the service worker and shows its update / offline-ready toasts (vite-plugin-pwa's Solid hook).
/// <reference types="vite-plugin-pwa/solid" />
import { onCleanup, type JSX } from "solid-js";
import { useRegisterSW } from "virtual:pwa-register/solid";
import { UpdateToasts } from "./UpdateToasts";

const UPDATE_CHECK_MS = 60 * 60 * 1000;
const OFFLINE_READY_MS = 8_000;

/**
 * Activates the waiting worker and reloads once it controls the page. vite-plugin-pwa reloads by
 * itself only when the page started under an older worker; a tab that installed the first worker
 * and later saw an update would otherwise stay on the old page.
 */
function reloadInto(updateServiceWorker: (reload?: boolean) => Promise<void>): void {
  navigator.serviceWorker?.addEventListener("controllerchange", () => window.location.reload(), { once: true });
  void updateServiceWorker(true);
}

/**
 * Mount once per page (src/pwa/mount.tsx does). A new worker waits until the user presses Reload:
 * it then takes over and the page reloads; the outbox is in IndexedDB, so nothing queued is lost.
 * Checks for a new version hourly while the page is open and online.
 */
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
