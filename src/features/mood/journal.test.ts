// The journal timeline's grouping by day and its day labels.
import { describe, expect, it } from "vitest";
import { dayLabel, groupByDay } from "./journal";

const now = new Date(2025, 5, 15, 18, 0).getTime();
const at = (dayOffset: number, hour: number) => new Date(2025, 5, 15 + dayOffset, hour, 0).getTime();

describe("groupByDay", () => {
  it("groups by local day, newest day and entry first, with Today and Yesterday", () => {
    const days = groupByDay(
      [
        { mood: "sad", at: at(-1, 9) },
        { mood: "calm", at: at(0, 8) },
        { mood: "happy", at: at(0, 12) },
        { mood: "tired", at: at(-3, 22) },
      ],
      now,
    );
    expect(days.map((d) => d.label)).toEqual(["Today", "Yesterday", dayLabel(at(-3, 22), now)]);
    expect(days[0].entries.map((e) => e.mood)).toEqual(["happy", "calm"]);
    expect(days[2].label).not.toMatch(/Today|Yesterday/);
  });

  it("adds the year only for another year", () => {
    expect(dayLabel(new Date(2024, 11, 31, 12).getTime(), now)).toMatch(/2024/);
    expect(dayLabel(at(-10, 12), now)).not.toMatch(/2025/);
  });
});
