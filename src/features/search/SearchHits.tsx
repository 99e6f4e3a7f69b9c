// The three groups of search results: people, conversations and whispers, each row opening what it found.
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show, type JSX } from "solid-js";
import type { ConversationResult, PersonResult, SearchResults, SnippetPart, WhisperResult } from "../../db/search/searchSession";
import * as actions from "../../actions";
import { Avatar } from "../../ui/Avatar";
import { errorText, formatListTime } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { toast } from "../../ui/Toasts";

/** People and conversations listed before "Show all". */
const FIRST_NAMES = 5;

const FRIEND_LABEL: Record<string, string> = { accepted: "Friend", pending: "Friend request", blocked: "Blocked" };

function Group(props: { id: string; title: string; count: number; more?: boolean; children: JSX.Element }) {
  return (
    <section class="search-group" aria-labelledby={props.id}>
      <h2 class="section-title" id={props.id}>
        {props.title}
        <span class="search-count">
          {" "}
          · {props.count}
          {props.more ? "+" : ""}
        </span>
      </h2>
      {props.children}
    </section>
  );
}

function createShowAll<T>(items: () => T[], query: () => string) {
  const [allFor, setAllFor] = createSignal<string>();
  const all = () => allFor() === query();
  return {
    shown: () => (all() ? items() : items().slice(0, FIRST_NAMES)),
    hidden: () => (all() ? 0 : Math.max(0, items().length - FIRST_NAMES)),
    showAll: () => setAllFor(query()),
  };
}

function ShowAll(props: { hidden: number; what: string; onClick: () => void }) {
  return (
    <Show when={props.hidden > 0}>
      <button type="button" class="btn btn-small search-show-all" onClick={() => props.onClick()}>
        Show {props.hidden} more {props.what}
      </button>
    </Show>
  );
}

export function PeopleHits(props: { people: PersonResult[]; query: string }) {
  const navigate = useNavigate();
  const list = createShowAll(() => props.people, () => props.query);
  const open = async (p: PersonResult) => {
    try {
      navigate(`/c/${p.conversationId ?? (await actions.openConversationWith({ _id: p.id, displayName: p.name, username: p.username }))}`);
    } catch (error) {
      toast(errorText(error), "error");
    }
  };
  return (
    <Show when={props.people.length > 0}>
      <Group id="search-people" title="People" count={props.people.length}>
        <ul class="conv-list search-list">
          <For each={list.shown()}>
            {(p) => (
              <li class="conv-row">
                <button type="button" class="conv-link search-open" onClick={() => void open(p)}>
                  <Avatar id={p.id} name={p.name} size={40} />
                  <span class="conv-main">
                    <span class="conv-top">
                      <span class="conv-name" dir="auto">
                        {p.name}
                      </span>
                      <Show when={p.friendStatus && FRIEND_LABEL[p.friendStatus]}>{(label) => <span class="tag">{label()}</span>}</Show>
                    </span>
                    <span class="conv-bottom">
                      <span class="conv-preview">
                        <Show when={p.username}>@{p.username}</Show>
                        <Show when={p.realName}>{(n) => <> · <bdi>{n()}</bdi></>}</Show>
                        <span class="visually-hidden">{p.conversationId ? ", open your conversation" : ", start a conversation"}</span>
                      </span>
                    </span>
                  </span>
                </button>
              </li>
            )}
          </For>
        </ul>
        <ShowAll hidden={list.hidden()} what="people" onClick={list.showAll} />
      </Group>
    </Show>
  );
}

export function ConversationHits(props: { conversations: ConversationResult[]; query: string }) {
  const list = createShowAll(() => props.conversations, () => props.query);
  return (
    <Show when={props.conversations.length > 0}>
      <Group id="search-conversations" title="Conversations" count={props.conversations.length}>
        <ul class="conv-list search-list">
          <For each={list.shown()}>
            {(c) => (
              <li class="conv-row">
                <a href={`/c/${c.id}`} class="conv-link search-open">
                  <Avatar id={c.hidden ? undefined : c.id} name={c.name} hidden={c.hidden} size={40} />
                  <span class="conv-main">
                    <span class="conv-top">
                      <span class="conv-name" dir="auto">
                        {c.name}
                      </span>
                      <Show when={c.isMystery}>
                        <span class="tag tag-mystery">
                          <Icon name="mask" size={12} />
                          Mystery
                        </span>
                      </Show>
                      <Show when={c.isArchived}>
                        <span class="tag">Archived</span>
                      </Show>
                      <Show when={c.lastActivityAt > 0}>
                        <time class="conv-time" dateTime={new Date(c.lastActivityAt).toISOString()}>
                          {formatListTime(c.lastActivityAt)}
                        </time>
                      </Show>
                    </span>
                    <span class="conv-bottom">
                      <span class="conv-preview" dir="auto">
                        {c.preview || (c.username ? `@${c.username}` : "")}
                      </span>
                    </span>
                  </span>
                </a>
              </li>
            )}
          </For>
        </ul>
        <ShowAll hidden={list.hidden()} what="conversations" onClick={list.showAll} />
      </Group>
    </Show>
  );
}

function Snippet(props: { parts: SnippetPart[] }) {
  return <For each={props.parts}>{(part) => (part.mark ? <mark>{part.text}</mark> : part.text)}</For>;
}

function WhisperHit(props: { whisper: WhisperResult }) {
  const w = () => props.whisper;
  return (
    <li class="conv-row search-whisper">
      <a href={`/c/${w().conversationId}?whisper=${encodeURIComponent(w().id)}`} class="conv-link search-open">
        <span class="conv-main">
          <span class="conv-top">
            <span class="conv-name" dir="auto">
              {w().conversationName}
            </span>
            <time class="conv-time" dateTime={new Date(w().time).toISOString()}>
              {formatListTime(w().time)}
            </time>
          </span>
          <span class="search-snippet" dir="auto">
            <Show when={w().fromViewer}>
              <bdi class="search-you">You: </bdi>
            </Show>
            <Snippet parts={w().snippet} />
          </span>
        </span>
      </a>
    </li>
  );
}

export function WhisperHits(props: { results: SearchResults; onMore: () => void }) {
  return (
    <Show when={props.results.whispers.length > 0 || props.results.searching}>
      <Group id="search-whispers" title="Whispers" count={props.results.whispers.length} more={props.results.more}>
        <Show when={props.results.whispers.length > 0} fallback={<p class="hint search-looking">Looking through your whispers…</p>}>
          <ul class="conv-list search-list" data-query={props.results.query} aria-busy={props.results.searching}>
            <For each={props.results.whispers}>{(w) => <WhisperHit whisper={w} />}</For>
          </ul>
        </Show>
        <Show when={props.results.more && !props.results.searching}>
          <button type="button" class="btn btn-small search-show-all" onClick={() => props.onMore()}>
            Show more whispers
          </button>
        </Show>
      </Group>
    </Show>
  );
}
