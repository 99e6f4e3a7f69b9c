// Friends (/friends): requests for you and from you, friends, blocked people; add someone by username.
import { api } from "../../../convex/_generated/api";
import { A } from "@solidjs/router";
import { createMemo, createSignal, Show } from "solid-js";
import * as actions from "../../actions";
import { OfflineError, remoteQuery } from "../../sync/remote";
import { EmptyState } from "../../ui/EmptyState";
import { KeyedFor } from "../../ui/KeyedFor";
import { errorText } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";
import { FriendRow, type FriendItem } from "./FriendRow";
import { createFriendRows } from "./remoteProfiles";
import "./friends.css";

function Group(props: { title: string; rows: FriendItem[] }) {
  return (
    <Show when={props.rows.length > 0}>
      <h2 class="section-title">
        {props.title} <span class="count">{props.rows.length}</span>
      </h2>
      <ul class="list-card" aria-label={props.title}>
        <KeyedFor each={props.rows} by={(f) => f.otherUserId}>
          {(f) => <FriendRow friend={f()} />}
        </KeyedFor>
      </ul>
    </Show>
  );
}

function AddFriend() {
  const [username, setUsername] = createSignal("");
  const [message, setMessage] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    const name = username().trim().replace(/^@/, "");
    if (!name) return setMessage("Enter a username.");
    setBusy(true);
    setMessage("");
    try {
      const person = await remoteQuery(api.users.findByUsername, { username: name });
      if (!person) return setMessage(`No one goes by “${name}”.`);
      await actions.requestFriend(person._id);
      setUsername("");
      toast(`Friend request sent to ${person.displayName}.`);
    } catch (error) {
      setMessage(error instanceof OfflineError ? "You're offline. Finding people needs a connection." : errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="form-inline add-friend" onSubmit={(e) => void add(e)}>
      <div class="field">
        <label for="friend-username">Add a friend by username</label>
        <input id="friend-username" autocomplete="off" autocapitalize="none" spellcheck={false} value={username()} onInput={(e) => setUsername(e.currentTarget.value)} aria-describedby="friend-message" />
      </div>
      <button type="submit" class="btn btn-primary" disabled={busy()}>
        Send request
      </button>
      <p id="friend-message" class="hint add-friend-message" role="status">
        {message()}
      </p>
    </form>
  );
}

export default function FriendsScreen() {
  const rows = createFriendRows();
  const groups = createMemo(() => {
    const all = rows() as FriendItem[];
    const by = (pred: (f: FriendItem) => boolean) => all.filter(pred);
    return {
      incoming: by((f) => f.status === "pending" && f.direction === "incoming"),
      outgoing: by((f) => f.status === "pending" && f.direction !== "incoming"),
      friends: by((f) => f.status === "accepted"),
      blocked: by((f) => f.status === "blocked"),
    };
  });
  const empty = () => (rows() ?? []).length === 0;
  return (
    <section class="page">
      <div class="page-head">
        <A href="/" class="icon-btn back-link" aria-label="Back to whispers" title="Back">
          <Icon name="back" />
        </A>
        <h1>Friends</h1>
        <span />
      </div>
      <AddFriend />
      <Show when={rows.loaded()}>
        <Show when={!empty()} fallback={<EmptyState icon="friends" title="No friends yet">{<p class="hint">Add someone by their username above.</p>}</EmptyState>}>
          <Group title="Requests for you" rows={groups().incoming} />
          <Group title="Requests you sent" rows={groups().outgoing} />
          <Group title="Friends" rows={groups().friends} />
          <Group title="Blocked" rows={groups().blocked} />
          <p class="hint">People you block can't whisper you, send you friend requests or find you.</p>
        </Show>
      </Show>
    </section>
  );
}
