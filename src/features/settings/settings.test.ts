// Settings helpers: only changed profile fields are sent; the export's file name.
import { describe, expect, it } from "vitest";
import { changedFields, exportFileName } from "./helpers";

const base = { username: "ada", displayName: "Ada", career: "Maths", interests: ["chess"], lifePhase: "", firstName: "Ada", lastName: "" };

describe("settings", () => {
  it("sends only what changed, and an emptied field as '' (to clear it)", () => {
    expect(changedFields(base, { ...base })).toEqual({});
    expect(changedFields(base, { ...base, career: "", interests: ["chess", "go"], displayName: " Ada L " })).toEqual({
      career: "",
      interests: ["chess", "go"],
      displayName: "Ada L",
    });
  });
  it("names the export after the person and the day", () => {
    expect(exportFileName("ada.l", new Date("2030-05-06T10:00:00Z"))).toBe("whispers-ada.l-2030-05-06.json");
    expect(exportFileName(undefined, new Date("2030-05-06T10:00:00Z"))).toBe("whispers-export-2030-05-06.json");
  });
});
