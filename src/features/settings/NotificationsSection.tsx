// Notifications (Web Push from src/pwa, turned on per device) and installing the app.
import { createSignal, Show } from "solid-js";
import { currentSession } from "../../app/sessionState";
import { disablePush, enablePush, InstallButton, IosInstallHint, isPushEnabled, pushAvailability, PUSH_MESSAGES, remotePushCall } from "../../pwa";

export function NotificationsSection() {
  const account = () => currentSession()?.viewer.userKey;
  const availability = pushAvailability();
  const [on, setOn] = createSignal(isPushEnabled({ account: account() }));
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal(availability === "available" ? "" : PUSH_MESSAGES[availability]);

  let input: HTMLInputElement | undefined;
  const toggle = async (wanted: boolean) => {
    setBusy(true);
    setMessage("");
    try {
      if (wanted) {
        const result = await enablePush(remotePushCall, { account: account() });
        setOn(result.ok);
        if (!result.ok) setMessage(result.message);
      } else {
        await disablePush(remotePushCall, { account: account() });
        setOn(false);
      }
    } catch (error) {
      setMessage(error instanceof Error ? error.message : PUSH_MESSAGES.failed);
      setOn(isPushEnabled({ account: account() }));
    } finally {
      setBusy(false);
      // Set by hand: when turning on failed the signal did not change, so nothing else would flip the box back.
      if (input) input.checked = on();
    }
  };

  return (
    <>
      <label class="check switch setting-switch">
        <input
          ref={input}
          type="checkbox"
          role="switch"
          checked={on()}
          disabled={busy() || availability !== "available"}
          onChange={(e) => void toggle(e.currentTarget.checked)}
          aria-describedby="push-message"
        />
        <span class="switch-track" aria-hidden="true" />
        Notify me about new whispers on this device
      </label>
      <p id="push-message" class="hint" role="status">
        {message() || (on() ? "On for this device." : "")}
      </p>
      <div class="setting-actions">
        <InstallButton class="btn" label="Install Whispers" />
      </div>
      <IosInstallHint class="hint" />
      <Show when={availability === "unsupported"}>
        <p class="hint">Whispers still works offline in this browser; you'll see new whispers when you open it.</p>
      </Show>
    </>
  );
}
