// The list of conversations (pinned first, then recent) from IndexedDB; used by the list screen and the desktop sidebar.
import { Show } from "solid-js";
import { conversationList } from "../../db/queries";
import { EmptyState } from "../../ui/EmptyState";
import { KeyedFor } from "../../ui/KeyedFor";
import { createLive } from "../../ui/liveQuery";
import { ConversationRow } from "./ConversationRow";

export function ConversationItems(props: { archived?: boolean; currentId?: string; compact?: boolean; label?: string }) {
  const list = createLive(() => conversationList(props.archived === true));
  return (
    <Show when={list.loaded()}>
      <Show
        when={(list() ?? []).length > 0}
        fallback={
          <EmptyState icon={props.archived ? "archive" : "chat"} title={props.archived ? "Nothing archived" : "No whispers yet"}>
            <p class="hint">{props.archived ? "Archived conversations wait here." : "Start one with New whisper: find someone by their username."}</p>
          </EmptyState>
        }
      >
        <ul class="conv-list" aria-label={props.label ?? (props.archived ? "Archived conversations" : "Conversations")}>
          {/* matchKey (person + kind) survives a conversation started here getting its server id. */}
          <KeyedFor each={list()} by={(c) => c.matchKey ?? c.id}>
            {(c) => <ConversationRow conversation={c()} current={c().id === props.currentId} compact={props.compact} />}
          </KeyedFor>
        </ul>
      </Show>
    </Show>
  );
}
