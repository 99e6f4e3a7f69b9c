// A conversation's whispers for the virtual list: a live head page that grows with new whispers, plus older pages on demand.
import { createMemo, createSignal, onCleanup, type Accessor } from "solid-js";
import { conversationPage, type Live } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";

export const HEAD_SIZE = 60;
export const PAGE_SIZE = 100;

export type WhisperFeed = {
  /** Oldest first. */
  whispers: Accessor<LocalWhisper[]>;
  /** False until the newest page was read. */
  ready: Accessor<boolean>;
  /** True once the oldest whisper is loaded. */
  complete: Accessor<boolean>;
  loadingOlder: Accessor<boolean>;
  /** No-op while one is loading or when complete. */
  loadOlder(size?: number): void;
};

type PageSource = (conversationId: string, options: { limit: number; before?: number }) => Live<LocalWhisper[]>;

/** Oldest first by sortKey (then id), one row per id. */
export function mergePages(pages: ReadonlyArray<readonly LocalWhisper[] | undefined>): LocalWhisper[] {
  const byId = new Map<string, LocalWhisper>();
  for (const page of pages) for (const w of page ?? []) byId.set(w.id, w);
  return [...byId.values()].sort((a, b) => a.sortKey - b.sortKey || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Rows are plain JSON-like data. */
function sameRow(a: LocalWhisper, b: LocalWhisper): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** Unchanged rows keep their old objects (all unchanged: `previous` itself), so the list re-renders only changed rows. */
export function reuseRows(previous: readonly LocalWhisper[] | undefined, next: LocalWhisper[]): LocalWhisper[] {
  if (!previous) return next;
  const before = new Map(previous.map((w) => [w.id, w]));
  let unchanged = previous.length === next.length;
  const rows = next.map((row, i) => {
    const old = before.get(row.id);
    const kept = old !== undefined && sameRow(old, row) ? old : row;
    if (kept !== previous[i]) unchanged = false;
    return kept;
  });
  return unchanged ? (previous as LocalWhisper[]) : rows;
}

/**
 * The head is every whisper newer than the first page's oldest: its limit grows when new ones would push old ones out,
 * so no gap opens before the older pages, which stay live too (reactions, deletions).
 */
export function createWhisperFeed(conversationId: string, source: PageSource = conversationPage): WhisperFeed {
  const [head, setHead] = createSignal<LocalWhisper[]>();
  const [older, setOlder] = createSignal<Array<LocalWhisper[] | undefined>>([]);
  const [complete, setComplete] = createSignal(false);
  const [loadingOlder, setLoadingOlder] = createSignal(false);
  let boundary: number | undefined;
  let headLimit = HEAD_SIZE;
  let headSubscription: { unsubscribe(): void } | undefined;
  const olderSubscriptions: Array<{ unsubscribe(): void }> = [];
  const befores: number[] = [];

  const followHead = () => {
    headSubscription?.unsubscribe();
    const limit = headLimit;
    headSubscription = source(conversationId, { limit }).subscribe((rows) => {
      const oldest = rows.at(-1)?.sortKey;
      if (boundary === undefined) {
        boundary = rows.length === limit && oldest !== undefined ? oldest : -Infinity;
        if (rows.length < limit) setComplete(true);
      } else if (rows.length === limit && oldest !== undefined && oldest > boundary) {
        headLimit += 50;
        setHead((previous) => reuseRows(previous, rows));
        return followHead();
      }
      setHead((previous) => reuseRows(previous, rows));
    });
  };
  followHead();

  const loadOlder = (size = PAGE_SIZE) => {
    if (complete() || loadingOlder() || boundary === undefined || !Number.isFinite(boundary)) return;
    const pages = older();
    const last = pages.at(-1);
    if (pages.length > 0 && !last) return;
    const oldestSoFar = last?.at(-1)?.sortKey ?? boundary;
    // +1: whispers in the same millisecond as the oldest loaded one are read again, not skipped.
    const before = oldestSoFar + 1;
    if (befores.length > 0 && before >= befores.at(-1)!) return setComplete(true);
    befores.push(before);
    const index = pages.length;
    setLoadingOlder(true);
    setOlder([...pages, undefined]);
    olderSubscriptions.push(
      source(conversationId, { limit: size, before }).subscribe((rows) => {
        setOlder((all) => {
          const page = reuseRows(all[index], rows);
          return page === all[index] ? all : all.map((p, i) => (i === index ? page : p));
        });
        if (index === befores.length - 1) {
          setLoadingOlder(false);
          if (rows.length < size) setComplete(true);
        }
      }),
    );
  };

  onCleanup(() => {
    headSubscription?.unsubscribe();
    for (const s of olderSubscriptions) s.unsubscribe();
  });

  const whispers = createMemo(() => mergePages([head(), ...older()]));
  return { whispers, ready: () => head() !== undefined, complete, loadingOlder, loadOlder };
}
