// Score parts as bars (points of their maximum) and the reasons a match gives.
import { describe, expect, it } from "vitest";
import { matchReasons, PART_MAX, scoreBars, scorePercent, type MoodMatch } from "./scoreParts";

describe("scoreBars", () => {
  it("gives one bar per part in a fixed order, as points of that part's maximum", () => {
    const bars = scoreBars({ career: 0.075, mood: 0.32, lifePhase: 0.15, interests: 0.1 });
    expect(bars.map((b) => b.key)).toEqual(["mood", "interests", "lifePhase", "career"]);
    expect(bars.map((b) => [b.points, b.max, b.percent])).toEqual([
      [32, 40, 80],
      [10, 30, 33],
      [15, 15, 100],
      [8, 15, 53],
    ]);
    expect(bars.reduce((s, b) => s + b.max, 0)).toBe(100);
  });

  it("clamps values outside 0…max", () => {
    const bars = scoreBars({ mood: 0.9, interests: -0.2, lifePhase: 0, career: PART_MAX.career });
    expect(bars[0]).toMatchObject({ points: 40, percent: 100 });
    expect(bars[1]).toMatchObject({ points: 0, percent: 0 });
    expect(bars[3]).toMatchObject({ points: 15, percent: 100 });
  });

  it("turns the score into a percentage", () => {
    expect(scorePercent(0.576)).toBe(58);
    expect(scorePercent(1.2)).toBe(100);
    expect(scorePercent(-1)).toBe(0);
  });
});

describe("matchReasons", () => {
  const base: MoodMatch = {
    user: {
      _id: "u1",
      username: "bob",
      displayName: "Bob",
      mood: "hopeful",
      interests: ["jazz"],
      lifePhase: "new parent",
      career: "engineer",
    },
    score: 0.9,
    parts: { mood: 0.32, interests: 0.1, lifePhase: 0.15, career: 0.15 },
    sharedInterests: ["jazz", "chess"],
  };

  it("explains each part that scored, strongest first", () => {
    expect(matchReasons(base, { mood: "sad" })).toEqual([
      "They feel hopeful, a good fit for your sad mood.",
      "2 shared interests.",
      "Same life phase: new parent.",
      "Same career: engineer.",
    ]);
  });

  it("says 'you both feel' for the same mood and 'related' for a half career score", () => {
    const reasons = matchReasons(
      { ...base, sharedInterests: ["jazz"], parts: { ...base.parts, career: 0.075, lifePhase: 0 } },
      { mood: "hopeful" },
    );
    expect(reasons).toEqual(["You both feel hopeful.", "1 shared interest.", "Related career: engineer."]);
  });

  it("gives no reason for parts that scored nothing", () => {
    expect(
      matchReasons({ ...base, sharedInterests: [], parts: { mood: 0, interests: 0, lifePhase: 0, career: 0 } }, {}),
    ).toEqual([]);
  });
});
