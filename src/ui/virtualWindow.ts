// The windowing math of VirtualList: row offsets from measured/estimated heights, the visible range, scroll anchors.

/** offsets[i] = top of row i; offsets[n] = total height. O(n), ~0.1 ms for 10,000 rows. */
export function prefixOffsets(heights: ArrayLike<number>): Float64Array {
  const offsets = new Float64Array(heights.length + 1);
  for (let i = 0; i < heights.length; i++) offsets[i + 1] = offsets[i]! + heights[i]!;
  return offsets;
}

/** The last row whose top is ≤ y; clamped to [0, n-1]. */
export function rowAt(offsets: Float64Array, y: number): number {
  const n = offsets.length - 1;
  if (n <= 0) return 0;
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid]! <= y) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** [start, end): every row intersecting the viewport widened by `overscan` px. */
export function visibleRange(offsets: Float64Array, scrollTop: number, viewport: number, overscan: number): { start: number; end: number } {
  const n = offsets.length - 1;
  if (n <= 0) return { start: 0, end: 0 };
  const start = rowAt(offsets, Math.max(0, scrollTop - overscan));
  const bottom = scrollTop + viewport + overscan;
  let end = rowAt(offsets, bottom) + 1;
  if (end > n) end = n;
  return { start, end };
}

export function isAtBottom(scrollTop: number, viewport: number, total: number, slack = 48): boolean {
  return total - (scrollTop + viewport) <= slack;
}

export function maxScrollTop(total: number, viewport: number): number {
  return Math.max(0, total - viewport);
}

/** "Row `key`, `within` px below its top": survives rows added above. */
export type Anchor = { key: string; within: number };

/** The row under the view's top or the next that `canAnchor` (rows that move when others are added make poor anchors). */
export function anchorAt(
  offsets: Float64Array,
  keys: readonly string[],
  scrollTop: number,
  canAnchor: (index: number) => boolean = () => true,
): Anchor | null {
  if (keys.length === 0) return null;
  let index = rowAt(offsets, scrollTop);
  while (index < keys.length - 1 && !canAnchor(index)) index++;
  return { key: keys[index]!, within: scrollTop - offsets[index]! };
}

export function scrollTopForAnchor(offsets: Float64Array, indexOfKey: (key: string) => number, anchor: Anchor): number | null {
  const index = indexOfKey(anchor.key);
  return index < 0 ? null : offsets[index]! + anchor.within;
}
