// VirtualList's windowing math: offsets, binary search, the rendered range and scroll anchors.
import { describe, expect, it } from "vitest";
import { anchorAt, isAtBottom, maxScrollTop, prefixOffsets, rowAt, scrollTopForAnchor, visibleRange } from "./virtualWindow";

describe("virtual window math", () => {
  const heights = [10, 20, 30, 40];
  const offsets = prefixOffsets(heights);

  it("sums heights into row tops and a total", () => {
    expect(Array.from(offsets)).toEqual([0, 10, 30, 60, 100]);
  });

  it("finds the row under a pixel", () => {
    expect(rowAt(offsets, 0)).toBe(0);
    expect(rowAt(offsets, 9.9)).toBe(0);
    expect(rowAt(offsets, 10)).toBe(1);
    expect(rowAt(offsets, 59)).toBe(2);
    expect(rowAt(offsets, 1000)).toBe(3);
    expect(rowAt(prefixOffsets([]), 5)).toBe(0);
  });

  it("renders only the rows in the viewport plus overscan", () => {
    expect(visibleRange(offsets, 15, 20, 0)).toEqual({ start: 1, end: 3 });
    expect(visibleRange(offsets, 15, 20, 100)).toEqual({ start: 0, end: 4 });
    expect(visibleRange(prefixOffsets([]), 0, 500, 100)).toEqual({ start: 0, end: 0 });
  });

  it("keeps the window small for 10,000 rows", () => {
    const big = prefixOffsets(new Array(10_000).fill(72));
    const total = big[10_000]!;
    const range = visibleRange(big, maxScrollTop(total, 800), 800, 400);
    expect(range.end).toBe(10_000);
    expect(range.end - range.start).toBeLessThanOrEqual(Math.ceil((800 + 400) / 72) + 1);
    const middle = visibleRange(big, 360_000, 800, 400);
    expect(middle.start).toBe(Math.floor((360_000 - 400) / 72));
    expect(middle.end - middle.start).toBeLessThanOrEqual(Math.ceil((800 + 800) / 72) + 2);
  });

  it("knows when the view is at the bottom", () => {
    expect(isAtBottom(200, 800, 1000)).toBe(true);
    expect(isAtBottom(100, 800, 1000)).toBe(false);
    expect(maxScrollTop(500, 800)).toBe(0);
  });

  it("restores the view after older rows are prepended", () => {
    const keys = ["c", "d", "e", "f"];
    const anchor = anchorAt(offsets, keys, 35)!;
    expect(anchor).toEqual({ key: "e", within: 5 });
    const grown = prefixOffsets([50, 50, ...heights]);
    const grownKeys = ["a", "b", ...keys];
    expect(scrollTopForAnchor(grown, (k) => grownKeys.indexOf(k), anchor)).toBe(100 + 30 + 5);
    expect(scrollTopForAnchor(grown, () => -1, anchor)).toBeNull();
  });

  it("anchors on the next row that can anchor (not on a day separator)", () => {
    const keys = ["day-1", "a", "b", "c"];
    expect(anchorAt(offsets, keys, 5, (i) => !keys[i]!.startsWith("day-"))).toEqual({ key: "a", within: -5 });
  });
});
