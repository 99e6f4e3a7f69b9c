// The conversation list screen (/ and /archived): New whisper, links to Friends, Scheduled and Archived.
import { A, useNavigate } from "@solidjs/router";
import { Show } from "solid-js";
import { Icon } from "../../ui/Icon";
import { ConversationItems } from "./ConversationItems";
import "./conversations.css";

export function ListLinks(props: { archived?: boolean }) {
  return (
    <nav class="list-links" aria-label="More whispers">
      <A href="/friends" class="chip-link">
        <Icon name="friends" size={16} />
        Friends
      </A>
      <A href="/scheduled" class="chip-link">
        <Icon name="calendar" size={16} />
        Scheduled
      </A>
      <Show
        when={props.archived}
        fallback={
          <A href="/archived" class="chip-link">
            <Icon name="archive" size={16} />
            Archived
          </A>
        }
      >
        <A href="/" class="chip-link">
          <Icon name="chat" size={16} />
          Inbox
        </A>
      </Show>
    </nav>
  );
}

export default function ConversationList(props: { archived?: boolean }) {
  const navigate = useNavigate();
  return (
    <section class="page list-page">
      <div class="page-head">
        <h1>{props.archived ? "Archived" : "Whispers"}</h1>
        <button type="button" class="btn btn-primary" onClick={() => navigate("/new")}>
          <Icon name="plus" size={18} />
          New whisper
        </button>
      </div>
      <ListLinks archived={props.archived} />
      <ConversationItems archived={props.archived} />
    </section>
  );
}
