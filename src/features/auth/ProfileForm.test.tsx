// @vitest-environment jsdom
// The profile form: username format checked at once, availability needs the network, interests as chips, submit values.
import { cleanup, fireEvent, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addInterest, usernameFormatProblem } from "./profileRules";
import { ProfileForm, profileValues, type ProfileValues } from "./ProfileForm";

afterEach(cleanup);

const initial: ProfileValues = { username: "ada", displayName: "Ada", career: "", interests: ["chess"], lifePhase: "", firstName: "", lastName: "" };
const flush = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

describe("ProfileForm", () => {
  it("says why a username is malformed, and that availability waits for the network offline", async () => {
    render(() => <ProfileForm initial={initial} currentUsername="ada" submitLabel="Save" onSubmit={vi.fn()} />);
    const field = screen.getByRole("textbox", { name: "Username" });
    fireEvent.input(field, { target: { value: "a!" } });
    expect(screen.getByText("Usernames need at least 3 characters.")).toBeTruthy();
    fireEvent.input(field, { target: { value: "ada lovelace" } });
    expect(screen.getByText("Usernames may use only letters, digits, '_' and '.'.")).toBeTruthy();
    fireEvent.input(field, { target: { value: "ada_l" } });
    expect(screen.getByText("Checking…")).toBeTruthy();
    await flush(400);
    expect(screen.getByText(/Offline: availability is checked/)).toBeTruthy();
  });

  it("adds and removes interest chips and submits the values", async () => {
    const onSubmit = vi.fn(async () => undefined);
    render(() => <ProfileForm initial={initial} currentUsername="ada" submitLabel="Save" onSubmit={onSubmit} />);
    const add = screen.getByRole("textbox", { name: "Interests" });
    fireEvent.input(add, { target: { value: "Poetry" } });
    fireEvent.keyDown(add, { key: "Enter" });
    fireEvent.input(add, { target: { value: "poetry" } });
    fireEvent.keyDown(add, { key: "Enter" });
    fireEvent.click(screen.getByRole("button", { name: "Remove chess" }));
    fireEvent.input(screen.getByRole("textbox", { name: "Career" }), { target: { value: "Mathematician" } });
    fireEvent.submit(screen.getByRole("button", { name: "Save" }).closest("form")!);
    await flush();
    expect(onSubmit).toHaveBeenCalledWith({ ...initial, career: "Mathematician", interests: ["Poetry"] });
  });

  it("refuses to submit without a display name", async () => {
    const onSubmit = vi.fn();
    render(() => <ProfileForm initial={{ ...initial, displayName: " " }} submitLabel="Start" onSubmit={onSubmit} />);
    fireEvent.submit(screen.getByRole("button", { name: "Start" }).closest("form")!);
    await flush();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByRole("alert").textContent).toBe("Choose a display name.");
  });
});

describe("profile rules", () => {
  it("checks username format", () => {
    expect(usernameFormatProblem("ok_name.1")).toBeNull();
    expect(usernameFormatProblem("x".repeat(25))).toMatch(/at most 24/);
  });
  it("adds interests without duplicates and within limits", () => {
    expect(addInterest(["a"], " b ").list).toEqual(["a", "b"]);
    expect(addInterest(["Chess"], "chess").list).toEqual(["Chess"]);
    expect(addInterest([], "x".repeat(41)).problem).toMatch(/40 characters/);
    expect(addInterest(Array.from({ length: 20 }, (_, i) => `i${i}`), "more").problem).toMatch(/At most 20/);
  });
  it("reads form values from a profile row", () => {
    expect(profileValues({ username: "u", interests: ["a"] })).toEqual({ username: "u", displayName: "", career: "", interests: ["a"], lifePhase: "", firstName: "", lastName: "" });
  });
});
