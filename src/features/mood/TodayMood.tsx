// "How are you feeling?": pick today's mood with an optional note; saved locally at once and synced when possible.
import { createSignal, Show } from "solid-js";
import * as actions from "../../actions";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { toast } from "../../ui/Toasts";
import { moodInfo, NOTE_MAX } from "./moods";
import { MoodPicker } from "./MoodPicker";
import { MoodFace } from "./MoodFace";

export function TodayMood(props: { current: string | undefined }) {
  const [mood, setMood] = createSignal<string | undefined>(undefined);
  const [note, setNote] = createSignal("");
  const [error, setError] = createSignal("");
  const tooLong = () => overLimit(note(), NOTE_MAX);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    if (tooLong()) return;
    const chosen = mood();
    if (!chosen) {
      setError("Pick a mood first.");
      return;
    }
    setError("");
    try {
      await actions.setMood(chosen, note().trim() || undefined);
      setNote("");
      setMood(undefined);
      toast(`Mood saved: ${moodInfo(chosen).label.toLowerCase()}.`);
    } catch (err) {
      toast(err instanceof Error ? err.message : "Could not save your mood.", "error");
    }
  };
  return (
    <form class="card mood-today" onSubmit={save} aria-labelledby="mood-today-title">
      <h2 id="mood-today-title" class="mood-section-title">
        How are you feeling?
      </h2>
      <Show when={props.current}>
        {(current) => (
          <p class="hint">
            Right now you're{" "}
            <MoodFace mood={current()} size={18} class="mood-emoji" />{" "}
            {moodInfo(current()).label.toLowerCase()}.
          </p>
        )}
      </Show>
      <MoodPicker
        name="mood-today"
        legend="Today's mood"
        legendHidden
        value={mood()}
        onChange={(m) => {
          setMood(m);
          setError("");
        }}
      />
      <div class="field mood-note-field">
        <label for="mood-note">Note (optional)</label>
        <textarea
          id="mood-note"
          dir="auto"
          rows={2}
          placeholder="What's behind it?"
          value={note()}
          onInput={(e) => setNote(e.currentTarget.value)}
          aria-describedby="mood-note-length"
          aria-invalid={tooLong() ? "true" : undefined}
        />
        <LengthLimit id="mood-note-length" value={note()} max={NOTE_MAX} action="save" />
      </div>
      <Show when={error()}>
        <p class="error-text" role="alert">
          {error()}
        </p>
      </Show>
      <button type="submit" class="btn btn-primary" disabled={tooLong()} aria-describedby="mood-note-length">
        Save mood
      </button>
    </form>
  );
}
