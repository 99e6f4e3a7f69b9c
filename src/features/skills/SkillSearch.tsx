// Search other people's listings by skill name (online only) and propose to learn or to teach.
import { api } from "../../../convex/_generated/api";
import { createSignal, For, Show } from "solid-js";
import { mySkills, skillMatches } from "../../db/queries";
import { createDebouncedQuery } from "../../ui/debouncedQuery";
import { createLive } from "../../app/data/liveQuery";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { RemoteResults } from "../../app/data/RemoteResults";
import { ListingCard } from "./ListingCard";
import { MatchState } from "./MatchState";
import { propose } from "./propose";
import { openMatch, proposalFor, type SkillType } from "./skills";

export function SkillSearch() {
  const search = createDebouncedQuery();
  const query = search.query;
  const [type, setType] = createSignal<SkillType | "">("");
  const found = createRemoteWatch(api.skills.search, () => {
    const kind = type();
    return query().length >= 2 ? { query: query(), ...(kind ? { type: kind } : {}) } : null;
  });
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
          search.submit();
        }}
      >
        <div class="field">
          <label for="skill-search">Skill</label>
          <input
            id="skill-search"
            type="search"
            placeholder="e.g. guitar"
            value={search.typed()}
            onInput={(e) => search.input(e.currentTarget.value)}
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
      <RemoteResults
        watch={found}
        offline="Searching skills"
        prompt={query().length < 2 && "Type at least two letters."}
        loading="Searching…"
        empty={<p class="hint">Nobody lists “{query()}” yet.</p>}
      >
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
                          when={openMatch(matches() ?? [], p().offeringSkillId, p().seekingSkillId)}
                          fallback={
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
                          }
                        >
                          {(match) => <MatchState match={match()} name={name()} />}
                        </Show>
                      )}
                    </Show>
                  </ListingCard>
                );
              }}
            </For>
          </ul>
        )}
      </RemoteResults>
    </section>
  );
}
