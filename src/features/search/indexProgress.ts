// Whether the search index is still being built over history from before search, for the search screen's note.
import { createSignal, onCleanup } from "solid-js";
import { indexProgress } from "../../db/search/searchSession";

/** Fewer whispers than this waiting is the index keeping up with new ones, not worth a note. */
const NOTE_FROM = 200;
const POLL_MS = 2_000;

/** Polled every POLL_MS; undefined once complete. */
export function createIndexProgress() {
  const [progress, setProgress] = createSignal<{ indexed: number; total: number }>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const poll = async () => {
    try {
      const p = await indexProgress();
      if (stopped) return;
      const building = p.total - p.indexed >= NOTE_FROM;
      setProgress(building ? p : undefined);
      if (building) timer = setTimeout(() => void poll(), POLL_MS);
    } catch {
      setProgress(undefined);
    }
  };
  void poll();
  onCleanup(() => {
    stopped = true;
    clearTimeout(timer);
  });
  return progress;
}
