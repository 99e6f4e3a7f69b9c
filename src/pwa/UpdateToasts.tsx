// The update and offline-ready toasts as a plain view (ReloadPrompt feeds it from the service worker).
import { createEffect, createSignal, onCleanup, Show, type JSX } from "solid-js";
import "./pwa.css";

export type UpdateToastsProps = {
  needRefresh: boolean;
  offlineReady: boolean;
  onReload: () => void;
  onClose: () => void;
};

/** Ms "Ready to work offline" stays: it only informs, and must not sit over what is under it. */
export const OFFLINE_READY_MS = 12_000;

/** "Update available" is an alert; "Ready to work offline" a polite status that goes by itself unless hovered or focused. */
export function UpdateToasts(props: UpdateToastsProps): JSX.Element {
  const [held, setHeld] = createSignal(false);
  createEffect(() => {
    if (!props.offlineReady || props.needRefresh || held()) return;
    const timer = setTimeout(() => props.onClose(), OFFLINE_READY_MS);
    onCleanup(() => clearTimeout(timer));
  });
  return (
    <div class="pwa-toast-region">
      <Show when={props.needRefresh}>
        <div class="pwa-toast" role="alert" aria-labelledby="pwa-update-title">
          <p id="pwa-update-title" class="pwa-toast-text">
            <strong>Update available.</strong> Reload to get the new version; nothing you queued is lost.
          </p>
          <div class="pwa-toast-actions">
            <button type="button" class="pwa-button" onClick={() => props.onReload()}>
              Reload
            </button>
            <button type="button" class="pwa-button pwa-button-quiet" onClick={() => props.onClose()}>
              Later
            </button>
          </div>
        </div>
      </Show>
      <Show when={props.offlineReady && !props.needRefresh}>
        <div
          class="pwa-toast"
          role="status"
          onPointerEnter={() => setHeld(true)}
          onPointerLeave={() => setHeld(false)}
          onFocusIn={() => setHeld(true)}
          onFocusOut={() => setHeld(false)}
        >
          <p class="pwa-toast-text">Ready to work offline.</p>
          <div class="pwa-toast-actions">
            <button type="button" class="pwa-button pwa-button-quiet" aria-label="Dismiss" onClick={() => props.onClose()}>
              OK
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}
