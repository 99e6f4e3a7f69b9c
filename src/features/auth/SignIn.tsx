// Sign-in: Clerk's when configured (loaded lazily), else the local backend's dev sign-in with the demo accounts.
import { useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { signInAs } from "../../app/session";
import { authMode } from "../../platform/auth";
import { demoUsernames } from "./demoAccounts";
import { ClerkSignIn } from "./ClerkSignIn";

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

function DevSignIn() {
  const navigate = useNavigate();
  const [username, setUsername] = createSignal("");
  const [error, setError] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [demo] = createResource(() => demoUsernames().catch(() => [] as string[]));

  async function submit(name: string) {
    if (!name.trim()) return setError("Enter a username.");
    setBusy(true);
    setError("");
    try {
      await signInAs(name.trim());
      navigate("/", { replace: true });
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
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
          value={username()}
          onInput={(e) => setUsername(e.currentTarget.value)}
          aria-describedby="signin-error"
        />
        <p id="signin-error" class="error-text" role="alert">
          {error()}
        </p>
      </div>
      <button type="submit" class="btn btn-primary" disabled={busy()}>
        Sign in
      </button>
      <Show when={(demo() ?? []).length > 0}>
        <p class="hint">Demo accounts on this local backend:</p>
        <ul class="demo-list">
          <For each={demo()}>
            {(name) => (
              <li>
                <button type="button" class="btn" disabled={busy()} onClick={() => void submit(name)}>
                  {name}
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </form>
  );
}
