// New whisper (/new): find a person by username (online), then open the conversation (plain or mystery) with them.
import { api } from "../../../convex/_generated/api";
import { A, useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import type { CounterpartView } from "../../db/types";
import * as actions from "../../actions";
import { OfflineError, remoteQuery } from "../../sync/remote";
import { Avatar } from "../../ui/Avatar";
import { createFlags } from "../../app/data/flags";
import { errorText } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { me } from "../../db/queries";
import { createLive } from "../../app/data/liveQuery";
import { createFriendRows } from "../friends/remoteProfiles";
import { toast } from "../../ui/Toasts";
import "./conversations.css";

type Person = CounterpartView & { _id: string };

export default function NewWhisper() {
  const navigate = useNavigate();
  const enabled = createFlags();
  const friendRows = createFriendRows();
  const profile = createLive(() => me());
  const [username, setUsername] = createSignal("");
  const [person, setPerson] = createSignal<Person | null>(null);
  const [message, setMessage] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [mystery, setMystery] = createSignal(false);

  const find = async (event: SubmitEvent) => {
    event.preventDefault();
    const name = username().trim().replace(/^@/, "");
    if (!name) return setMessage("Enter a username.");
    setBusy(true);
    setMessage("");
    setPerson(null);
    try {
      const found = await remoteQuery(api.users.findByUsername, { username: name });
      if (!found) setMessage(`No one goes by “${name}”.`);
      else if (found._id === profile()?.id) setMessage("That's you. Whisper someone else.");
      else setPerson(found);
    } catch (error) {
      setMessage(error instanceof OfflineError ? "You're offline. Finding people needs a connection; your conversations still work." : errorText(error));
    } finally {
      setBusy(false);
    }
  };

  const open = async (who: Person, asMystery: boolean) => {
    try {
      const id = await actions.openConversationWith(who, asMystery);
      navigate(`/c/${id}`);
    } catch (error) {
      toast(errorText(error), "error");
    }
  };

  const accepted = () => (friendRows() ?? []).filter((f) => f.status === "accepted" && f.profile);

  return (
    <section class="page">
      <div class="page-head">
        <A href="/" class="icon-btn back-link" aria-label="Back to whispers" title="Back">
          <Icon name="back" />
        </A>
        <h1>New whisper</h1>
        <span />
      </div>
      <form class="form-inline" onSubmit={(e) => void find(e)}>
        <div class="field">
          <label for="find-username">Username</label>
          <input id="find-username" autocomplete="off" autocapitalize="none" spellcheck={false} value={username()} onInput={(e) => setUsername(e.currentTarget.value)} aria-describedby="find-message" />
        </div>
        <button type="submit" class="btn btn-primary" disabled={busy()}>
          <Icon name="search" size={18} />
          Find
        </button>
      </form>
      <p id="find-message" class="hint" role="status">
        {busy() ? "Looking…" : message()}
      </p>
      <Show when={person()}>
        {(p) => (
          <section class="card find-result" aria-label="Search result">
            <div class="person-row">
              <Avatar id={p()._id} name={p().displayName} size={52} />
              <div class="person-main">
                <span class="person-name" dir="auto">
                  {p().displayName}
                </span>
                <span class="person-sub">
                  @{p().username}
                  <Show when={p().career}>
                    {(career) => (
                      <>
                        {" · "}
                        <bdi>{career()}</bdi>
                      </>
                    )}
                  </Show>
                </span>
              </div>
            </div>
            <Show when={(p().interests ?? []).length > 0}>
              <ul class="interest-list" aria-label="Interests">
                <For each={p().interests}>{(i) => <li class="tag" dir="auto">{i}</li>}</For>
              </ul>
            </Show>
            <div class="find-actions">
              <Show when={enabled("MYSTERY_WHISPERS")}>
                <label class="check">
                  <input type="checkbox" checked={mystery()} onChange={(e) => setMystery(e.currentTarget.checked)} />
                  Mystery whisper
                </label>
              </Show>
              <button type="button" class="btn btn-primary" onClick={() => void open(p(), mystery() && enabled("MYSTERY_WHISPERS"))}>
                Whisper <bdi>{p().displayName}</bdi>
              </button>
            </div>
            <Show when={mystery()}>
              <p class="hint">They'll see your whispers from “Someone” until you both agree to unmask.</p>
            </Show>
          </section>
        )}
      </Show>
      <Show when={accepted().length > 0}>
        <h2 class="section-title">Your friends</h2>
        <ul class="list-card">
          <For each={accepted()}>
            {(f) => (
              <li class="person-row">
                <Avatar id={f.otherUserId} name={f.profile!.displayName} size={40} />
                <div class="person-main">
                  <span class="person-name" dir="auto">
                    {f.profile!.displayName}
                  </span>
                  <span class="person-sub">@{f.profile!.username}</span>
                </div>
                <button type="button" class="btn btn-small" onClick={() => void open({ ...f.profile!, _id: f.otherUserId }, false)}>
                  Whisper<span class="visually-hidden"> {f.profile!.displayName}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
