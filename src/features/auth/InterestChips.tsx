// Interests as removable chips, with a box to add one (Enter or "Add").
import { createSignal, For } from "solid-js";
import { Icon } from "../../ui/Icon";
import { addInterest, INTEREST_MAX } from "./profileRules";

export function InterestChips(props: { id: string; value: string[]; onChange: (next: string[]) => void }) {
  const [draft, setDraft] = createSignal("");
  const [problem, setProblem] = createSignal("");
  const add = () => {
    const result = addInterest(props.value, draft());
    setProblem(result.problem ?? "");
    if (!result.problem) setDraft("");
    props.onChange(result.list);
  };
  return (
    <div class="field">
      <label for={props.id}>Interests</label>
      <ul class="chips" aria-label="Your interests">
        <For each={props.value}>
          {(interest) => (
            <li class="chip">
              <bdi>{interest}</bdi>
              <button type="button" class="chip-remove" aria-label={`Remove ${interest}`} onClick={() => props.onChange(props.value.filter((i) => i !== interest))}>
                <Icon name="close" size={14} />
              </button>
            </li>
          )}
        </For>
      </ul>
      <div class="chip-input">
        <input
          id={props.id}
          dir="auto"
          maxLength={INTEREST_MAX}
          value={draft()}
          placeholder="e.g. photography"
          onInput={(e) => setDraft(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" || e.key === ",") {
              e.preventDefault();
              add();
            }
          }}
          aria-describedby={`${props.id}-hint`}
        />
        <button type="button" class="btn btn-small" onClick={add}>
          Add<span class="visually-hidden"> interest</span>
        </button>
      </div>
      <p id={`${props.id}-hint`} class={problem() ? "error-text" : "hint"}>
        {problem() || "Shared interests help mood matching."}
      </p>
    </div>
  );
}
