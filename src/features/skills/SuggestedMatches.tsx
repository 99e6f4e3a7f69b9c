// Suggested teacher/learner pairs for the viewer's listings (live from the server, online only), each with Propose.
import { api } from "../../../convex/_generated/api";
import { For, Match, Show, Switch } from "solid-js";
import { skillMatches } from "../../db/queries";
import { errorText } from "../../app/data/errorText";
import { createLive } from "../../app/data/liveQuery";
import { OfflineNotice } from "../../ui/OfflineNotice";
import { isOnline } from "../../ui/online";
import { createRemoteWatch } from "../../app/data/remoteWatch";
import { ListingCard } from "./ListingCard";
import { MatchState } from "./MatchState";
import { propose } from "./propose";
import { openMatch, proposalForSuggestion } from "./skills";

export function SuggestedMatches() {
  const found = createRemoteWatch(api.skills.suggestedMatches, () => ({}));
  const matches = createLive(() => skillMatches());
  return (
    <section class="card skills-card" aria-labelledby="suggested-title">
      <h2 id="suggested-title">Suggested for you</h2>
      <Switch>
        <Match when={!isOnline()}>
          <OfflineNotice what="Finding suggestions" />
        </Match>
        <Match when={found.error()}>
          <p class="error-text" role="alert">
            {errorText(found.error())}
          </p>
        </Match>
        <Match when={found.loading() && !found.value()}>
          <p class="hint" role="status">
            Looking for matches…
          </p>
        </Match>
        <Match when={found.value()?.length === 0}>
          <p class="hint">No suggestions yet. Add what you can teach and what you want to learn.</p>
        </Match>
        <Match when={found.value()}>
          {(list) => (
            <ul class="plain-list">
              <For each={list()}>
                {(s) => {
                  const ids = () => proposalForSuggestion(s);
                  const taken = () => openMatch(matches() ?? [], ids().offeringSkillId, ids().seekingSkillId);
                  const name = () => s.theirSkill.owner?.displayName ?? "them";
                  return (
                    <ListingCard
                      listing={s.theirSkill}
                      note={
                        (s.teacherIsYou ? "You could teach them." : "They could teach you.") +
                        (s.mutual ? " You could swap: each teaches the other." : "")
                      }
                    >
                      <Show
                        when={taken()}
                        fallback={
                          <button
                            type="button"
                            class="btn btn-small btn-primary"
                            aria-label={`Propose ${s.theirSkill.skillName} with ${name()}`}
                            onClick={() =>
                              propose(ids().offeringSkillId, ids().seekingSkillId, s.theirSkill.skillName, name())
                            }
                          >
                            Propose
                          </button>
                        }
                      >
                        {(match) => <MatchState match={match()} name={name()} />}
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
