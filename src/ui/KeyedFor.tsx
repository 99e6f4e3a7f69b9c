// A <For> keyed by a string key instead of object identity: live queries return new objects on every change,
// and rows (with their open menus, focus and media) must survive that.
import { createMemo, For, Show, type Accessor, type JSX } from "solid-js";

export function KeyedFor<T>(props: { each: readonly T[] | undefined; by: (item: T) => string; children: (item: Accessor<T>) => JSX.Element }) {
  const byKey = createMemo(() => new Map((props.each ?? []).map((item) => [props.by(item), item])));
  const keys = createMemo(() => [...byKey().keys()]);
  return (
    <For each={keys()}>
      {(key) => (
        <Show when={byKey().has(key)}>{props.children(() => byKey().get(key)!)}</Show>
      )}
    </For>
  );
}
