// One person on the Friends screen with the actions their relationship allows.
import { useNavigate } from "@solidjs/router";
import { Match, Show, Switch } from "solid-js";
import type { LocalFriend, LocalProfile } from "../../db/types";
import * as actions from "../../actions";
import { Avatar } from "../../ui/Avatar";
import { errorText } from "../../ui/format";
import { Menu } from "../../ui/Menu";
import { toast, toastOutcome } from "../../ui/Toasts";
import { realName } from "../inbox/names";

export type FriendItem = LocalFriend & { profile?: LocalProfile; direction?: unknown };

export function friendName(f: FriendItem): string {
  return f.profile?.displayName || f.profile?.username || "Someone you know";
}

export function FriendRow(props: { friend: FriendItem }) {
  const navigate = useNavigate();
  const f = () => props.friend;
  const id = () => f().otherUserId;
  const name = () => friendName(f());
  const incoming = () => f().direction === "incoming";
  const whisper = async () => {
    const p = f().profile;
    if (!p) return;
    try {
      navigate(`/c/${await actions.openConversationWith({ ...p, _id: id() })}`);
    } catch (error) {
      toast(errorText(error), "error");
    }
  };
  return (
    <li class="person-row" classList={{ "row-pending": f().syncState === "pending" }}>
      <Avatar id={id()} name={name()} size={44} />
      <div class="person-main">
        <span class="person-name" dir="auto">
          {name()}
        </span>
        <span class="person-sub">
          <Show when={f().profile?.username}>@{f().profile!.username}</Show>
          <Show when={realName(f().profile)}>{(n) => <> · <bdi>{n()}</bdi></>}</Show>
          <Show when={f().syncState === "pending"}> · waiting to sync</Show>
        </span>
        <Show when={f().syncState === "failed"}>
          <span class="error-text">{f().syncError}</span>
        </Show>
      </div>
      <div class="row-actions">
        <Switch>
          <Match when={f().status === "pending" && incoming()}>
            <button type="button" class="btn btn-small btn-primary" onClick={() => void toastOutcome(actions.acceptFriend(id()), `You and ${name()} are friends.`)}>
              Accept<span class="visually-hidden"> {name()}</span>
            </button>
            <button type="button" class="btn btn-small" onClick={() => void toastOutcome(actions.declineFriend(id()), "Request declined.")}>
              Decline<span class="visually-hidden"> {name()}</span>
            </button>
          </Match>
          <Match when={f().status === "pending"}>
            <button type="button" class="btn btn-small" onClick={() => void toastOutcome(actions.removeFriend(id()), "Request withdrawn.")}>
              Cancel request<span class="visually-hidden"> to {name()}</span>
            </button>
          </Match>
          <Match when={f().status === "accepted"}>
            <button type="button" class="btn btn-small" disabled={!f().profile} onClick={() => void whisper()}>
              Whisper<span class="visually-hidden"> {name()}</span>
            </button>
          </Match>
          <Match when={f().status === "blocked"}>
            <button type="button" class="btn btn-small" onClick={() => void toastOutcome(actions.unblockUser(id()), `${name()} is unblocked.`)}>
              Unblock<span class="visually-hidden"> {name()}</span>
            </button>
          </Match>
        </Switch>
        <Show when={f().status !== "blocked"}>
          <Menu
            label={`More for ${name()}`}
            items={[
              ...(f().status === "accepted" ? [{ label: "Remove friend", icon: "close" as const, onSelect: () => void toastOutcome(actions.removeFriend(id()), "Removed from your friends.") }] : []),
              { label: "Block", icon: "block", danger: true, onSelect: () => void toastOutcome(actions.blockUser(id()), `${name()} can't whisper you any more.`) },
            ]}
          />
        </Show>
      </div>
    </li>
  );
}
