// Theme: light, dark or follow the system; applied at once, remembered here and synced to the account.
import { createEffect, createSignal, For } from "solid-js";
import type { ThemePreference } from "../../../convex/schema";
import { applyTheme, currentThemePreference } from "../../app/theme";
import * as actions from "../../actions";
import { Icon, type IconName } from "../../ui/Icon";

const CHOICES: Array<{ value: ThemePreference; label: string; icon: IconName }> = [
  { value: "light", label: "Light", icon: "sun" },
  { value: "dark", label: "Dark", icon: "moon" },
  { value: "system", label: "System", icon: "settings" },
];

export function ThemeSection(props: { preference?: ThemePreference }) {
  const [chosen, setChosen] = createSignal<ThemePreference>(currentThemePreference());
  createEffect(() => props.preference && setChosen(props.preference));
  const choose = (value: ThemePreference) => {
    setChosen(value);
    applyTheme(value);
    void actions.setThemePreference(value).catch(() => undefined);
  };
  return (
    <fieldset class="segmented">
      <legend>Theme</legend>
      <For each={CHOICES}>
        {(choice) => (
          <label class="segment" classList={{ "segment-on": chosen() === choice.value }}>
            <input type="radio" name="theme" value={choice.value} checked={chosen() === choice.value} onChange={() => choose(choice.value)} />
            <Icon name={choice.icon} size={18} />
            {choice.label}
          </label>
        )}
      </For>
    </fieldset>
  );
}
