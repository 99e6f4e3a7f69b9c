// Shown instead of the app when the server refuses the account for good: banned (with the reason) or erased.
import { api } from "../../convex/_generated/api";
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, Show } from "solid-js";
import type { AccountRefusal } from "../session/session";
import { remoteQuery } from "../sync/remote";
import { toast } from "../ui/Toasts";
import { currentSession, forgetThisDevice, signOutHere } from "./sessionState";

export function AccountRefused(props: { refusal: AccountRefusal }) {
  const navigate = useNavigate();
  const [checking, setChecking] = createSignal(false);
  const banned = () => props.refusal.code === "BANNED";
  // An erased account's own row says whether the erasure's batches are still running on the server.
  const [me] = createResource(async () =>
    banned() ? null : await remoteQuery(api.users.me, {}, 8000).catch(() => null),
  );
  const tryAgain = async () => {
    setChecking(true);
    try {
      await currentSession()?.retrySignIn();
      if (currentSession()?.refusal()) toast("Still refused by the server.", "error");
    } finally {
      setChecking(false);
    }
  };
  const leave = async (forget: boolean) => {
    await (forget ? forgetThisDevice() : signOutHere());
    navigate("/signin", { replace: true });
  };
  return (
    <main class="account-refused" aria-labelledby="refused-title">
      <h1 id="refused-title">{banned() ? "Your account is banned" : "This account was deleted"}</h1>
      <p role="alert">{props.refusal.message}</p>
      <p class="hint">
        {banned()
          ? "Nothing you write is sent while the ban lasts. Whispers on this device stay here."
          : me()?.erasing
            ? "Its data is being erased from the server; that finishes by itself within minutes. You can remove what is left on this device."
            : "Its data was erased from the server. You can remove what is left on this device."}
      </p>
      <div class="account-refused-actions">
        <Show when={banned()}>
          <button type="button" class="btn" disabled={checking()} onClick={() => void tryAgain()}>
            Try again
          </button>
          <button type="button" class="btn" onClick={() => void leave(false)}>
            Sign out
          </button>
        </Show>
        <button type="button" class={banned() ? "btn" : "btn btn-primary"} onClick={() => void leave(true)}>
          Remove this device's data
        </button>
      </div>
    </main>
  );
}
