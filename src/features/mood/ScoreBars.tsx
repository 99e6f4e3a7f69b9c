// The parts of a match score as small labelled bars ("Mood 32 of 40"); the numbers are in the text, the bars only show them.
import { For } from "solid-js";
import { scoreBars, type ScoreParts } from "./scoreParts";

export function ScoreBars(props: { parts: ScoreParts; label: string }) {
  return (
    <ul class="score-bars" aria-label={props.label}>
      <For each={scoreBars(props.parts)}>
        {(bar) => (
          <li class="score-bar" data-part={bar.key}>
            <span class="score-bar-label">{bar.label}</span>
            <span class="score-bar-track" aria-hidden="true">
              <span class="score-bar-fill" style={{ width: `${bar.percent}%` }} />
            </span>
            <span class="score-bar-value">
              {bar.points}
              <span class="score-bar-max"> of {bar.max}</span>
            </span>
          </li>
        )}
      </For>
    </ul>
  );
}
