// The viewer's own listings (offering / seeking) with their level, sync state and a Remove button.
import { For, Show } from "solid-js";
import { mySkills } from "../../db/queries";
import type { LocalDoc } from "../../db/types";
import * as actions from "../../actions";
import { Glyph } from "../../ui/Glyph";
import { createLive } from "../../app/data/liveQuery";
import { RowSyncNote } from "../../app/data/RowSyncNote";
import { toast } from "../../ui/Toasts";
import { AddSkillForm } from "./AddSkillForm";
import { levelLabel, uniqueListings } from "./skills";

function Group(props: { title: string; from: string; rows: LocalDoc[]; empty: string }) {
  const remove = async (row: LocalDoc) => {
    try {
      await actions.removeSkill(row.id);
      toast(`Removed ${String(row.skillName)}.`);
    } catch (error) {
      toast(error instanceof Error ? error.message : "Could not remove the listing.", "error");
    }
  };
  return (
    <div class="skill-group">
      <h3>{props.title}</h3>
      <Show when={props.rows.length > 0} fallback={<p class="hint">{props.empty}</p>}>
        <ul class="plain-list">
          <For each={props.rows}>
            {(row) => (
              <li class="skill-row">
                <div class="skill-row-body">
                  <p class="skill-name">
                    <bdi>{String(row.skillName)}</bdi>
                  </p>
                  <p class="skill-meta">
                    <span class="badge">{levelLabel(row.proficiencyLevel)}</span>
                    <Show when={row.description}>
                      <span dir="auto">{String(row.description)}</span>
                    </Show>
                  </p>
                  <RowSyncNote row={row} what={`listing ${String(row.skillName)}`} />
                </div>
                <button
                  type="button"
                  class="icon-btn"
                  aria-label={`Remove ${String(row.skillName)} from ${props.from}`}
                  onClick={() => remove(row)}
                >
                  <Glyph name="trash" size={18} />
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </div>
  );
}

export function SkillListings() {
  const skills = createLive(() => mySkills());
  const of = (type: string) =>
    uniqueListings(skills() ?? [])
      .filter((s) => s.type === type)
      .sort((a, b) => String(a.skillName).localeCompare(String(b.skillName)));
  return (
    <section class="card skills-card" aria-labelledby="listings-title">
      <h2 id="listings-title">Your listings</h2>
      <div class="skill-groups">
        <Group title="I can teach" from="your offers" rows={of("offering")} empty="Nothing offered yet." />
        <Group title="I want to learn" from="what you want to learn" rows={of("seeking")} empty="Nothing sought yet." />
      </div>
      <AddSkillForm />
    </section>
  );
}
