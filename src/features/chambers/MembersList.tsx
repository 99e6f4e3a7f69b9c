// The chamber's members by alias (nobody's identity); the creator can remove members after confirming.
import { createSignal, For, Show } from "solid-js";
import { chamberMembers } from "../../db/queries";
import type { LocalDoc } from "../../db/types";
import * as actions from "../../actions";
import { Dialog } from "../../ui/Dialog";
import { createLive } from "../../app/data/liveQuery";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import { toast } from "../../ui/Toasts";

export function MembersList(props: { chamberId: string; isCreator: boolean }) {
  const members = createLive(() => chamberMembers(props.chamberId));
  const sorted = () =>
    [...(members() ?? [])].sort(
      (a, b) => Number(b.isYou === true) - Number(a.isYou === true) || Number(a.joinedAt) - Number(b.joinedAt),
    );
  const [removing, setRemoving] = createSignal<LocalDoc | null>(null);
  const confirmRemove = async () => {
    const member = removing();
    setRemoving(null);
    if (!member) return;
    try {
      await actions.removeChamberMember(props.chamberId, member.id);
      toast(`${String(member.alias)} was removed.`);
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not remove the member.", "error");
    }
  };
  return (
    <section class="members-panel" aria-labelledby="members-title">
      <h2 id="members-title" class="chamber-side-title">
        Members
      </h2>
      <ul class="members-list">
        <For each={sorted()}>
          {(m) => (
            <li class="member-row">
              <span class="member-alias">
                {String(m.alias ?? "Someone")}
                <Show when={m.isYou === true}>
                  <span class="badge badge-brand">You</span>
                </Show>
              </span>
              <Show when={props.isCreator && m.isYou !== true}>
                <button
                  type="button"
                  class="btn btn-small btn-danger"
                  aria-label={`Remove ${String(m.alias)}`}
                  onClick={() => setRemoving(m)}
                >
                  Remove
                </button>
              </Show>
              <RowSyncNote row={m} what={`removal of ${String(m.alias)}`} />
            </li>
          )}
        </For>
      </ul>
      <Dialog open={removing() !== null} title="Remove this member?" onClose={() => setRemoving(null)}>
        <p>{String(removing()?.alias ?? "")} will leave the chamber and can't join it again.</p>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => setRemoving(null)}>
            Cancel
          </button>
          <button type="button" class="btn btn-danger" onClick={confirmRemove}>
            Remove member
          </button>
        </div>
      </Dialog>
    </section>
  );
}
