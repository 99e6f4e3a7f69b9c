// One row of the conversation list: avatar (a mask for "Someone"), name, last whisper, time, status, unread count, actions.
import { createMemo, Show } from "solid-js";
import type { ConversationListItem } from "../../db/queries";
import * as actions from "../../actions";
import { Avatar } from "../../ui/Avatar";
import { errorText, formatListTime } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { Menu, type MenuItem } from "../../ui/Menu";
import { toast } from "../../ui/Toasts";
import { conversationStatusNote, counterpartName, viewerIsHidden } from "./names";

function act(what: () => Promise<unknown>) {
  void what().catch((error: unknown) => toast(errorText(error), "error"));
}

export function ConversationRow(props: { conversation: ConversationListItem; current?: boolean; compact?: boolean }) {
  const c = () => props.conversation;
  const name = () => counterpartName(c());
  const preview = () => c().lastWhisperPreview || (c().status === "initiated" ? "New conversation" : "");
  const items = createMemo((): MenuItem[] => {
    const { id, isPinned, isArchived, status } = c();
    return [
      { label: isPinned ? "Unpin" : "Pin", icon: "pin", onSelect: () => act(() => actions.setPinned(id, !isPinned)) },
      { label: isArchived ? "Unarchive" : "Archive", icon: "archive", onSelect: () => act(() => actions.setArchived(id, !isArchived)) },
      status === "closed"
        ? { label: "Reopen", icon: "chat", onSelect: () => act(() => actions.reopenConversation(id)) }
        : { label: "Close", icon: "close", onSelect: () => act(() => actions.closeConversation(id)) },
    ];
  });
  return (
    <li class="conv-row" classList={{ "conv-unread": c().unreadCount > 0, "conv-current": props.current, "conv-compact": props.compact }}>
      {/* A plain link (the router follows it): <A> costs a few reactive computations per row. */}
      <a href={`/c/${c().id}`} class="conv-link" aria-current={props.current ? "page" : undefined}>
        <Avatar id={c().counterpartId} name={name()} hidden={c().counterpartHidden} size={props.compact ? 40 : 48} />
        <span class="conv-main">
          <span class="conv-top">
            <span class="conv-name" dir="auto">
              {name()}
            </span>
            <Show when={viewerIsHidden(c())}>
              <span class="tag tag-mystery" title="You whisper as Someone here">
                <Icon name="mask" size={12} />
                as Someone
              </span>
            </Show>
            <Show when={c().isPinned}>
              <span class="conv-pin" title="Pinned">
                <Icon name="pin" size={14} />
                <span class="visually-hidden">Pinned</span>
              </span>
            </Show>
            <Show when={c().lastWhisperAt ?? c().lastActivityAt}>
              {(at) => <time class="conv-time" dateTime={new Date(at()).toISOString()}>{formatListTime(at())}</time>}
            </Show>
          </span>
          <span class="conv-bottom">
            {/* The preview's own direction decides (an Arabic whisper reads, and is cut, right to left); "You:" is isolated from it. */}
            <span class="conv-preview" dir="auto">
              <Show when={c().lastWhisperFromViewer && preview()}>
                <bdi>You: </bdi>
              </Show>
              {preview()}
            </span>
            <Show when={conversationStatusNote(c())}>
              {(note) => <span class={`status-tag status-${c().status}`}>{note()}</span>}
            </Show>
            <Show when={c().unreadCount > 0}>
              <span class="unread-badge">
                {c().unreadCount}
                <span class="visually-hidden"> unread</span>
              </span>
            </Show>
          </span>
        </span>
      </a>
      <Menu label={`Actions for the conversation with ${name()}`} items={items()} />
    </li>
  );
}
