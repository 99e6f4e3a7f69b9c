// /mood: set today's mood, see the mood chart and the journal timeline; everything works offline.
import { A } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { featureFlags, me } from "../../db/queries";
import { EmptyState } from "../../ui/EmptyState";
import { Icon } from "../../ui/Icon";
import { createLive } from "../../app/data/liveQuery";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import type { JournalEntry } from "./journal";
import { DeleteMoodDialog, EditMoodDialog } from "./MoodEntryDialog";
import { MoodChart } from "./MoodChart";
import { MoodJournal } from "./MoodJournal";
import { TodayMood } from "./TodayMood";
import "../../ui/panels.css";
import "./mood.css";

export default function MoodScreen() {
  const profile = createLive(() => me());
  const flags = createLive(() => featureFlags());
  const [editing, setEditing] = createSignal<JournalEntry | null>(null);
  const [deleting, setDeleting] = createSignal<JournalEntry | null>(null);
  const journal = () => profile()?.journal ?? [];
  return (
    <section class="page mood-page" aria-labelledby="mood-title">
      <header class="mood-header">
        <h1 id="mood-title">Mood</h1>
        <Show when={flags()?.MOOD_MATCH !== false}>
          <A href="/mood/match" class="btn btn-primary mood-match-link">
            <Icon name="mood" size={18} /> Find a mood match
          </A>
        </Show>
      </header>
      <Show when={profile()?.syncState === "failed"}>
        <RowSyncNote row={profile()!} what="mood change" />
      </Show>
      <TodayMood current={profile()?.mood} />
      <section class="card mood-chart-card" aria-labelledby="mood-chart-title">
        <h2 id="mood-chart-title" class="mood-section-title">
          Mood over time
        </h2>
        <MoodChart entries={journal()} />
      </section>
      <section class="mood-journal-section" aria-labelledby="mood-journal-title">
        <h2 id="mood-journal-title" class="mood-section-title">
          Journal
        </h2>
        <Show
          when={journal().length > 0}
          fallback={
            <EmptyState icon="mood" title="Your journal is empty">
              <p>Pick a mood above: each one you save lands here.</p>
            </EmptyState>
          }
        >
          <MoodJournal entries={journal()} onEdit={setEditing} onDelete={setDeleting} />
        </Show>
      </section>
      <EditMoodDialog entry={editing()} onClose={() => setEditing(null)} />
      <DeleteMoodDialog entry={deleting()} onClose={() => setDeleting(null)} />
    </section>
  );
}
