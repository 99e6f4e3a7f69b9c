// The room's messages by alias, oldest first; own ones show pending/failed with Retry/Discard.
import { createEffect, For, on, Show } from "solid-js";
import { chamberMessages } from "../../db/queries";
import type { LocalChamberMessage } from "../../db/types";
import { EmptyState } from "../../ui/EmptyState";
import { createLive } from "../../app/data/liveQuery";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import { formatTime } from "../../ui/format";


export function ChamberMessages(props: { chamberId: string }) {
  const messages = createLive(() => chamberMessages(props.chamberId));
  let list: HTMLDivElement | undefined;
  createEffect(
    on(
      () => messages()?.length,
      () => {
        // Keep the newest message in view (the list scrolls itself).
        if (list) list.scrollTop = list.scrollHeight;
      },
    ),
  );
  return (
    <div class="chamber-messages" ref={list} role="log" aria-label="Messages" tabindex="0">
      <Show
        when={(messages()?.length ?? 0) > 0}
        fallback={
          <EmptyState icon="chat" title="No messages yet">
            Say hello: nobody sees who you are.
          </EmptyState>
        }
      >
        <ol class="chamber-message-list">
          <For each={messages() as LocalChamberMessage[]}>
            {(m) => (
              <li
                class="chamber-message"
                classList={{ mine: m.fromYou === true, failed: m.syncState === "failed" }}
                data-testid="chamber-message"
              >
                <p class="chamber-message-meta">
                  <span class="chamber-message-alias">{m.fromYou ? "You" : String(m.alias ?? "Someone")}</span>
                  <time datetime={new Date(m.sortKey).toISOString()}>{formatTime(m.sortKey)}</time>
                </p>
                <Show
                  when={(m as { hiddenBecauseBlocked?: boolean }).hiddenBecauseBlocked !== true}
                  fallback={<p class="chamber-message-text hidden-text">Hidden: one of you blocked the other.</p>}
                >
                  <p class="chamber-message-text" dir="auto">
                    {m.content}
                  </p>
                </Show>
                <RowSyncNote row={m} what="message" />
              </li>
            )}
          </For>
        </ol>
      </Show>
    </div>
  );
}
