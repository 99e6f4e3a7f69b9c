// Bridges the db's live readers into Solid signals; components never import dexie.
import { createEffect, createSignal, on, onCleanup, type Accessor } from "solid-js";
import type { Live } from "../../db/queries";

/** For the calling component's lifetime; undefined until `loaded()`, errors kept in `error()` rather than thrown. */
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

/** Re-subscribes when `key()` changes (e.g. a local id becoming the server's); undefined while there is no key. */
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
