// Sign-in: Clerk's when configured (loaded lazily), else the local backend's dev sign-in with the demo accounts.
import { api } from "../../../convex/_generated/api";
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { forgetThisDevice, signInAs } from "../../app/sessionState";
import { authMode } from "../../platform/auth";
import { remoteQuery } from "../../sync/remote";
import { Avatar } from "../../ui/Avatar";
import { errorText } from "../../ui/format";
import { demoAccounts, type DemoAccount } from "./demoAccounts";
import { ClerkSignIn } from "./ClerkSignIn";
import "./auth.css";

export default function SignIn() {
  return (
    <main class="auth-page">
      <div class="card auth-card">
        <h1 class="auth-title">Whispers</h1>
        <p class="hint">Anonymous, mood-aware whispers that work offline.</p>
        <Show when={authMode() === "dev"} fallback={<ClerkSignIn />}>
          <DevSignIn />
        </Show>
      </div>
    </main>
  );
}

async function accountRefusal(): Promise<string | null> {
  const me = await remoteQuery(api.users.me, {}, 8000).catch(() => null);
  if (me?.erasing) return "This account was deleted. Its data is being erased from the server (a few minutes for a long history), and the name can't sign in again.";
  if (me?.isDeleted) return "This account was deleted. Its data is gone and the name can't sign in again.";
  if (me?.isBanned) return "This account is banned. Contact the Whispers team if you think this is a mistake.";
  return null;
}

function DevSignIn() {
  const navigate = useNavigate();
  const [username, setUsername] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal<string | null>(null);
  const [demo] = createResource(() => demoAccounts().catch(() => [] as DemoAccount[]));

  async function submit(name: string) {
    if (!name.trim()) return setError("Enter a username.");
    setBusy(name.trim());
    setError("");
    try {
      await signInAs(name.trim());
      const refusal = await accountRefusal();
      if (refusal) {
        await forgetThisDevice();
        return setError(refusal);
      }
      navigate("/", { replace: true });
    } catch (err) {
      setError(navigator.onLine ? errorText(err) : "You're offline. Signing in the first time needs a connection.");
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      <form
        class="signin-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit(username());
        }}
      >
        <div class="field">
          <label for="signin-username">Username</label>
          <input
            id="signin-username"
            name="username"
            autocomplete="username"
            autocapitalize="none"
            spellcheck={false}
            value={username()}
            onInput={(e) => setUsername(e.currentTarget.value)}
            aria-describedby="signin-hint signin-error"
          />
          <p id="signin-hint" class="hint">
            Development sign-in: no password. A new name makes a new, empty account.
          </p>
          <p id="signin-error" class="error-text" role="alert">
            {error()}
          </p>
        </div>
        <button type="submit" class="btn btn-primary signin-submit" disabled={busy() !== null}>
          {busy() === username().trim() && busy() ? "Signing in…" : "Sign in"}
        </button>
      </form>
      <Show when={(demo() ?? []).length > 0}>
        <h2 class="section-title">Demo accounts</h2>
        <ul class="demo-list" aria-label="Demo accounts">
          <For each={demo()}>
            {(account) => (
              <li>
                <button
                  type="button"
                  class="demo-account"
                  disabled={busy() !== null}
                  aria-label={`Sign in as ${account.username}`}
                  onClick={() => void submit(account.username)}
                >
                  <Avatar id={account.username} name={account.name ?? account.username} size={36} />
                  <span class="demo-text">
                    <span class="demo-name">
                      {account.name ?? account.username}
                      <span class="demo-username"> @{account.username}</span>
                    </span>
                    <Show when={account.description}>
                      <span class="demo-description">{account.description}</span>
                    </Show>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </>
  );
}
