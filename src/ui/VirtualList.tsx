// A windowed list: renders only the rows in view (plus overscan), measures them, stays anchored at the bottom.
import { createEffect, createMemo, createSignal, For, on, onCleanup, onMount, Show, type Accessor, type JSX } from "solid-js";
import { anchorAt, isAtBottom, maxScrollTop, prefixOffsets, scrollTopForAnchor, visibleRange, type Anchor } from "./virtualWindow";

export type VirtualListProps<T> = {
  items: readonly T[];
  /** Kept when the item's object changes. */
  keyOf: (item: T) => string;
  estimate: (item: T) => number;
  children: (item: Accessor<T>, index: Accessor<number>) => JSX.Element;
  label: string;
  /** Px above and below the viewport (default 600). */
  overscan?: number;
  /** Others are never scroll anchors (default: all can be). */
  canAnchor?: (item: T) => boolean;
  /** Within 1.5 screens of the top. */
  onNearTop?: () => void;
  /** Start at the bottom and stay there while the person is there (default true). */
  stickToBottom?: boolean;
  /** Assumed before it can be measured (tests, first paint). */
  initialViewport?: number;
  class?: string;
  /** Receives the jump-to-bottom control (to show a "latest" button). */
  onAtBottomChange?: (atBottom: boolean) => void;
  ref?: (api: VirtualListApi) => void;
};

export type VirtualListApi = {
  scrollToBottom(): void;
  /** Centres the row and keeps it there through measuring and added rows, until the person scrolls; false when absent. */
  scrollToKey(key: string): boolean;
};

