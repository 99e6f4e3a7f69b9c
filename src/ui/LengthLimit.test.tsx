// @vitest-environment jsdom
// LengthLimit: counts as the server does (trimmed), shows the counter from 90 % of the limit, and says why past it.
import { cleanup, render, screen } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it } from "vitest";
import { counterShownFrom, LengthLimit, overLimit, textLength } from "./LengthLimit";

afterEach(cleanup);

describe("LengthLimit", () => {
  it("counts the trimmed text, like the server's checkText", () => {
    expect(textLength("  hello \n")).toBe(5);
    expect(overLimit(` ${"a".repeat(280)} `, 280)).toBe(false);
    expect(overLimit("a".repeat(281), 280)).toBe(true);
    expect(counterShownFrom(2000)).toBe(1800);
    expect(counterShownFrom(280)).toBe(252);
  });

  it("is silent well below the limit, counts near it and explains past it", () => {
    const [value, setValue] = createSignal("a".repeat(251));
    render(() => <LengthLimit id="note-length" value={value()} max={280} />);
    const reason = document.getElementById("note-length")!;
    expect(reason.getAttribute("role")).toBe("status");
    expect(screen.queryByText(/\/ 280/)).toBeNull();
    setValue("a".repeat(252));
    expect(screen.getByText("252 / 280", { exact: false }).textContent).toBe("252 / 280 characters");
    expect(reason.textContent).toBe("");
    setValue("a".repeat(1234));
    expect(screen.getByText("1,234 / 280", { exact: false })).toBeTruthy();
    expect(reason.textContent).toBe("Too long to send: the limit is 280 characters. Shorten it first.");
  });

  it("says 'save' for a field that is saved rather than sent", () => {
    render(() => <LengthLimit id="note-length" value={"a".repeat(300)} max={280} action="save" />);
    expect(document.getElementById("note-length")!.textContent).toBe("Too long to save: the limit is 280 characters. Shorten it first.");
  });
});
