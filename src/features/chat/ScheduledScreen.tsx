// Scheduled whispers (/scheduled): each with its recipient, time and state; cancel before it goes out.
import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { conversation, scheduledWhispers } from "../../db/queries";
import { whisperPreview } from "../../db/shapes";
import type { LocalWhisper } from "../../db/types";
import * as actions from "../../actions";
import { Avatar } from "../../ui/Avatar";
import { EmptyState } from "../../ui/EmptyState";
import { KeyedFor } from "../../ui/KeyedFor";
import { errorText, formatDateTime } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { toast } from "../../ui/Toasts";
import { counterpartName } from "../inbox/names";
import { FailureIfAny, StateBadge } from "./WhisperStatus";
import "../inbox/conversations.css";
import "./conversation.css";

function ScheduledRow(props: { whisper: LocalWhisper }) {
  const c = createLive(() => conversation(props.whisper.conversationId));
  const name = () => counterpartName(c());
  const cancel = async () => {
    try {
      await actions.cancelScheduled(props.whisper.id);
      toast("Scheduled whisper cancelled.");
    } catch (error) {
      toast(errorText(error), "error");
    }
  };
  return (
    <li class="scheduled-row">
      <div class="person-row">
        <Avatar id={c()?.counterpartId} name={name()} hidden={c()?.counterpartHidden} size={40} />
        <div class="person-main">
          <span class="person-name">
            <A href={`/c/${props.whisper.conversationId}`}>
              To <bdi>{name()}</bdi>
            </A>
          </span>
          <span class="person-sub" dir="auto">
            {whisperPreview(props.whisper)}
          </span>
          <span class="person-sub scheduled-when">
            <Icon name="calendar" size={14} />
            Sends {formatDateTime(props.whisper.scheduledFor ?? props.whisper.sortKey)}
            <Show when={props.whisper.isLocal && props.whisper.syncState !== "failed"}>
              <StateBadge state="pending" />
            </Show>
          </span>
        </div>
        <button type="button" class="btn btn-small btn-danger" onClick={() => void cancel()}>
          Cancel<span class="visually-hidden"> the whisper to {name()}</span>
        </button>
      </div>
      <div class="whisper whisper-mine">
        <FailureIfAny whisper={props.whisper} />
      </div>
    </li>
  );
}

export default function ScheduledScreen() {
  const list = createLive(() => scheduledWhispers());
  return (
    <section class="page">
      <div class="page-head">
        <A href="/" class="icon-btn back-link" aria-label="Back to whispers" title="Back">
          <Icon name="back" />
        </A>
        <h1>Scheduled</h1>
        <span />
      </div>
      <Show when={list.loaded()}>
        <Show
          when={(list() ?? []).length > 0}
          fallback={
            <EmptyState icon="calendar" title="Nothing scheduled">
              <p class="hint">In a conversation, write a whisper and choose Schedule to send it later.</p>
            </EmptyState>
          }
        >
          <ul class="list-card" aria-label="Scheduled whispers">
            <KeyedFor each={list()} by={(w) => w.id}>
              {(w) => <ScheduledRow whisper={w()} />}
            </KeyedFor>
          </ul>
        </Show>
      </Show>
    </section>
  );
}
