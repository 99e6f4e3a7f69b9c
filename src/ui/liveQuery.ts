// Bridges the db's live readers into Solid signals; components never import dexie.
import { createSignal, onCleanup, type Accessor } from "solid-js";
import type { Live } from "../db/queries";

/**
 * A signal that follows `source` for the lifetime of the calling component. Starts as
 * `initial` (undefined: still loading). Errors are kept in `error()` rather than thrown.
 */
export function createLive<T>(source: () => Live<T>, initial?: T): Accessor<T | undefined> & { error: Accessor<unknown> } {
  const [value, setValue] = createSignal<T | undefined>(initial);
  const [error, setError] = createSignal<unknown>(undefined);
  const subscription = source().subscribe(
    (next) => setValue(() => next),
    (err) => setError(() => err),
  );
  onCleanup(() => subscription.unsubscribe());
  // eslint-disable-next-line solid/reactivity -- the accessor itself is returned for the caller to track
  return Object.assign(value, { error });
}
