// A search box's text and the query it settles to: typing settles after a pause, submitting at once.
import { createSignal, onCleanup, type Accessor } from "solid-js";

export type DebouncedQuery = {
  /** What the box shows. */
  typed: Accessor<string>;
  /** The trimmed text last settled on (what to search for). */
  query: Accessor<string>;
  /** The box changed: settle after `delayMs` without further typing. */
  input: (value: string) => void;
  /** Enter or the search button: settle now. */
  submit: () => void;
};

export function createDebouncedQuery(delayMs = 300): DebouncedQuery {
  const [typed, setTyped] = createSignal("");
  const [query, setQuery] = createSignal("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  return {
    typed,
    query,
    input(value) {
      setTyped(value);
      clearTimeout(timer);
      timer = setTimeout(() => setQuery(value.trim()), delayMs);
    },
    submit() {
      clearTimeout(timer);
      setQuery(typed().trim());
    },
  };
}
