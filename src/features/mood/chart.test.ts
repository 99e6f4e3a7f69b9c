// Mood valence mapping and the mood chart's geometry and text alternative.
import { describe, expect, it } from "vitest";
import { CHART_MAX_ENTRIES, DEFAULT_BOX, moodChartGeometry, moodSummary, valenceY } from "./chart";
import { MOOD_IDS, MOOD_LIST, moodInfo, signed, valenceOf, valenceWord } from "./moods";

const SERVER_MOODS = [
  "happy",
  "calm",
  "excited",
  "grateful",
  "hopeful",
  "curious",
  "anxious",
  "sad",
  "lonely",
  "angry",
  "tired",
  "bored",
];
const day = (n: number) => Date.UTC(2025, 0, 1 + n, 12);

describe("moods", () => {
  it("lists exactly the server's 12 moods, each with a word and a valence in -2..2", () => {
    expect(MOOD_IDS).toEqual(SERVER_MOODS);
    for (const m of MOOD_LIST) {
      expect(m.label).not.toBe("");
      expect(m.valence).toBeGreaterThanOrEqual(-2);
      expect(m.valence).toBeLessThanOrEqual(2);
    }
  });

  it("puts bright moods above low ones", () => {
    expect(valenceOf("happy")).toBe(2);
    expect(valenceOf("sad")).toBe(-2);
    expect(valenceOf("calm")).toBeGreaterThan(valenceOf("anxious"));
    expect(valenceOf("tired")).toBeLessThan(0);
  });

  it("treats an unknown mood as neutral and keeps its name", () => {
    expect(valenceOf("serene")).toBe(0);
    expect(moodInfo("serene").label).toBe("Serene");
    expect(moodInfo(undefined).label).toBe("No mood");
  });

  it("words and signs valences", () => {
    expect(valenceWord(2)).toBe("bright");
    expect(valenceWord(0)).toBe("mixed");
    expect(valenceWord(-2)).toBe("low");
    expect(signed(1.25)).toBe("+1.3");
    expect(signed(-0.04)).toBe("0");
    expect(signed(-1)).toBe("-1");
  });
});

describe("moodChartGeometry", () => {
  const box = DEFAULT_BOX;
  const inner = box.height - box.top - box.bottom;

  it("maps valence +2 to the top, -2 to the bottom and 0 to the middle", () => {
    expect(valenceY(2)).toBe(box.top);
    expect(valenceY(-2)).toBe(box.top + inner);
    expect(valenceY(0)).toBe(box.top + inner / 2);
  });

  it("spreads entries over time from left to right, oldest first, whatever the input order", () => {
    const g = moodChartGeometry([
      { mood: "sad", at: day(2) },
      { mood: "happy", at: day(0) },
      { mood: "calm", at: day(1) },
    ]);
    expect(g.points.map((p) => p.mood)).toEqual(["happy", "calm", "sad"]);
    expect(g.points[0].x).toBe(box.left);
    expect(g.points[2].x).toBe(box.width - box.right);
    expect(g.points[1].x).toBeCloseTo((box.left + box.width - box.right) / 2, 0);
    expect(g.points[0].y).toBe(box.top);
    expect(g.points[2].y).toBe(box.top + inner);
    expect(g.path).toBe(
      `M${g.points[0].x} ${g.points[0].y} L${g.points[1].x} ${g.points[1].y} L${g.points[2].x} ${g.points[2].y}`,
    );
  });

  it("centres a single entry and draws no path for none", () => {
    const one = moodChartGeometry([{ mood: "calm", at: day(0) }]);
    expect(one.points[0].x).toBe((box.left + box.width - box.right) / 2);
    expect(one.xTicks).toHaveLength(1);
    const none = moodChartGeometry([]);
    expect(none.points).toEqual([]);
    expect(none.path).toBe("");
  });

  it("has a grid line per valence step and at most four date ticks", () => {
    const g = moodChartGeometry(Array.from({ length: 10 }, (_, i) => ({ mood: "happy", at: day(i) })));
    expect(g.yTicks.map((t) => t.valence)).toEqual([2, 1, 0, -1, -2]);
    expect(g.zeroY).toBe(valenceY(0));
    expect(g.xTicks).toHaveLength(4);
    expect(g.xTicks[0].x).toBe(box.left);
    expect(g.xTicks[3].x).toBe(box.width - box.right);
  });

  it("shows only the newest entries", () => {
    const many = Array.from({ length: CHART_MAX_ENTRIES + 5 }, (_, i) => ({ mood: "calm", at: day(i) }));
    const g = moodChartGeometry(many);
    expect(g.points).toHaveLength(CHART_MAX_ENTRIES);
    expect(g.points[0].at).toBe(day(5));
  });
});

describe("moodSummary", () => {
  it("says how many entries, the average and the latest mood", () => {
    const text = moodSummary([
      { mood: "happy", at: day(0) },
      { mood: "sad", at: day(1) },
      { mood: "calm", at: day(2) },
    ]);
    expect(text).toMatch(
      /^Mood over time, 3 entries from .+ to .+: mostly positive on average \(\+0\.3 on a scale from -2 to \+2\)\. Latest: calm\.$/,
    );
  });

  it("handles one and no entries", () => {
    expect(moodSummary([])).toBe("No moods recorded yet.");
    expect(moodSummary([{ mood: "sad", at: day(0) }])).toMatch(/1 entry on .+: low on average \(-2/);
  });
});
