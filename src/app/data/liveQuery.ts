// Bridges the db's live readers into Solid signals; components never import dexie.
import { createEffect, createSignal, on, onCleanup, type Accessor } from "solid-js";
import type { Live } from "../../db/queries";

/**
 * A signal that follows `source` for the lifetime of the calling component. Starts as
 * `initial` (undefined: still loading; `loaded()` turns true with the first value). Errors are
 * kept in `error()` rather than thrown.
 */
export function createLive<T>(
  source: () => Live<T>,
  initial?: T,
): Accessor<T | undefined> & { error: Accessor<unknown>; loaded: Accessor<boolean> } {
  const [value, setValue] = createSignal<T | undefined>(initial);
  const [error, setError] = createSignal<unknown>(undefined);
  const [loaded, setLoaded] = createSignal(false);
  const subscription = source().subscribe(
    (next) => {
      setValue(() => next);
      setLoaded(true);
    },
    (err) => setError(() => err),
  );
  onCleanup(() => subscription.unsubscribe());
  // eslint-disable-next-line solid/reactivity -- the accessor itself is returned for the caller to track
  return Object.assign(value, { error, loaded });
}

/**
 * Like createLive, but follows a changing key: re-subscribes to `source(key)` whenever `key()`
 * changes (e.g. a conversation's local id becoming its server id); undefined while there is no key.
 */
export function createLiveOf<K, T>(key: () => K | undefined, source: (key: K) => Live<T>): Accessor<T | undefined> & { loaded: Accessor<boolean> } {
  const [value, setValue] = createSignal<T | undefined>();
  const [loaded, setLoaded] = createSignal(false);
  createEffect(
    on(key, (current) => {
      if (current === undefined) return;
      const subscription = source(current).subscribe((next) => {
        setValue(() => next);
        setLoaded(true);
      });
      onCleanup(() => subscription.unsubscribe());
    }),
  );
  // eslint-disable-next-line solid/reactivity -- the accessor itself is returned for the caller to track
  return Object.assign(value, { loaded });
}
