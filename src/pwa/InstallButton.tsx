// "Install app" button (shown only while the browser offers installing) and the iOS add-to-home-screen hint.
import { Show, type JSX } from "solid-js";
import { canInstall, isInstalled, needsIosInstallHint, promptInstall } from "./install";
import "./pwa.css";

export function InstallButton(props: { class?: string; label?: string }): JSX.Element {
  return (
    <Show when={canInstall() && !isInstalled()}>
      <button type="button" class={props.class ?? "pwa-button"} onClick={() => void promptInstall()}>
        {props.label ?? "Install Whispers"}
      </button>
    </Show>
  );
}

/** iOS Safari has no install prompt: explain Add to Home Screen. */
export function IosInstallHint(props: { class?: string; force?: boolean }): JSX.Element {
  const show = () => props.force ?? needsIosInstallHint();
  return (
    <Show when={show() && !isInstalled()}>
      <p class={props.class ?? "pwa-hint"} role="note">
        To install Whispers, tap Share{" "}
        <svg class="pwa-share-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
          <path d="M12 3v12M7 8l5-5 5 5M5 12v8h14v-8" fill="none" stroke="currentColor" stroke-width="2" />
        </svg>
        , then Add to Home Screen.
      </p>
    </Show>
  );
}
