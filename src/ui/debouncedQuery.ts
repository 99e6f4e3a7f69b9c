// A search box's text and the query it settles to: typing settles after a pause, submitting at once.
import { createSignal, onCleanup, type Accessor } from "solid-js";

export type DebouncedQuery = {
  typed: Accessor<string>;
  /** Trimmed. */
  query: Accessor<string>;
  input: (value: string) => void;
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
