// The mood journal as a timeline grouped by day; each entry can be edited or deleted (offline too).
import { createSignal, For, Show } from "solid-js";
import { Glyph } from "../../ui/Glyph";
import { groupByDay, type JournalEntry } from "./journal";
import { formatTime } from "../../ui/format";
import { moodInfo } from "./moods";
import { MoodFace } from "./MoodFace";

const PAGE = 40;

export function MoodJournal(props: {
  entries: readonly JournalEntry[];
  onEdit: (e: JournalEntry) => void;
  onDelete: (e: JournalEntry) => void;
}) {
  const [shown, setShown] = createSignal(PAGE);
  const sorted = () => [...props.entries].sort((a, b) => b.at - a.at);
  const days = () => groupByDay(sorted().slice(0, shown()));
  return (
    <div class="mood-journal">
      <For each={days()}>
        {(day) => (
          <section class="mood-day" aria-label={day.label}>
            <h3 class="mood-day-title">{day.label}</h3>
            <ol class="mood-entries">
              <For each={day.entries}>
                {(entry) => {
                  const info = () => moodInfo(entry.mood);
                  const name = () => `${info().label.toLowerCase()} at ${formatTime(entry.at)}, ${day.label}`;
                  return (
                    <li class="mood-entry" data-valence={info().valence >= 0 ? "up" : "down"}>
                      <MoodFace mood={entry.mood} size={28} class="mood-entry-emoji" />
                      <div class="mood-entry-body">
                        <p class="mood-entry-head">
                          <strong>{info().label}</strong>
                          <time datetime={new Date(entry.at).toISOString()} class="mood-entry-time">
                            {formatTime(entry.at)}
                          </time>
                          <Show when={entry.pending}>
                            <span class="mood-entry-pending">Not synced yet</span>
                          </Show>
                        </p>
                        <Show when={entry.note}>
                          <p class="mood-entry-note" dir="auto">
                            {entry.note}
                          </p>
                        </Show>
                      </div>
                      <div class="mood-entry-actions">
                        <button
                          type="button"
                          class="icon-btn"
                          aria-label={`Edit mood ${name()}`}
                          onClick={() => props.onEdit(entry)}
                        >
                          <Glyph name="edit" size={18} />
                        </button>
                        <button
                          type="button"
                          class="icon-btn"
                          aria-label={`Delete mood ${name()}`}
                          onClick={() => props.onDelete(entry)}
                        >
                          <Glyph name="trash" size={18} />
                        </button>
                      </div>
                    </li>
                  );
                }}
              </For>
            </ol>
          </section>
        )}
      </For>
      <Show when={props.entries.length > shown()}>
        <button type="button" class="btn mood-more" onClick={() => setShown((n) => n + PAGE)}>
          Show earlier moods
        </button>
      </Show>
    </div>
  );
}
