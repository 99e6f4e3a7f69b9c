// The update and offline-ready toasts as a plain view (ReloadPrompt feeds it from the service worker).
import { Show, type JSX } from "solid-js";
import "./pwa.css";

export type UpdateToastsProps = {
  needRefresh: boolean;
  offlineReady: boolean;
  onReload: () => void;
  onClose: () => void;
};

/**
 * "Update available" (an alert with Reload / Later) when a new version waits, else "Ready to work
 * offline" (a polite status) once after the first install.
 */
export function UpdateToasts(props: UpdateToastsProps): JSX.Element {
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
        <div class="pwa-toast" role="status">
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
