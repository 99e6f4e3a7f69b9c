// A person's avatar: initials on a colour derived from their id; a mask for a hidden (mystery) person.
import { Show } from "solid-js";
import { Icon } from "./Icon";

/** Stable, so a person keeps their colour everywhere. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

const graphemes = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "grapheme" }) : undefined;

/** An emoji with its modifiers, or a letter with its accents, is one. */
function charactersOf(text: string): string[] {
  return graphemes ? Array.from(graphemes.segment(text), (s) => s.segment) : Array.from(text);
}

/** Whole characters as a person sees them: "🦊 Fox" → "🦊F", never half an emoji. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = (word: string) => charactersOf(word)[0] ?? "";
  const letters = words.length > 1 ? [first(words[0]), first(words[words.length - 1])] : charactersOf(words[0] ?? "?").slice(0, 2);
  return letters.map((c) => c.toLocaleUpperCase()).join("");
}

export function Avatar(props: { id?: string; name: string; hidden?: boolean; size?: number }) {
  const size = () => props.size ?? 40;
  return (
    <span
      class="avatar"
      aria-hidden="true"
      style={{
        width: `${size()}px`,
        height: `${size()}px`,
        "font-size": `${Math.round(size() * 0.4)}px`,
        "--avatar-hue": props.hidden || !props.id ? "260" : String(hueOf(props.id)),
      }}
    >
      <Show when={!props.hidden} fallback={<Icon name="mask" size={Math.round(size() * 0.6)} />}>
        {initialsOf(props.name)}
      </Show>
    </span>
  );
}
