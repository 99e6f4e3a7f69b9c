// A labelled radio group of the 12 moods as face + word chips (native radios: arrow keys move, Space picks).
import { For } from "solid-js";
import { MOOD_LIST } from "./moods";
import { MoodFace } from "./MoodFace";

export function MoodPicker(props: {
  name: string;
  legend: string;
  value: string | undefined;
  onChange: (mood: string) => void;
  legendHidden?: boolean;
}) {
  return (
    <fieldset class="mood-picker">
      <legend class={props.legendHidden ? "visually-hidden" : "mood-picker-legend"}>{props.legend}</legend>
      <div class="mood-chips">
        <For each={MOOD_LIST}>
          {(mood) => (
            <label class="mood-chip">
              <input
                class="mood-chip-input"
                type="radio"
                name={props.name}
                value={mood.id}
                checked={props.value === mood.id}
                onChange={() => props.onChange(mood.id)}
              />
              <span class="mood-chip-face">
                <MoodFace mood={mood.id} size={22} class="mood-chip-emoji" />
                {mood.label}
              </span>
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}
