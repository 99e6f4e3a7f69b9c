// The conversation's history: a virtual list of whispers with day separators, older pages on demand, jump to latest, open at one whisper.
import { createEffect, createMemo, createSignal, onCleanup, Show } from "solid-js";
import { whisperPreview } from "../../db/shapes";
import { refsTo } from "../../db/shapes";
import type { LocalWhisper } from "../../db/types";
import { dayKey, formatDay } from "../../ui/format";
import { Icon } from "../../ui/Icon";
import { VirtualList, type VirtualListApi } from "../../ui/VirtualList";
import { WhisperBubble } from "./WhisperBubble";
import type { WhisperFeed } from "./whisperFeed";

type Row = { kind: "day"; key: string; at: number } | { kind: "whisper"; key: string; whisper: LocalWhisper };

export function withDaySeparators(whispers: readonly LocalWhisper[]): Row[] {
  const rows: Row[] = [];
  let day: number | undefined;
  for (const w of whispers) {
    const key = dayKey(w.sortKey);
    if (key !== day) {
      rows.push({ kind: "day", key: `day-${key}`, at: w.sortKey });
      day = key;
    }
    rows.push({ kind: "whisper", key: w.id, whisper: w });
  }
  return rows;
}

/** Older pages are this big while looking for the whisper to open at (scrolling back uses PAGE_SIZE). */
const REVEAL_PAGE = 500;
/** Ms a whisper opened from a search result stays lit (conversation.css fades it). */
const FOUND_MS = 2500;

/** A one-line text whisper is exact (97 px), so a new one needs no second layout once measured. */
function estimate(row: Row): number {
  if (row.kind === "day") return 40;
  const w = row.whisper;
  let h = 76 + Math.max(1, Math.ceil((w.content?.length ?? 0) / 34)) * 21;
  if (w.imageUrl || w.localBlobKind === "image") h += 210;
  if (w.audioUrl || w.localBlobKind === "voice") h += 70;
  if (w.reactions.length > 0) h += 34;
  if (w.syncState === "failed") h += 70;
  return h;
}

export type WhisperListProps = {
  /** Started by the screen, in parallel with the rest. */
  feed: WhisperFeed;
  onNewFromOthers?: (w: LocalWhisper) => void;
  listRef?: (api: VirtualListApi) => void;
  /** Id or clientId to open at (older pages load until found, then centred, lit and focused); `onRevealed(false)`: not here. */
  reveal?: string;
  onRevealed?: (found: boolean) => void;
};

export function WhisperList(props: WhisperListProps) {
  // eslint-disable-next-line solid/reactivity -- one feed per mounted list (the screen is keyed by conversation)
  const feed = props.feed;
  const rows = createMemo(() => withDaySeparators(feed.whispers()));
  const byRef = createMemo(() => new Map(feed.whispers().flatMap((w) => refsTo(w).map((ref) => [ref, w] as const))));
  const chainRoots = createMemo(() => new Set(feed.whispers().flatMap((w) => (w.chainRootId ? [w.chainRootId] : []))));
  const isChainRoot = (w: LocalWhisper) => refsTo(w).some((ref) => chainRoots().has(ref));
  const [atBottom, setAtBottom] = createSignal(true);
  const [announcement, setAnnouncement] = createSignal("");
  let api: VirtualListApi | undefined;
  let lastSeen: string | undefined;

  /** Keeps its tabindex (it may hold the focus) until the next reveal. */
  const [found, setFound] = createSignal<{ key: string; lit: boolean }>();
  let history: HTMLDivElement | undefined;
  let revealed: string | undefined;
  let frame = 0;
  let unlight: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => {
    cancelAnimationFrame(frame);
    clearTimeout(unlight);
  });
  createEffect(() => {
    const target = props.reveal;
    if (!target || target === revealed || !feed.ready()) return;
    const whisper = feed.whispers().find((w) => refsTo(w).includes(target));
    if (!whisper) {
      if (feed.complete()) {
        revealed = target;
        props.onRevealed?.(false);
      } else if (!feed.loadingOlder()) feed.loadOlder(REVEAL_PAGE);
      return;
    }
    revealed = target;
    const key = whisper.id;
    // After the list's first layout (it starts at the bottom), in the frame it paints.
    cancelAnimationFrame(frame);
    clearTimeout(unlight);
    frame = requestAnimationFrame(() => {
      api?.scrollToKey(key);
      setFound({ key, lit: true });
      history?.querySelector<HTMLElement>(".whisper-row[tabindex]")?.focus({ preventScroll: true });
      unlight = setTimeout(() => setFound({ key, lit: false }), FOUND_MS);
    });
    props.onRevealed?.(true);
  });

  createEffect(() => {
    const newest = feed.whispers().at(-1);
    if (!newest || !feed.ready()) return;
    if (lastSeen !== undefined && newest.id !== lastSeen && !newest.fromViewer) {
      setAnnouncement(`New whisper: ${whisperPreview(newest)}`);
      props.onNewFromOthers?.(newest);
    }
    lastSeen = newest.id;
  });

  return (
    <div class="history" ref={history}>
      <Show when={feed.loadingOlder()}>
        <p class="history-loading" role="status">
          Loading older whispers…
        </p>
      </Show>
      <Show when={feed.ready()} fallback={<div class="history-empty" />}>
        <Show
          when={rows().length > 0}
          fallback={
            <div class="history-empty">
              <Icon name="chat" size={36} />
              <p>No whispers yet. Say something kind.</p>
            </div>
          }
        >
          <VirtualList
            items={rows()}
            keyOf={(row) => row.key}
            estimate={estimate}
            label="Whispers"
            class="history-list"
            canAnchor={(row) => row.kind === "whisper"}
            onNearTop={() => feed.loadOlder()}
            onAtBottomChange={setAtBottom}
            ref={(a) => {
              api = a;
              props.listRef?.(a);
            }}
          >
            {(row) => (
              <Show
                when={row().kind === "whisper" ? (row() as Extract<Row, { kind: "whisper" }>).whisper : undefined}
                fallback={<p class="day-separator">{formatDay((row() as Extract<Row, { kind: "day" }>).at)}</p>}
              >
                {(w) => {
                  const isFound = () => found()?.key === w().id;
                  return (
                    <div
                      class="whisper-row"
                      classList={{ "whisper-found": isFound() && found()?.lit }}
                      tabindex={isFound() ? -1 : undefined}
                    >
                      <WhisperBubble
                        whisper={w()}
                        parent={w().parentId ? byRef().get(w().parentId!) : undefined}
                        chainRoot={w().chainRootId ?? (isChainRoot(w()) ? w().id : undefined)}
                      />
                    </div>
                  );
                }}
              </Show>
            )}
          </VirtualList>
        </Show>
      </Show>
      <Show when={!atBottom()}>
        <button type="button" class="btn jump-latest" onClick={() => api?.scrollToBottom()}>
          <Icon name="back" size={16} class="rotate-down" />
          Latest
        </button>
      </Show>
      <p class="visually-hidden" role="status" aria-live="polite">
        {announcement()}
      </p>
    </div>
  );
}
