// The admin whispers chart: scale, bar geometry and its summary.
import { describe, expect, it } from "vitest";
import { BAR_BOX, barGeometry, barSummary, niceMax } from "./statsChart";

const week = [3, 0, 12, 7, 5, 20, 9].map((count, i) => ({ day: `2025-01-0${i + 1}`, count }));

describe("niceMax", () => {
  it("rounds up to 1, 2, 5 × a power of ten", () => {
    expect([0, 1, 2, 3, 7, 10, 11, 20, 21, 99, 101, 4999].map(niceMax)).toEqual([
      1, 1, 2, 5, 10, 10, 20, 20, 50, 100, 200, 5000,
    ]);
  });
});

describe("barGeometry", () => {
  it("draws one bar per day, left to right, heights in proportion to the scale", () => {
    const { bars, max, baseY } = barGeometry(week);
    expect(max).toBe(20);
    expect(baseY).toBe(BAR_BOX.height - BAR_BOX.bottom);
    expect(bars).toHaveLength(7);
    const inner = BAR_BOX.height - BAR_BOX.top - BAR_BOX.bottom;
    expect(bars[5].height).toBe(inner);
    expect(bars[5].y).toBe(BAR_BOX.top);
    expect(bars[1].height).toBe(0);
    expect(bars[1].y).toBe(baseY);
    expect(bars[2].height).toBeCloseTo((12 / 20) * inner, 1);
    for (let i = 1; i < bars.length; i++) expect(bars[i].x).toBeGreaterThan(bars[i - 1].x + bars[i - 1].width);
    expect(bars[0].x).toBeGreaterThanOrEqual(BAR_BOX.side);
    expect(bars[6].x + bars[6].width).toBeLessThanOrEqual(BAR_BOX.width - BAR_BOX.side);
  });

  it("labels bars with the weekday of the UTC day and keeps value labels inside the chart", () => {
    const { bars } = barGeometry(week);
    expect(bars[0].label).toBe(
      new Date("2025-01-01T00:00:00Z").toLocaleDateString(undefined, { weekday: "short", timeZone: "UTC" }),
    );
    expect(Math.min(...bars.map((b) => b.valueY))).toBeGreaterThanOrEqual(12);
  });

  it("draws flat bars when every count is zero", () => {
    const { bars, max } = barGeometry(week.map((d) => ({ ...d, count: 0 })));
    expect(max).toBe(1);
    expect(bars.every((b) => b.height === 0)).toBe(true);
  });
});

describe("barSummary", () => {
  it("gives the total, the busiest day and today", () => {
    expect(barSummary(week)).toMatch(
      /^Whispers per day over the last 7 days: 56 in total\. Busiest: \S+ 2025-01-06 with 20\. Today: 9\.$/,
    );
    expect(barSummary([])).toBe("No whisper counts yet.");
  });
});
