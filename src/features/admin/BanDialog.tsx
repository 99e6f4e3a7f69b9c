// Confirms a ban and asks for its reason (required; the banned person sees it).
import { createEffect, createSignal, Show } from "solid-js";
import { Dialog } from "../../ui/Dialog";

const REASON_MAX = 500;

export function BanDialog(props: {
  person: { displayName: string; username: string } | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal("");
  createEffect(() => {
    if (props.person) {
      setReason("");
      setError("");
    }
  });
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (!reason().trim()) {
      setError("Say why: the person sees this reason.");
      return;
    }
    props.onConfirm(reason().trim());
  };
  return (
    <Dialog
      open={props.person !== null}
      title={`Ban ${props.person?.displayName ?? ""}?`}
      onClose={() => props.onCancel()}
    >
      <form onSubmit={submit} novalidate>
        <p>
          @{props.person?.username} will no longer be able to whisper, post or change anything. You can lift the ban
          later.
        </p>
        <div class="field">
          <label for="ban-reason">Reason</label>
          <textarea
            id="ban-reason"
            rows={3}
            maxLength={REASON_MAX}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? "ban-reason-error" : undefined}
          />
          <Show when={error()}>
            <span id="ban-reason-error" class="error-text" role="alert">
              {error()}
            </span>
          </Show>
        </div>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onCancel()}>
            Cancel
          </button>
          <button type="submit" class="btn btn-danger">
            Ban
          </button>
        </div>
      </form>
    </Dialog>
  );
}
