// Adds a listing: a skill the viewer offers or seeks, with a proficiency level and an optional description (offline too).
import { createSignal, For, Show } from "solid-js";
import * as actions from "../../actions";
import { LengthLimit, overLimit } from "../../ui/LengthLimit";
import { toast } from "../../ui/Toasts";
import {
  DESCRIPTION_MAX,
  LEVELS,
  levelLabel,
  SKILL_NAME_MAX,
  skillNameError,
  type Level,
  type SkillType,
} from "./skills";

export function AddSkillForm() {
  const [name, setName] = createSignal("");
  const [type, setType] = createSignal<SkillType>("offering");
  const [level, setLevel] = createSignal<Level>("intermediate");
  const [description, setDescription] = createSignal("");
  const [error, setError] = createSignal<string | undefined>();
  const descriptionTooLong = () => overLimit(description(), DESCRIPTION_MAX);
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (descriptionTooLong()) return;
    const problem = skillNameError(name());
    setError(problem);
    if (problem) {
      document.getElementById("skill-name")?.focus();
      return;
    }
    try {
      await actions.addSkill({
        skillName: name().trim(),
        type: type(),
        proficiencyLevel: level(),
        description: description().trim() || undefined,
      });
      toast(`${type() === "offering" ? "Offer" : "Request"} added: ${name().trim()}.`);
      setName("");
      setDescription("");
    } catch (err) {
      toast(err instanceof Error ? err.message : "Could not add the listing.", "error");
    }
  };
  return (
    <form class="add-skill" onSubmit={submit} novalidate aria-labelledby="add-skill-title">
      <h3 id="add-skill-title">Add a listing</h3>
      <fieldset class="segmented">
        <legend class="visually-hidden">I want to</legend>
        <label>
          <input type="radio" name="skill-type" checked={type() === "offering"} onChange={() => setType("offering")} />
          <span>I can teach</span>
        </label>
        <label>
          <input type="radio" name="skill-type" checked={type() === "seeking"} onChange={() => setType("seeking")} />
          <span>I want to learn</span>
        </label>
      </fieldset>
      <div class="add-skill-row">
        <div class="field">
          <label for="skill-name">Skill</label>
          <input
            id="skill-name"
            dir="auto"
            maxLength={SKILL_NAME_MAX}
            placeholder="e.g. Guitar, Spanish, Python"
            value={name()}
            onInput={(e) => setName(e.currentTarget.value)}
            aria-invalid={error() ? "true" : undefined}
            aria-describedby={error() ? "skill-name-error" : undefined}
          />
        </div>
        <div class="field">
          <label for="skill-level">{type() === "offering" ? "Your level" : "Your level now"}</label>
          <select id="skill-level" value={level()} onChange={(e) => setLevel(e.currentTarget.value as Level)}>
            <For each={LEVELS}>{(l) => <option value={l}>{levelLabel(l)}</option>}</For>
          </select>
        </div>
      </div>
      <Show when={error()}>
        <p id="skill-name-error" class="error-text" role="alert">
          {error()}
        </p>
      </Show>
      <div class="field">
        <label for="skill-description">Description (optional)</label>
        <textarea
          id="skill-description"
          dir="auto"
          rows={2}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
          aria-describedby="skill-description-length"
          aria-invalid={descriptionTooLong() ? "true" : undefined}
        />
        <LengthLimit id="skill-description-length" value={description()} max={DESCRIPTION_MAX} action="save" />
      </div>
      <button type="submit" class="btn btn-primary" disabled={descriptionTooLong()} aria-describedby="skill-description-length">
        Add listing
      </button>
    </form>
  );
}
