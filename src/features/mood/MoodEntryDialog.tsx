// Edit a journal entry (mood and note) or confirm its deletion; both work offline and sync later.
import { createEffect, createSignal, Show } from "solid-js";
import * as actions from "../../actions";
import { Dialog } from "../../ui/Dialog";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { toast } from "../../ui/Toasts";
import type { JournalEntry } from "./journal";
import { formatTime } from "../../ui/format";
import { moodInfo, NOTE_MAX } from "./moods";
import { MoodPicker } from "./MoodPicker";
import { MoodFace } from "./MoodFace";

export function EditMoodDialog(props: { entry: JournalEntry | null; onClose: () => void }) {
  const [mood, setMood] = createSignal<string>("");
  const [note, setNote] = createSignal("");
  createEffect(() => {
    setMood(props.entry?.mood ?? "");
    setNote(props.entry?.note ?? "");
  });
  const tooLong = () => overLimit(note(), NOTE_MAX);
  const save = async (event: SubmitEvent) => {
    event.preventDefault();
    const entry = props.entry;
    if (!entry || tooLong()) return;
    try {
      await actions.updateMoodEntry(entry.at, mood(), note().trim() || undefined);
      toast("Mood entry updated.");
      props.onClose();
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not save the change.", "error");
    }
  };
  return (
    <Dialog open={props.entry !== null} title="Edit mood entry" onClose={() => props.onClose()}>
      <form class="mood-edit-form" onSubmit={save}>
        <MoodPicker name="mood-edit" legend="Mood" value={mood()} onChange={setMood} />
        <div class="field">
          <label for="mood-edit-note">Note (optional)</label>
          <textarea
            id="mood-edit-note"
            dir="auto"
            rows={3}
            value={note()}
            onInput={(e) => setNote(e.currentTarget.value)}
            aria-describedby="mood-edit-note-length"
            aria-invalid={tooLong() ? "true" : undefined}
          />
          <LengthLimit id="mood-edit-note-length" value={note()} max={NOTE_MAX} action="save" />
        </div>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={() => props.onClose()}>
            Cancel
          </button>
          <button type="submit" class="btn btn-primary" disabled={tooLong()} aria-describedby="mood-edit-note-length">
            Save changes
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function DeleteMoodDialog(props: { entry: JournalEntry | null; onClose: () => void }) {
  const remove = async () => {
    const entry = props.entry;
    if (!entry) return;
    try {
      await actions.deleteMoodEntry(entry.at);
      toast("Mood entry deleted.");
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not delete the entry.", "error");
    }
    props.onClose();
  };
  return (
    <Dialog open={props.entry !== null} title="Delete this mood entry?" onClose={() => props.onClose()}>
      <Show when={props.entry}>
        {(entry) => (
          <p>
            <MoodFace mood={entry().mood} size={18} class="mood-emoji" />{" "}
            {moodInfo(entry().mood).label} at {formatTime(entry().at)} will be removed from your journal.
          </p>
        )}
      </Show>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => props.onClose()}>
          Keep it
        </button>
        <button type="button" class="btn btn-danger" onClick={remove}>
          Delete
        </button>
      </div>
    </Dialog>
  );
}
