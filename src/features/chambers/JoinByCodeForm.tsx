// "Have an invite?": paste a code or an invite link to join a chamber (works offline: joins when back online).
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { codeFromInput } from "./invite";

export function JoinByCodeForm() {
  const navigate = useNavigate();
  const [text, setText] = createSignal("");
  const [error, setError] = createSignal("");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const code = codeFromInput(text());
    if (!code) {
      setError("That doesn't look like an invite code or link.");
      return;
    }
    setError("");
    navigate(`/join/${encodeURIComponent(code)}`);
  };
  return (
    <form class="card chamber-join-form" onSubmit={submit} aria-labelledby="join-code-title">
      <h2 id="join-code-title">Join with an invite</h2>
      <div class="inline-form">
        <div class="field">
          <label for="join-code">Invite code or link</label>
          <input
            id="join-code"
            autocomplete="off"
            spellcheck={false}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? "join-code-error" : undefined}
          />
        </div>
        <button type="submit" class="btn btn-primary">
          Join
        </button>
      </div>
      <Show when={error()}>
        <p id="join-code-error" class="error-text" role="alert">
          {error()}
        </p>
      </Show>
    </form>
  );
}
