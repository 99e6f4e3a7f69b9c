// The list of conversations (pinned first, then recent) from IndexedDB; used by the list screen and the desktop sidebar.
import { createEffect, createMemo, createSignal, onCleanup, Show } from "solid-js";
import { releaseListSnapshot, scheduleListSnapshot } from "../../app/listSnapshot";
import { conversationList, LIST_FIRST_PAGE } from "../../db/queries";
import { EmptyState } from "../../ui/EmptyState";
import { KeyedFor } from "../../ui/KeyedFor";
import { createLive } from "../../app/data/liveQuery";
import { ConversationRow } from "./ConversationRow";

/** Rows rendered in the first frame: a screenful (the list's first read returns as many). */
const FIRST_ROWS = LIST_FIRST_PAGE;
/** Rows added per frame after that: small steps keep every task short (input, a reload, stay quick). */
const MORE_ROWS = 12;

/**
 * How many of `total` rows to render: a screenful at first (so the list paints at once, even
 * with hundreds of conversations), then MORE_ROWS per frame until all are there. A hidden
 * page gets no animation frames, so it continues on a timer.
 */
function createProgressiveLimit(total: () => number) {
  const [limit, setLimit] = createSignal(FIRST_ROWS);
  createEffect(() => {
    if (limit() >= total()) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const more = () => (timer = setTimeout(() => setLimit((n) => n + MORE_ROWS)));
    const frame = document.hidden ? (more(), 0) : requestAnimationFrame(more);
    onCleanup(() => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    });
  });
  return limit;
}

export function ConversationItems(props: { archived?: boolean; currentId?: string; compact?: boolean; label?: string }) {
  const list = createLive(() => conversationList(props.archived === true));
  const limit = createProgressiveLimit(() => list()?.length ?? 0);
  const rows = () => {
    const all = list() ?? [];
    return all.length > limit() ? all.slice(0, limit()) : all;
  };
  // The real rows are in the DOM (effects run after rendering): the start-up snapshot gives way in
  // this same task, and the inbox is copied again for the next cold start once it settles.
  createEffect(() => {
    if (!list.loaded()) return;
    rows();
    releaseListSnapshot();
    if (!props.archived && !props.compact) scheduleListSnapshot();
  });
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
          <KeyedFor each={rows()} by={(c) => c.matchKey ?? c.id}>
            {(c) => {
              // Each new list (every live query update, every frame while rows are added) passes
              // its rows again: a row whose object is unchanged does no work.
              const conversation = createMemo(c);
              return <ConversationRow conversation={conversation()} current={conversation().id === props.currentId} compact={props.compact} />;
            }}
          </KeyedFor>
        </ul>
      </Show>
    </Show>
  );
}
