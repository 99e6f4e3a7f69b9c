// Invite links, reading codes back from pasted text, capacity and the new-chamber rules.
import { describe, expect, it } from "vitest";
import { capacity, codeFromInput, inviteLink, validateChamber } from "./invite";

describe("inviteLink", () => {
  it("joins origin and code under /join/", () => {
    expect(inviteLink("https://whispers.app", "Ab3-_x9ZqQ0k")).toBe("https://whispers.app/join/Ab3-_x9ZqQ0k");
    expect(inviteLink("http://127.0.0.1:3210/", "abcd1234EFGH")).toBe("http://127.0.0.1:3210/join/abcd1234EFGH");
  });

  it("round-trips through codeFromInput", () => {
    const link = inviteLink("https://whispers.app", "Ab3-_x9ZqQ0k");
    expect(codeFromInput(link)).toBe("Ab3-_x9ZqQ0k");
  });
});

describe("codeFromInput", () => {
  it("accepts a bare code with spaces around it", () => {
    expect(codeFromInput("  Zx_9-abcDEF1 ")).toBe("Zx_9-abcDEF1");
  });

  it("reads the code from a link, with a query or hash after it", () => {
    expect(codeFromInput("see http://localhost:5173/join/abc123DEF456?x=1")).toBe("abc123DEF456");
    expect(codeFromInput("https://a.b/join/abc123DEF456#top")).toBe("abc123DEF456");
  });

  it("refuses text that holds no code", () => {
    expect(codeFromInput("")).toBeUndefined();
    expect(codeFromInput("hello there")).toBeUndefined();
    expect(codeFromInput("https://a.b/chambers/123")).toBeUndefined();
    expect(codeFromInput("https://a.b/join/%E0%A4%A")).toBeUndefined();
  });
});

describe("capacity", () => {
  it("counts members against the limit and says when full", () => {
    expect(capacity(3, 10)).toEqual({ text: "3 / 10 members", full: false });
    expect(capacity(10, 10)).toEqual({ text: "10 / 10 members", full: true });
    expect(capacity(undefined, undefined)).toEqual({ text: "0 / 0 members", full: false });
  });
});

describe("validateChamber", () => {
  const ok = { name: "Night Owls", topic: "night", maxMembers: "20", isPublic: true };
  it("accepts a good chamber", () => {
    expect(validateChamber(ok)).toEqual({});
  });
  it("names each problem", () => {
    expect(validateChamber({ ...ok, name: "  ", topic: "x".repeat(41), maxMembers: "1" })).toEqual({
      name: "Give the chamber a name.",
      topic: "A topic can be at most 40 characters.",
      maxMembers: "Choose a whole number from 2 to 500.",
    });
    expect(validateChamber({ ...ok, maxMembers: "2.5" }).maxMembers).toBeDefined();
    expect(validateChamber({ ...ok, maxMembers: "501" }).maxMembers).toBeDefined();
    expect(validateChamber({ ...ok, maxMembers: "500" })).toEqual({});
  });
});
