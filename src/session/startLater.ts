// Starting a piece of the session whose code loads on demand: started once loaded unless stopped first, failures logged.

/** `start` returns its stop; the returned function stops it, or keeps it from starting if not loaded yet. */
export function startLater<T>(load: () => Promise<T>, start: (loaded: T) => () => void, what: string): () => void {
  let stopped = false;
  let stop = () => {};
  void load()
    .then((loaded) => {
      if (!stopped) stop = start(loaded);
    })
    .catch((error: unknown) => console.warn(`${what} did not start`, error));
  return () => {
    stopped = true;
    stop();
  };
}
