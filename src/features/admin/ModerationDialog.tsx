// Confirms a ban or an erasure (GDPR) of someone's account and asks for the reason (required; the person sees it).
import { createEffect, createSignal, Show } from "solid-js";
import { Dialog } from "../../ui/Dialog";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { REASON_MAX } from "./requests";

export type Moderation = "ban" | "erase";

export type ModerationTarget = { kind: Moderation; displayName: string; username: string };

const TEXT: Record<Moderation, { title: (name: string) => string; consequence: (username: string) => string; confirm: string }> = {
  ban: {
    title: (name) => `Ban ${name}?`,
    consequence: (username) => `@${username} will no longer be able to whisper, post or change anything. You can lift the ban later.`,
    confirm: "Ban",
  },
  erase: {
    title: (name) => `Erase ${name}'s account?`,
    consequence: (username) =>
      `@${username}'s profile, whispers, pictures, voice notes, mood journal, friends, chambers and skills are erased, and the account is closed for good. This can't be undone.`,
    confirm: "Erase account",
  },
};

export function ModerationDialog(props: {
  target: ModerationTarget | null;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = createSignal("");
  const [typed, setTyped] = createSignal("");
  const [error, setError] = createSignal("");
  const [mismatch, setMismatch] = createSignal("");
  createEffect(() => {
    if (props.target) {
      setReason("");
      setTyped("");
      setError("");
      setMismatch("");
    }
  });
  const tooLong = () => overLimit(reason(), REASON_MAX);
  const kind = () => props.target?.kind ?? "ban";
  const text = () => TEXT[kind()];
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const target = props.target;
    if (!target || tooLong()) return;
    const missingReason = reason().trim() ? "" : "Say why: the person sees this reason.";
    // An erasure can't be undone: the admin types the username, so a slip of the mouse erases nobody.
    const confirmed = target.kind !== "erase" || typed().trim().replace(/^@/, "").toLowerCase() === target.username.toLowerCase();
    const notConfirmed = confirmed ? "" : `Type ${target.username} to confirm.`;
    setError(missingReason);
    setMismatch(notConfirmed);
    if (!missingReason && !notConfirmed) props.onConfirm(reason().trim());
  };
  return (
    <Dialog open={props.target != null} title={text().title(props.target?.displayName ?? "")} onClose={() => props.onCancel()}>
      <form onSubmit={submit} novalidate>
        <p>{text().consequence(props.target?.username ?? "")}</p>
        <div class="field">
          <label for="moderation-reason">Reason</label>
          <textarea
            id="moderation-reason"
            dir="auto"
            rows={3}
            value={reason()}
            onInput={(e) => setReason(e.currentTarget.value)}
            aria-invalid={error() || tooLong() ? "true" : undefined}
            aria-describedby={error() ? "moderation-reason-error moderation-reason-length" : "moderation-reason-length"}
          />
          <LengthLimit id="moderation-reason-length" value={reason()} max={REASON_MAX} action="save" />
          <Show when={error()}>
            <span id="moderation-reason-error" class="error-text" role="alert">
              {error()}
            </span>
          </Show>
        </div>
        <Show when={kind() === "erase"}>
          <div class="field">
            <label for="moderation-confirm">Type {props.target?.username} to confirm</label>
            <input
              id="moderation-confirm"
              autocomplete="off"
              autocapitalize="none"
              spellcheck={false}
              value={typed()}
              onInput={(e) => setTyped(e.currentTarget.value)}
              aria-invalid={mismatch() ? "true" : undefined}
              aria-describedby={mismatch() ? "moderation-confirm-error" : undefined}
            />
            <Show when={mismatch()}>
              <span id="moderation-confirm-error" class="error-text" role="alert">
                {mismatch()}
              </span>
            </Show>
          </div>
        </Show>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onCancel()}>
            Cancel
          </button>
          <button type="submit" class="btn btn-danger" disabled={tooLong()} aria-describedby="moderation-reason-length">
            {text().confirm}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
