// Reaction chips under a whisper (count, who, toggle) and the quick emoji picker.
import { createMemo, createSignal, For, Show } from "solid-js";
import type { LocalWhisper } from "../../db/types";
import * as actions from "../../actions";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";
import { errorText } from "../../ui/format";
import { describeGroup, groupReactions, QUICK_REACTIONS } from "./reactions";

async function toggle(whisperId: string, emoji: string) {
  try {
    await actions.toggleReaction(whisperId, emoji);
  } catch (error) {
    toast(errorText(error), "error");
  }
}

export function ReactionChips(props: { whisper: LocalWhisper; nameOf: (id: string) => string | undefined; viewerId?: string }) {
  const groups = createMemo(() => groupReactions(props.whisper.reactions, props.nameOf, props.viewerId));
  return (
    <Show when={groups().length > 0}>
      <ul class="reactions" aria-label="Reactions">
        <For each={groups()}>
          {(group) => (
            <li>
              <button
                type="button"
                class="reaction"
                classList={{ "reaction-mine": group.mine }}
                aria-pressed={group.mine}
                aria-label={describeGroup(group)}
                title={describeGroup(group)}
                onClick={() => void toggle(props.whisper.id, group.emoji)}
              >
                <span aria-hidden="true">{group.emoji}</span>
                <span class="reaction-count">{group.count}</span>
              </button>
            </li>
          )}
        </For>
      </ul>
    </Show>
  );
}

export function ReactionPicker(props: { whisper: LocalWhisper; viewerId?: string }) {
  const [open, setOpen] = createSignal(false);
  const mine = (emoji: string) => props.whisper.reactions.some((r) => r.emoji === emoji && (r.fromViewer || (props.viewerId && r.userId === props.viewerId)));
  let trigger: HTMLButtonElement | undefined;
  return (
    <div class="picker-wrap">
      <button
        ref={trigger}
        type="button"
        class="icon-btn icon-btn-small"
        aria-label="React"
        title="React"
        aria-expanded={open()}
        onClick={() => setOpen(!open())}
      >
        <Icon name="smile" size={18} />
      </button>
      <Show when={open()}>
        <div
          class="picker"
          role="group"
          aria-label="Choose a reaction"
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              setOpen(false);
              trigger?.focus();
            }
          }}
        >
          <For each={QUICK_REACTIONS}>
            {(emoji) => (
              <button
                type="button"
                class="picker-emoji"
                aria-label={`React with ${emoji}`}
                aria-pressed={!!mine(emoji)}
                onClick={() => {
                  setOpen(false);
                  void toggle(props.whisper.id, emoji);
                  trigger?.focus();
                }}
              >
                {emoji}
              </button>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
