// Search (/search?q=…): people, conversations and whispers on this device, found as one types, offline too.
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { SearchSession, type SearchResults } from "../../db/search/searchSession";
import { counterpartName } from "../inbox/names";
import { Icon } from "../../ui/Icon";
import { ConversationHits, PeopleHits, WhisperHits } from "./SearchHits";
import { createIndexProgress } from "./indexProgress";
import "../inbox/conversations.css";
import "./search.css";

/** The address keeps the query (a result opened and Back returns to it) once typing pauses this long. */
const URL_AFTER_MS = 400;
/** The result count is announced to screen readers once typing pauses this long. */
const ANNOUNCE_AFTER_MS = 700;

function summaryOf(r: SearchResults): string {
  const parts = [
    r.people.length > 0 ? `${r.people.length} ${r.people.length === 1 ? "person" : "people"}` : "",
    r.conversations.length > 0 ? `${r.conversations.length} ${r.conversations.length === 1 ? "conversation" : "conversations"}` : "",
    r.whispers.length > 0 ? `${r.whispers.length}${r.more ? "+" : ""} ${r.whispers.length === 1 && !r.more ? "whisper" : "whispers"}` : "",
  ].filter(Boolean);
  return parts.length > 0 ? `Found ${parts.join(", ")}.` : `Nothing on this device matches “${r.query.trim()}”.`;
}

export default function SearchScreen() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams<{ q?: string }>();
  const [text, setText] = createSignal(typeof params.q === "string" ? params.q : "");
  const [results, setResults] = createSignal<SearchResults>();
  const [announced, setAnnounced] = createSignal("");
  const progress = createIndexProgress();
  const session = new SearchSession({ nameOf: counterpartName });
  let input: HTMLInputElement | undefined;
  let urlTimer: ReturnType<typeof setTimeout> | undefined;
  let announceTimer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    session.close();
    clearTimeout(urlTimer);
    clearTimeout(announceTimer);
  });

  const show = (r: SearchResults) => {
    setResults(r);
    clearTimeout(announceTimer);
    if (!r.searching) announceTimer = setTimeout(() => setAnnounced(r.query.trim() ? summaryOf(r) : ""), ANNOUNCE_AFTER_MS);
  };
  const keepInUrl = () => {
    clearTimeout(urlTimer);
    urlTimer = undefined;
    setParams({ q: text().trim() ? text() : undefined }, { replace: true });
  };
  const search = (q: string) => {
    setText(q);
    session.search(q, show);
    clearTimeout(urlTimer);
    urlTimer = setTimeout(keepInUrl, URL_AFTER_MS);
  };
  onMount(() => {
    input?.focus();
    if (text()) session.search(text(), show);
  });

  const first = () => document.querySelector<HTMLAnchorElement | HTMLButtonElement>(".search-results .search-open");
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter") {
      event.preventDefault();
      first()?.click();
    } else if (event.key === "ArrowDown") {
      const target = first();
      if (target) {
        event.preventDefault();
        target.focus();
      }
    } else if (event.key === "Escape" && text()) {
      event.preventDefault();
      search("");
    }
  };
  /** Up and down move between results; Escape goes back to the field. */
  const onResultsKeyDown = (event: KeyboardEvent) => {
    if (!["ArrowDown", "ArrowUp", "Escape"].includes(event.key)) return;
    const all = [...document.querySelectorAll<HTMLElement>(".search-results .search-open")];
    const at = all.indexOf(document.activeElement as HTMLElement);
    if (at < 0) return;
    event.preventDefault();
    if (event.key === "Escape" || (event.key === "ArrowUp" && at === 0)) input?.focus();
    else all[Math.max(0, Math.min(all.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))]?.focus();
  };

  const current = () => {
    const r = results();
    return r && r.query === text() && text().trim() ? r : undefined;
  };
  const nothing = (r: SearchResults) => !r.searching && r.people.length + r.conversations.length + r.whispers.length === 0;

  return (
    <section class="page search-page">
      <form class="search-head" role="search" onSubmit={(e) => e.preventDefault()}>
        <button type="button" class="icon-btn back-link" aria-label="Back" title="Back" onClick={() => (history.length > 1 ? history.back() : navigate("/"))}>
          <Icon name="back" />
        </button>
        <label class="search-field">
          <Icon name="search" size={20} />
          <span class="visually-hidden">Search people, conversations and whispers</span>
          <input
            ref={input}
            type="search"
            dir="auto"
            placeholder="Search"
            autocomplete="off"
            spellcheck={false}
            enterkeyhint="search"
            aria-controls="search-results"
            aria-describedby="search-scope"
            value={text()}
            onInput={(e) => search(e.currentTarget.value)}
            onKeyDown={onKeyDown}
          />
        </label>
      </form>
      <p id="search-scope" class="hint search-scope">
        Searches what is on this device: works offline, and nothing you type leaves it.
      </p>
      <Show when={progress()}>
        {(p) => (
          <p class="hint search-indexing" role="status">
            Indexing older whispers on this device: {p().indexed.toLocaleString()} of {p().total.toLocaleString()}. Newer ones are searchable already.
          </p>
        )}
      </Show>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announced()}
      </p>
      {/* Opening a result keeps the query in the address first (Back comes back to it). */}
      <Show when={!text().trim()}>
        <div class="search-empty search-start">
          <Icon name="search" size={32} />
          <p>Find anything on this device</p>
          <ul class="hint">
            <li>People and conversations by name or @username</li>
            <li>Whispers by their words: “tom” finds “tomorrow”, “cafe” finds “Café”</li>
            <li class="search-keys">
              <kbd>Ctrl</kbd> + <kbd>K</kbd> or <kbd>/</kbd> opens search from anywhere
            </li>
          </ul>
        </div>
      </Show>
      <div id="search-results" class="search-results" onKeyDown={onResultsKeyDown} onClick={() => urlTimer !== undefined && keepInUrl()}>
        <Show when={current()}>
          {(r) => (
            <>
              <PeopleHits people={r().people} query={r().query} />
              <ConversationHits conversations={r().conversations} query={r().query} />
              <WhisperHits results={r()} onMore={() => session.more()} />
              <Show when={nothing(r())}>
                <div class="search-empty">
                  <Icon name="search" size={32} />
                  <p>
                    Nothing on this device matches “<bdi>{r().query.trim()}</bdi>”.
                  </p>
                  <p class="hint">Each word is matched at the start of a word: “tom” finds “tomorrow”, not “atom”.</p>
                </div>
              </Show>
            </>
          )}
        </Show>
      </div>
    </section>
  );
}