export function VirtualList<T>(props: VirtualListProps<T>) {
  let scroller: HTMLDivElement | undefined;
  const measured = new Map<string, number>();
  const [version, setVersion] = createSignal(0);
  const [scrollTop, setScrollTop] = createSignal(0);
  const [viewport, setViewport] = createSignal(props.initialViewport ?? 700);
  // eslint-disable-next-line solid/reactivity -- the starting position only
  const [atBottom, setAtBottom] = createSignal(props.stickToBottom !== false);
  const sticky = () => atBottom() && props.stickToBottom !== false;
  let anchor: Anchor | null = null;
  /** The anchor is a row scrolled to (scrollToKey): kept through our own scrolls, dropped at the person's first. */
  let pinned = false;

  const keys = createMemo(() => props.items.map((item) => props.keyOf(item)));
  const indexByKey = createMemo(() => new Map(keys().map((key, i) => [key, i])));
  const offsets = createMemo(() => {
    version();
    const items = props.items;
    const list = keys();
    const heights = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++) heights[i] = measured.get(list[i]!) ?? props.estimate(items[i]!);
    return prefixOffsets(heights);
  });
  const total = () => offsets()[offsets().length - 1] ?? 0;
  // Sticky: the bottom window at once; else where the anchor's row is now, so rows are never rendered at the old position first.
  const windowTop = () => {
    if (sticky()) return Math.max(scrollTop(), maxScrollTop(total(), viewport()));
    const top = scrollTop();
    if (!anchor) return top;
    const index = indexByKey();
    const restored = scrollTopForAnchor(offsets(), (k) => index.get(k) ?? -1, anchor);
    return restored === null ? top : Math.min(Math.max(0, restored), maxScrollTop(total(), viewport()));
  };
  // In steps, so a few pixels of scrolling (or a measured row) re-render nothing.
  const range = createMemo(() => {
    const overscan = props.overscan ?? 600;
    const step = Math.min(256, Math.floor(overscan / 2));
    const top = windowTop();
    const stepped = step > 0 ? Math.floor(top / step) * step : top;
    return visibleRange(offsets(), stepped, viewport() + step, overscan);
  });
  const visibleKeys = createMemo(() => keys().slice(range().start, range().end));

  /** The last scroll position we know of: only a move up leaves the bottom. */
  let lastTop = 0;
  const setTop = (top: number) => {
    if (!scroller) return;
    lastTop = top;
    scroller.scrollTop = top;
    setScrollTop(scroller.scrollTop || top);
  };
  /** The DOM's scroll height wins when it knows better (padding, late layout). */
  const toBottom = () => {
    if (!scroller) return;
    setTop(Math.max(maxScrollTop(total(), viewport()), scroller.scrollHeight - scroller.clientHeight));
  };
  /** Next frame, once for all changes before it: reading the scroll height lays out, and there that layout is the frame's own. */
  let bottomFrame: number | undefined;
  const toBottomSoon = () => {
    if (bottomFrame !== undefined) return;
    if (typeof requestAnimationFrame !== "function") return toBottom();
    bottomFrame = requestAnimationFrame(() => {
      bottomFrame = undefined;
      if (sticky()) toBottom();
    });
  };
  onCleanup(() => bottomFrame !== undefined && cancelAnimationFrame(bottomFrame));
  /** Inside the resize observer's callback: the frame is being laid out, the bottom is kept in it. */
  let measuring = false;
  const markBottom = (value: boolean) => {
    if (value !== atBottom()) props.onAtBottomChange?.(value);
    setAtBottom(value);
  };

  const api: VirtualListApi = {
    scrollToBottom() {
      pinned = false;
      markBottom(true);
      toBottomSoon();
    },
    scrollToKey(key) {
      const index = indexByKey().get(key);
      if (index === undefined || !scroller) return false;
      markBottom(false);
      const rows = offsets();
      const height = rows[index + 1]! - rows[index]!;
      const top = Math.min(Math.max(0, rows[index]! - Math.max(0, (viewport() - height) / 2)), maxScrollTop(total(), viewport()));
      anchor = { key, within: top - rows[index]! };
      pinned = true;
      setTop(top);
      return true;
    },
  };
  // eslint-disable-next-line solid/reactivity -- handed over once, like a ref
  props.ref?.(api);

  // After every layout change: stay at the bottom, or keep the row under the view where it was.
  createEffect(
    on([offsets, viewport], () => {
      if (!scroller) return;
      if (sticky()) return measuring ? toBottom() : toBottomSoon();
      const index = indexByKey();
      const restored = anchor ? scrollTopForAnchor(offsets(), (k) => index.get(k) ?? -1, anchor) : null;
      if (restored !== null && Math.abs(restored - scroller.scrollTop) > 0.5) setTop(restored);
    }),
  );

  const onScroll = () => {
    if (!scroller) return;
    const top = scroller.scrollTop;
    // A scroll of ours (setTop) keeps a pinned row where it is; any other unpins it.
    pinned &&= Math.abs(top - lastTop) <= 1;
    const canAnchor = props.canAnchor;
    const items = props.items;
    // The anchor first: the window follows it (windowTop).
    if (!pinned) anchor = anchorAt(offsets(), keys(), top, canAnchor ? (i) => canAnchor(items[i]!) : undefined);
    setScrollTop(top);
    // Resizes and late measurements also move scrollTop (clamping): they must not unstick the
    // view from the bottom. Only the person scrolling up does.
    const movedUp = top < lastTop - 1;
    lastTop = top;
    markBottom(isAtBottom(top, viewport(), total()) || (atBottom() && !movedUp));
    if (top < viewport() * 1.5) props.onNearTop?.();
  };

  const rowObserver =
    typeof ResizeObserver === "undefined"
      ? undefined
      : new ResizeObserver((entries) => {
          let changed = false;
          for (const entry of entries) {
            const key = (entry.target as HTMLElement).dataset.key;
            const height = entry.borderBoxSize?.[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
            if (!key || height === 0 || measured.get(key) === height) continue;
            // The height the offsets used so far: a row as tall as its estimate moves nothing.
            const index = indexByKey().get(key);
            const used = measured.get(key) ?? (index === undefined ? undefined : props.estimate(props.items[index]!));
            measured.set(key, height);
            if (used !== height) changed = true;
          }
          if (!changed) return;
          measuring = true;
          try {
            setVersion((v) => v + 1);
          } finally {
            measuring = false;
          }
        });
  onCleanup(() => rowObserver?.disconnect());
  onMount(() => {
    if (!scroller) return;
    if (scroller.clientHeight > 0) setViewport(scroller.clientHeight);
    if (typeof ResizeObserver !== "undefined") {
      const viewObserver = new ResizeObserver(() => scroller && scroller.clientHeight > 0 && setViewport(scroller.clientHeight));
      viewObserver.observe(scroller);
      onCleanup(() => viewObserver.disconnect());
    }
    if (props.stickToBottom !== false) toBottom();
  });

  return (
    <div
      ref={scroller}
      class={`vlist ${props.class ?? ""}`}
      role="list"
      aria-label={props.label}
      tabindex="0"
      onScroll={onScroll}
    >
      <div class="vlist-inner" style={{ height: `${total()}px` }}>
        <For each={visibleKeys()}>
          {(key) => {
            const index = () => indexByKey().get(key) ?? -1;
            const item = () => props.items[index()]!;
            return (
              <Show when={index() >= 0}>
                <div
                  role="listitem"
                  aria-setsize={props.items.length}
                  aria-posinset={index() + 1}
                  class="vlist-row"
                  data-key={key}
                  style={{ transform: `translateY(${offsets()[index()]}px)` }}
                  ref={(el) => {
                    rowObserver?.observe(el);
                    onCleanup(() => rowObserver?.unobserve(el));
                  }}
                >
                  {props.children(item, index)}
                </div>
              </Show>
            );
          }}
        </For>
      </div>
    </div>
  );
}
