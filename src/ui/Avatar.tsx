// A person's avatar: initials on a colour derived from their id; a mask for a hidden (mystery) person.
import { Show } from "solid-js";
import { Icon } from "./Icon";

/** A stable hue (0–359) for an id, so a person keeps their colour everywhere. */
export function hueOf(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

/** Up to two initials of a display name ("Ada Lovelace" → "AL"). */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0][0], words[words.length - 1][0]] : [...(words[0] ?? "?")].slice(0, 2);
  return letters.join("").toUpperCase();
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
