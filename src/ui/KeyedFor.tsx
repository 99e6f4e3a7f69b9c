// A <For> keyed by string: live queries return new objects on every change, and rows (menus, focus, media) must survive that.
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
