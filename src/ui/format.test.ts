// Duration and list-time formatting.
import { describe, expect, it } from "vitest";
import { errorText, formatDay, formatDuration } from "./format";

describe("format", () => {
  it("shows durations as m:ss in whole seconds, never 0:00 for a real clip", () => {
    expect(formatDuration(1.98)).toBe("0:01");
    expect(formatDuration(0.4)).toBe("0:01");
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(119.7)).toBe("1:59");
  });
  it("names today and yesterday", () => {
    const now = new Date(2030, 4, 6, 12).getTime();
    expect(formatDay(now - 3_600_000, now)).toBe("Today");
    expect(formatDay(now - 86_400_000, now)).toBe("Yesterday");
  });
  it("reads a ConvexError's message", () => {
    expect(errorText({ data: { code: "BLOCKED", message: "You can't reach this person." } })).toBe("You can't reach this person.");
    expect(errorText(new Error("Plain"))).toBe("Plain");
  });
});
