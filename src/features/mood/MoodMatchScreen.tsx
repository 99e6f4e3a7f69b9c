// /mood/match: people to whisper to, ranked by mood fit, interests, life phase and career (online only).
import { api } from "../../../convex/_generated/api";
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, For, Match, Show, Switch } from "solid-js";
import { featureFlags, me } from "../../db/queries";
import * as actions from "../../actions";
import { remoteQueryWithRetry } from "../../app/data/remoteWatch";
import { EmptyState } from "../../ui/EmptyState";
import { errorText } from "../../app/data/errorText";
import { Glyph } from "../../ui/Glyph";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { OfflineNotice } from "../../ui/OfflineNotice";
import { isOnline } from "../../ui/online";
import { toast } from "../../ui/Toasts";
import { MatchCard } from "./MatchCard";
import { moodInfo } from "./moods";
import type { MoodMatch } from "./scoreParts";
import "../../ui/panels.css";
import "./mood.css";
import { MoodFace } from "./MoodFace";

export default function MoodMatchScreen() {
  const navigate = useNavigate();
  const profile = createLive(() => me());
  const flags = createLive(() => featureFlags());
  const enabled = () => flags()?.MOOD_MATCH !== false;
  const [round, setRound] = createSignal(0);
  const [matches] = createResource(
    () => (isOnline() && enabled() ? round() + 1 : false),
    () => remoteQueryWithRetry(api.moods.findMoodMatch, { limit: 10 }),
  );
  const [opening, setOpening] = createSignal<string | null>(null);
  const whisper = async (match: MoodMatch) => {
    setOpening(match.user._id);
    try {
      const id = await actions.openConversationWith(match.user);
      navigate(`/c/${id}`);
    } catch (error) {
      toast(errorText(error, "Could not open the conversation."), "error");
    } finally {
      setOpening(null);
    }
  };
  return (
    <section class="page mood-page" aria-labelledby="match-title">
      <header class="mood-header">
        <A href="/mood" class="icon-btn" aria-label="Back to mood">
          <Icon name="back" />
        </A>
        <h1 id="match-title" class="match-title">
          Find a mood match
        </h1>
        <button
          type="button"
          class="btn"
          onClick={() => setRound((n) => n + 1)}
          disabled={!isOnline() || !enabled() || matches.loading}
        >
          <Glyph name="refresh" size={18} /> Refresh
        </button>
      </header>
      <Show when={profile()}>
        {(p) => (
          <p class="hint">
            <Show
              when={p().mood}
              fallback={
                <>
                  Set your mood first for better matches: <A href="/mood">pick one</A>.
                </>
              }
            >
              Matching for your{" "}
              <MoodFace mood={p().mood} size={16} class="mood-emoji" />{" "}
              {moodInfo(p().mood).label.toLowerCase()} mood, your interests, life phase and career.
            </Show>
          </p>
        )}
      </Show>
      <Switch>
        <Match when={!enabled()}>
          <EmptyState icon="mood" title="Mood match is turned off">
            <p>An admin switched this feature off for now.</p>
          </EmptyState>
        </Match>
        <Match when={!isOnline()}>
          <OfflineNotice what="Finding a mood match" />
        </Match>
        <Match when={matches.loading}>
          <p class="hint" role="status">
            Looking for people…
          </p>
        </Match>
        <Match when={matches.error}>
          <p class="error-text" role="alert">
            {errorText(matches.error)}
          </p>
        </Match>
        <Match when={matches()?.length === 0}>
          <EmptyState icon="mood" title="No matches right now">
            <p>Add interests to your profile or set a new mood, then refresh.</p>
          </EmptyState>
        </Match>
        <Match when={matches()}>
          {(list) => (
            <ol class="match-list">
              <For each={list()}>
                {(match, i) => (
                  <MatchCard
                    match={match}
                    rank={i() + 1}
                    viewer={profile() ?? {}}
                    busy={opening() === match.user._id}
                    onWhisper={() => whisper(match)}
                  />
                )}
              </For>
            </ol>
          )}
        </Match>
      </Switch>
    </section>
  );
}
