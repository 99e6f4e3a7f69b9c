// A row's sync state for lists outside the conversation view: "Sending…"/"Waiting", or the refusal with Retry and Discard.
import { Match, Show, Switch } from "solid-js";
import { failedEntryFor } from "../../db/queries";
import * as actions from "../../actions";
import { createLive } from "./liveQuery";
import { isOnline } from "../../ui/online";
import { toast } from "../../ui/Toasts";
import "../../ui/notices.css";

export type SyncedRow = { id: string; syncState?: string; syncError?: string };

/** `what` names the row in the buttons' accessible names ("message"). */
export function RowSyncNote(props: { row: SyncedRow; what: string }) {
  return (
    <Switch>
      <Match when={props.row.syncState === "pending"}>
        <span class="row-sync" role="status">
          {isOnline() ? "Sending…" : "Waiting for a connection"}
        </span>
      </Match>
      <Match when={props.row.syncState === "failed"}>
        <FailedNote row={props.row} what={props.what} />
      </Match>
    </Switch>
  );
}

function FailedNote(props: { row: SyncedRow; what: string }) {
  const entry = createLive(() => failedEntryFor(props.row.id));
  const retry = async () => {
    const e = entry();
    if (e) await actions.retry(e.id);
  };
  const discard = async () => {
    const e = entry();
    if (e && !(await actions.discard(e.id)))
      toast("That change is being sent right now; try again in a moment.", "error");
  };
  return (
    <span class="row-sync row-sync-failed" role="alert">
      <span>Not sent: {props.row.syncError ?? "the server refused this change."}</span>
      <Show when={entry()}>
        <button type="button" class="btn" onClick={retry} aria-label={`Retry ${props.what}`}>
          Retry
        </button>
        <button type="button" class="btn" onClick={discard} aria-label={`Discard ${props.what}`}>
          Discard
        </button>
      </Show>
    </span>
  );
}
