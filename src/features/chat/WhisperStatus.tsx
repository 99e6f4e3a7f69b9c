// A whisper's delivery badge and, on failure, the reason with Retry / Discard.
import { Show } from "solid-js";
import { failedEntryFor } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";
import * as actions from "../../actions";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { toast } from "../../ui/Toasts";
import { STATE_ICON, STATE_LABEL, type WhisperState } from "./whisperState";

export function StateBadge(props: { state: WhisperState }) {
  return (
    <span class={`state state-${props.state}`}>
      <Icon name={STATE_ICON[props.state]} size={14} />
      {STATE_LABEL[props.state]}
    </span>
  );
}

export function FailedBar(props: { whisper: Pick<LocalWhisper, "id" | "syncError"> }) {
  const entry = createLive(() => failedEntryFor(props.whisper.id));
  const run = async (what: "retry" | "discard") => {
    const id = entry()?.id;
    if (!id) return;
    const done = what === "retry" ? await actions.retry(id) : await actions.discard(id);
    if (!done) toast(what === "retry" ? "This whisper could not be retried." : "This whisper is being sent right now.", "error");
  };
  return (
    <div class="failed-bar" role="group" aria-label="Not sent">
      <p class="failed-reason">
        <Icon name="alert" size={14} />
        <span>Failed: {props.whisper.syncError ?? entry()?.error?.message ?? "The server refused this change."}</span>
      </p>
      <div class="failed-actions">
        <button type="button" class="btn btn-small" disabled={!entry()} onClick={() => void run("retry")}>
          <Icon name="retry" size={16} />
          Retry
        </button>
        <button type="button" class="btn btn-small btn-danger" disabled={!entry()} onClick={() => void run("discard")}>
          <Icon name="trash" size={16} />
          Discard
        </button>
      </div>
    </div>
  );
}

/** Only failed rows subscribe to the outbox. */
export function FailureIfAny(props: { whisper: LocalWhisper }) {
  return (
    <Show when={props.whisper.syncState === "failed"}>
      <FailedBar whisper={props.whisper} />
    </Show>
  );
}
