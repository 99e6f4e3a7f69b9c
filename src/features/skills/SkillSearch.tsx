// Search other people's listings by skill name (online only) and propose to learn or to teach.
import { createSignal, For, Match, onCleanup, Show, Switch } from "solid-js";
import { mySkills, skillMatches } from "../../db/queries";
import { errorText } from "../../ui/errorText";
import { createLive } from "../../ui/liveQuery";
import { OfflineNotice } from "../../ui/OfflineNotice";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../ui/remoteWatch";
import { ListingCard } from "./ListingCard";
import { propose } from "./propose";
import { hasOpenMatch, proposalFor, type SkillListing, type SkillType } from "./skills";

export function SkillSearch() {
  const [typed, setTyped] = createSignal("");
  const [query, setQuery] = createSignal("");
  const [type, setType] = createSignal<SkillType | "">("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const onInput = (value: string) => {
    setTyped(value);
    clearTimeout(timer);
    timer = setTimeout(() => setQuery(value.trim()), 300);
  };
  const found = createRemoteWatch<SkillListing[]>("skills:search", () =>
    query().length >= 2 ? { query: query(), ...(type() ? { type: type() } : {}) } : null,
  );
  const mine = createLive(() => mySkills());
  const matches = createLive(() => skillMatches());
  return (
    <section class="card skills-card" aria-labelledby="search-title">
      <h2 id="search-title">Find people by skill</h2>
      <form
        class="skill-search-form"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          clearTimeout(timer);
          setQuery(typed().trim());
        }}
      >
        <div class="field">
          <label for="skill-search">Skill</label>
          <input
            id="skill-search"
            type="search"
            placeholder="e.g. guitar"
            value={typed()}
            onInput={(e) => onInput(e.currentTarget.value)}
          />
        </div>
        <div class="field">
          <label for="skill-search-type">Listing</label>
          <select
            id="skill-search-type"
            value={type()}
            onChange={(e) => setType(e.currentTarget.value as SkillType | "")}
          >
            <option value="">Teaching or learning</option>
            <option value="offering">People who teach it</option>
            <option value="seeking">People who want to learn it</option>
          </select>
        </div>
      </form>
      <Switch>
        <Match when={!isOnline()}>
          <OfflineNotice what="Searching skills" />
        </Match>
        <Match when={query().length < 2}>
          <p class="hint">Type at least two letters.</p>
        </Match>
        <Match when={found.error()}>
          <p class="error-text" role="alert">
            {errorText(found.error())}
          </p>
        </Match>
        <Match when={found.loading()}>
          <p class="hint" role="status">
            Searching…
          </p>
        </Match>
        <Match when={found.value()?.length === 0}>
          <p class="hint">Nobody lists “{query()}” yet.</p>
        </Match>
        <Match when={found.value()}>
          {(list) => (
            <ul class="plain-list" aria-label="Search results">
              <For each={list()}>
                {(listing) => {
                  const plan = () => proposalFor(listing, mine() ?? []);
                  const name = () => listing.owner?.displayName ?? "them";
                  return (
                    <ListingCard listing={listing} note={plan().ok ? undefined : (plan() as { reason: string }).reason}>
                      <Show
                        when={
                          plan().ok
                            ? (plan() as { offeringSkillId: string; seekingSkillId?: string; label: string })
                            : undefined
                        }
                      >
                        {(p) => (
                          <Show
                            when={!hasOpenMatch(matches() ?? [], p().offeringSkillId, p().seekingSkillId)}
                            fallback={<span class="badge badge-brand">Proposed</span>}
                          >
                            <button
                              type="button"
                              class="btn btn-small btn-primary"
                              aria-label={`${p().label}: ${listing.skillName} with ${name()}`}
                              onClick={() =>
                                propose(p().offeringSkillId, p().seekingSkillId, listing.skillName, name())
                              }
                            >
                              {p().label}
                            </button>
                          </Show>
                        )}
                      </Show>
                    </ListingCard>
                  );
                }}
              </For>
            </ul>
          )}
        </Match>
      </Switch>
    </section>
  );
}
