// @vitest-environment jsdom
// Avatar initials are whole characters as a person sees them: emoji (with skin tones, ZWJ families, flags) and accented letters never split.
import { cleanup, render } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { Avatar, initialsOf } from "./Avatar";

afterEach(cleanup);

describe("initialsOf", () => {
  it("takes the first letter of the first and last word, or two of a single word", () => {
    expect(initialsOf("Ada Lovelace")).toBe("AL");
    expect(initialsOf("  grace  brewster hopper ")).toBe("GH");
    expect(initialsOf("bob")).toBe("BO");
    expect(initialsOf("")).toBe("?");
  });

  it("never splits an emoji or a letter with its accents", () => {
    expect(initialsOf("🦊 Fox")).toBe("🦊F");
    expect(initialsOf("👍🏽 Thumbs")).toBe("👍🏽T");
    expect(initialsOf("👩‍👩‍👧 Family")).toBe("👩‍👩‍👧F");
    expect(initialsOf("🇯🇵🇫🇷")).toBe("🇯🇵🇫🇷");
    expect(initialsOf("e\u0301mile zola")).toBe("E\u0301Z");
    expect(initialsOf("𝒜lice 𝒷ob")).toBe("𝒜𝒷");
    expect(initialsOf("ليلى حسن")).toBe("لح");
    for (const name of ["🦊 Fox", "👩‍👩‍👧", "🇯🇵🇫🇷", "𝒜lice"]) {
      expect(initialsOf(name)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it("shows the initials in the avatar", () => {
    const { container } = render(() => <Avatar id="u1" name="🦊 Fox" />);
    expect(container.textContent).toBe("🦊F");
  });
});
