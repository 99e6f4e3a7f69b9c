// One mood match: who, how well (score and its parts as bars), why (reasons, shared interests) and a whisper button.
import { For, Show } from "solid-js";
import { Avatar } from "../../ui/Avatar";
import { moodInfo } from "./moods";
import { ScoreBars } from "./ScoreBars";
import { matchReasons, scorePercent, type MoodMatch } from "./scoreParts";
import { MoodFace } from "./MoodFace";

export function MatchCard(props: {
  match: MoodMatch;
  rank: number;
  viewer: { mood?: string; lifePhase?: string; career?: string };
  onWhisper: () => void;
  busy: boolean;
}) {
  const user = () => props.match.user;
  const titleId = () => `match-${user()._id}`;
  return (
    <li class="card match-card" aria-labelledby={titleId()}>
      <div class="match-head">
        <Avatar id={user()._id} name={user().displayName} size={48} />
        <div class="match-who">
          <h2 id={titleId()} class="match-name">
            <bdi>{user().displayName}</bdi>
          </h2>
          <p class="match-meta">
            @{user().username}
            <Show when={user().mood}>
              {(mood) => (
                <span class="badge badge-brand">
                  <MoodFace mood={mood()} size={16} class="mood-emoji" />{" "}
                  {moodInfo(mood()).label}
                </span>
              )}
            </Show>
          </p>
        </div>
        <p class="match-score">
          <strong>{scorePercent(props.match.score)}%</strong>
          <span class="hint">match · #{props.rank}</span>
        </p>
      </div>
      <ScoreBars parts={props.match.parts} label={`Why you match ${user().displayName}: score parts`} />
      <ul class="match-reasons">
        <For each={matchReasons(props.match, props.viewer)}>{(reason) => <li>{reason}</li>}</For>
      </ul>
      <Show when={props.match.sharedInterests.length > 0}>
        <ul class="tags" aria-label="Shared interests">
          <For each={props.match.sharedInterests}>{(interest) => <li class="tag" dir="auto">{interest}</li>}</For>
        </ul>
      </Show>
      <button
        type="button"
        class="btn btn-primary match-whisper"
        disabled={props.busy}
        onClick={() => props.onWhisper()}
      >
        Whisper to {user().displayName}
      </button>
    </li>
  );
}
