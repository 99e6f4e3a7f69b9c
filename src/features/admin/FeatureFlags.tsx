// Feature flags on/off: switches that take effect on every client at once (clients get flags through the sync feed).
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../convex/_generated/api";
import { createSignal, For, Show } from "solid-js";
import { errorText } from "../../app/data/errorText";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { adminCall } from "./adminCall";

type Flag = FunctionReturnType<typeof api.featureFlags.list>[number];

export function FeatureFlags() {
  const flags = createRemoteWatch(api.featureFlags.list, () => ({}));
  const [busy, setBusy] = createSignal<string | null>(null);
  const toggle = async (flag: Flag) => {
    setBusy(flag.name);
    await adminCall(
      api.featureFlags.set,
      { name: flag.name, enabled: !flag.enabled },
      `${flag.label} turned ${flag.enabled ? "off" : "on"} for everyone.`,
    );
    setBusy(null);
  };
  return (
    <section class="card admin-card" aria-labelledby="flags-title">
      <h2 id="flags-title">Feature flags</h2>
      <p class="hint">A switched-off feature disappears from every app at once and the server refuses it.</p>
      <Show when={flags.error()}>
        <p class="error-text" role="alert">
          {errorText(flags.error())}
        </p>
      </Show>
      <ul class="flag-list">
        <For each={flags.value() ?? []}>
          {(flag) => (
            <li class="flag-row">
              <span class="flag-label" id={`flag-${flag.name}`}>
                {flag.label}
                <span class="hint flag-state">{flag.enabled ? "On" : "Off"}</span>
              </span>
              <button
                type="button"
                role="switch"
                class="switch"
                aria-checked={flag.enabled}
                aria-labelledby={`flag-${flag.name}`}
                disabled={!isOnline() || busy() === flag.name}
                onClick={() => toggle(flag)}
              >
                <span class="switch-thumb" aria-hidden="true" />
              </button>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
