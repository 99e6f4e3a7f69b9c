// The worker's pure push helpers: payload parsing, notification options, which window shows what.
import { describe, expect, it } from "vitest";
import {
  FALLBACK_PAYLOAD,
  isConversationOnScreen,
  isSamePage,
  notificationOptions,
  parsePushPayload,
  pickClientFor,
  safeAppPath,
} from "./notify";

const ORIGIN = "https://whispers.test";
const server = {
  title: "Quiet Fox",
  body: "See you at the lake?",
  conversationId: "k57abc",
  whisperId: "w1",
  tag: "k57abc",
  url: "/c/k57abc",
  unreadCount: 3,
};

describe("parsePushPayload", () => {
  it("reads the server's JSON payload", () => {
    expect(parsePushPayload(JSON.stringify(server))).toEqual({
      title: "Quiet Fox",
      body: "See you at the lake?",
      conversationId: "k57abc",
      tag: "k57abc",
      url: "/c/k57abc",
      unreadCount: 3,
    });
  });

  it("rejects what is not a payload of ours", () => {
    expect(parsePushPayload("not json")).toBeNull();
    expect(parsePushPayload(null)).toBeNull();
    expect(parsePushPayload(JSON.stringify({ body: "no title" }))).toBeNull();
  });

  it("never follows a link off the app", () => {
    for (const url of ["https://evil.test/c/x", "//evil.test", "javascript:alert(1)", "/\\evil.test"]) {
      expect(parsePushPayload({ ...server, url })?.url).toBe("/c/k57abc");
    }
    expect(parsePushPayload({ title: "Hi", url: "https://evil.test" })?.url).toBe("/");
  });

  it("drops an invalid unread count and tags by conversation", () => {
    const parsed = parsePushPayload({ ...server, unreadCount: -1, tag: "other" });
    expect(parsed?.unreadCount).toBeNull();
    expect(parsed?.tag).toBe("k57abc");
    expect(parsePushPayload({ title: "x" })?.tag).toBe(FALLBACK_PAYLOAD.tag);
  });
});

describe("notificationOptions", () => {
  it("collapses per conversation, renotifies and carries the URL", () => {
    const options = notificationOptions(parsePushPayload(server)!);
    expect(options).toMatchObject({
      body: "See you at the lake?",
      tag: "k57abc",
      renotify: true,
      data: { url: "/c/k57abc" },
    });
    expect(options.icon).toMatch(/\.png$/);
    expect(options.badge).toMatch(/\.png$/);
  });

  it("adds nothing to a mystery whisper's empty notification", () => {
    const mystery = parsePushPayload({ ...server, title: "Someone whispered you", body: "" })!;
    const options = notificationOptions(mystery);
    expect(options.body).toBe("");
    expect(JSON.stringify(options)).not.toContain("lake");
  });
});

describe("which window shows what", () => {
  const payload = parsePushPayload(server)!;
  const on = (url: string, focused = true, visibilityState: DocumentVisibilityState = "visible") => ({
    url,
    focused,
    visibilityState,
  });

  it("matches paths, ignoring query, hash and a trailing slash, on this origin only", () => {
    expect(isSamePage(`${ORIGIN}/c/k57abc?x=1#end`, "/c/k57abc", ORIGIN)).toBe(true);
    expect(isSamePage(`${ORIGIN}/c/k57abc/`, "/c/k57abc", ORIGIN)).toBe(true);
    expect(isSamePage(`${ORIGIN}/c/k57abcd`, "/c/k57abc", ORIGIN)).toBe(false);
    expect(isSamePage("https://other.test/c/k57abc", "/c/k57abc", ORIGIN)).toBe(false);
  });

  it("suppresses only when a focused, visible window shows that conversation", () => {
    expect(isConversationOnScreen([on(`${ORIGIN}/c/k57abc`)], payload, ORIGIN)).toBe(true);
    expect(isConversationOnScreen([on(`${ORIGIN}/c/k57abc`, false)], payload, ORIGIN)).toBe(false);
    expect(isConversationOnScreen([on(`${ORIGIN}/c/k57abc`, true, "hidden")], payload, ORIGIN)).toBe(false);
    expect(isConversationOnScreen([on(`${ORIGIN}/c/other`)], payload, ORIGIN)).toBe(false);
    expect(isConversationOnScreen([on(`${ORIGIN}/`)], FALLBACK_PAYLOAD, ORIGIN)).toBe(false);
  });

  it("picks the window already there, else the focused, else a visible, else any", () => {
    const a = on(`${ORIGIN}/mood`, false, "hidden");
    const b = on(`${ORIGIN}/`, false, "visible");
    const c = on(`${ORIGIN}/friends`, true);
    const d = on(`${ORIGIN}/c/k57abc`, false, "hidden");
    expect(pickClientFor([a, b, c, d], "/c/k57abc", ORIGIN)).toBe(d);
    expect(pickClientFor([a, b, c], "/c/k57abc", ORIGIN)).toBe(c);
    expect(pickClientFor([a, b], "/c/k57abc", ORIGIN)).toBe(b);
    expect(pickClientFor([a], "/c/k57abc", ORIGIN)).toBe(a);
    expect(pickClientFor([], "/c/k57abc", ORIGIN)).toBeUndefined();
  });

  it("safeAppPath keeps in-app paths only", () => {
    expect(safeAppPath("/c/1", "/")).toBe("/c/1");
    expect(safeAppPath(42, "/")).toBe("/");
    expect(safeAppPath("c/1", "/")).toBe("/");
  });
});
