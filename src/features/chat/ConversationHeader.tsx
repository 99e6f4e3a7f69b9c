// The conversation's top bar: who (or "Someone"), status, and the actions menu (pin, archive, close, unmask, friend, block; block this sender).
import { A } from "@solidjs/router";
import { createMemo, For } from "solid-js";
import type { ConversationListItem } from "../../db/queries";
import type { LocalFriend } from "../../db/types";
import * as actions from "../../actions";
import { Avatar } from "../../ui/Avatar";
import type { FeatureName } from "../../app/data/flags";
import { Icon } from "../../ui/Icon";
import { Menu, type MenuItem } from "../../ui/Menu";
import { toastOutcome } from "../../ui/Toasts";
import { conversationStatusNote, counterpartName, realName, viewerIsHidden } from "../inbox/names";
import { canBlockSender, unblockSender } from "./BlockSender";

export function ConversationHeader(props: {
  conversation: ConversationListItem;
  friend?: LocalFriend;
  canRequestUnmask: boolean;
  enabled: (name: FeatureName) => boolean;
  /** A masked mystery conversation only (BlockSender.tsx). */
  onBlockSender: () => void;
}) {
  const c = () => props.conversation;
  const name = () => counterpartName(c());
  const items = createMemo(() => {
    const conversation = c();
    const list: MenuItem[] = [
      conversation.isPinned
        ? { label: "Unpin", icon: "pin", onSelect: () => void toastOutcome(actions.setPinned(conversation.id, false)) }
        : { label: "Pin", icon: "pin", onSelect: () => void toastOutcome(actions.setPinned(conversation.id, true), "Pinned to the top.") },
      conversation.isArchived
        ? { label: "Unarchive", icon: "archive", onSelect: () => void toastOutcome(actions.setArchived(conversation.id, false)) }
        : { label: "Archive", icon: "archive", onSelect: () => void toastOutcome(actions.setArchived(conversation.id, true), "Archived.") },
      conversation.status === "closed"
        ? { label: "Reopen conversation", icon: "chat", onSelect: () => void toastOutcome(actions.reopenConversation(conversation.id)) }
        : { label: "Close conversation", icon: "close", onSelect: () => void toastOutcome(actions.closeConversation(conversation.id), "Conversation closed.") },
    ];
    if (props.enabled("UNMASKING") && props.canRequestUnmask) {
      list.push({ label: "Request unmasking", icon: "mask", onSelect: () => void toastOutcome(actions.requestUnmasking(conversation.id), "Unmasking requested.") });
    }
    if (canBlockSender(conversation)) {
      if (conversation.blockedByViewer) list.push({ label: "Unblock this sender", icon: "block", onSelect: () => unblockSender(conversation.id) });
      else list.push({ label: "Block this sender", icon: "block", danger: true, onSelect: () => props.onBlockSender() });
    }
    const other = conversation.counterpartId;
    if (other && !conversation.counterpartHidden) {
      const status = props.friend?.status;
      if (!status || status === "none") list.push({ label: "Add friend", icon: "friends", onSelect: () => void toastOutcome(actions.requestFriend(other), "Friend request sent.") });
      if (status === "blocked") list.push({ label: "Unblock", icon: "block", onSelect: () => void toastOutcome(actions.unblockUser(other), "Unblocked.") });
      else list.push({ label: "Block", icon: "block", danger: true, onSelect: () => void toastOutcome(actions.blockUser(other), `${name()} can't whisper you any more.`) });
    }
    return list;
  });
  /** Real names once unmasked, where the conversation stands (if that needs saying), the mystery state. */
  const subtitle = () => {
    const conversation = c();
    const parts: { text: string; class?: string }[] = [];
    const names = realName(conversation.counterpart);
    if (names) parts.push({ text: names });
    const note = conversationStatusNote(conversation);
    if (note) parts.push({ text: note, class: `status-tag status-${conversation.status}` });
    if (conversation.isMystery) {
      parts.push({ text: viewerIsHidden(conversation) ? "You're whispering as Someone" : conversation.counterpartHidden ? "Mystery" : "Unmasked" });
    }
    return parts;
  };
  return (
    <header class="chat-head">
      <A href={c().isArchived ? "/archived" : "/"} class="icon-btn chat-back" aria-label="Back to whispers" title="Back">
        <Icon name="back" />
      </A>
      <Avatar id={c().counterpartId} name={name()} hidden={c().counterpartHidden} size={40} />
      <div class="chat-title">
        <h1>
          <bdi>{name()}</bdi>
        </h1>
        <p class="chat-sub">
          <For each={subtitle()}>
            {(part, i) => (
              <>
                {i() > 0 ? " · " : ""}
                <bdi class={part.class}>{part.text}</bdi>
              </>
            )}
          </For>
        </p>
      </div>
      <Menu label="Conversation actions" items={items()} />
    </header>
  );
}
