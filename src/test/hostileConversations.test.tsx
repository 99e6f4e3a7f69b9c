// @vitest-environment jsdom
// Bad input in the UI, conversations and whispers (bubbles, rows, headers): generated hostile strings in other people's or the server's text never become markup (frame: hostileHarness.tsx).
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { whisperPreview } from "../db/shapes";
import type { LocalWhisper } from "../db/types";
import { ConversationContext } from "../features/chat/context";
import { ConversationHeader } from "../features/chat/ConversationHeader";
import { WhisperBubble } from "../features/chat/WhisperBubble";
import { ConversationRow } from "../features/inbox/ConversationRow";
import { dangersIn, hostileString, shapeOf, twinFields, twinOf } from "./hostile";
import { AT, expectInert, expectText, holds, conversationOf, shownName, fullName, useHostileHarness } from "./hostileHarness";

vi.mock("../db/queries", async (original) => (await import("./hostileQueries")).mockQueries(await original()));
useHostileHarness();

describe("no conversation payload renders as markup", () => {
  it("a whisper bubble: content, reply preview, reaction emoji, sender name, failure reason", () => {
    const arb = fc.record({
      content: hostileString,
      parentContent: hostileString,
      emoji: hostileString,
      senderName: hostileString,
      syncError: hostileString,
    });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => {
          const conversation = conversationOf({ displayName: f.senderName });
          const whisper: LocalWhisper = {
            id: "w2",
            clientId: "w2",
            conversationId: "c1",
            sortKey: AT,
            status: "delivered",
            fromViewer: false,
            senderId: "bob",
            content: f.content,
            reactions: [
              { emoji: f.emoji, at: 1, userId: "bob" },
              { emoji: "👍", at: 2, fromViewer: true },
            ],
            parentId: "w1",
            chainRootId: "w1",
            syncState: "failed",
            syncError: f.syncError,
          };
          const parent = { ...whisper, id: "w1", content: f.parentContent, parentId: undefined };
          return (
            <ConversationContext.Provider
              value={{
                conversation: () => conversation,
                viewerId: () => "viewer",
                nameOf: () => f.senderName,
                enabled: () => true,
                reply: () => undefined,
                edit: () => undefined,
                remove: () => undefined,
              }}
            >
              <WhisperBubble whisper={whisper} parent={parent} />
            </ConversationContext.Provider>
          );
        },
        (body, f) => {
          expectText(body, f.content);
          // The reply's context is the parent in one line (whitespace collapsed), as everywhere a whisper is quoted.
          expectText(body, whisperPreview({ content: f.parentContent }) || "A whisper");
          expectText(body, f.emoji);
          expectText(body, f.syncError);
          expect(body.querySelector("article")!.getAttribute("aria-label")).toBe(`Whisper from ${shownName(f.senderName)}`);
        },
        { router: true },
      ),
    );
  });

  it("a conversation list row: counterpart display name and username, last whisper preview", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString, preview: hostileString, fromViewer: fc.boolean() });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <ConversationRow
              conversation={conversationOf(
                { displayName: f.displayName, username: f.username },
                { lastWhisperPreview: f.preview, lastWhisperFromViewer: f.fromViewer, lastWhisperAt: AT },
              )}
            />
          </ul>
        ),
        (body, f) => {
          expect(body.querySelector(".conv-name")!.textContent).toBe(shownName(f.displayName, f.username));
          expect(body.querySelector(".conv-preview")!.textContent).toBe(f.fromViewer && f.preview ? `You: ${f.preview}` : f.preview);
        },
        { router: true },
      ),
    );
  });

  it("the conversation header: display name and, once unmasked, real names", () => {
    const arb = fc.record({ displayName: hostileString, firstName: hostileString, lastName: hostileString });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ConversationHeader
            conversation={conversationOf({ displayName: f.displayName, firstName: f.firstName, lastName: f.lastName }, { isMystery: true, unmasked: true })}
            canRequestUnmask
            enabled={() => true}
            onBlockSender={() => undefined}
          />
        ),
        (body, f) => {
          expect(body.querySelector("h1")!.textContent).toBe(shownName(f.displayName));
          expectText(body, fullName(f.firstName, f.lastName));
        },
        { router: true },
      ),
    );
  });
});

// ── Chambers ──────────────────────────────────────────────────────────────────────────────────


describe("the markup checks", () => {
  it("flag dangerous elements, handlers and script URLs (even disguised), and nothing benign", () => {
    const root = document.createElement("div");
    const a = root.appendChild(document.createElement("a"));
    a.setAttribute("href", " \tJaVaScRiPt:alert(1)");
    const img = root.appendChild(document.createElement("img"));
    img.setAttribute("onerror", "alert(1)");
    root.appendChild(document.createElement("iframe"));
    expect(dangersIn(root)).toEqual(['href="javascript:alert(1)" on <a>', "onerror= on <img>", "<iframe> element"]);
    const safe = document.createElement("p");
    safe.setAttribute("aria-label", "<script>javascript:alert(1)</script>");
    safe.textContent = "<img src=x onerror=alert(1)>";
    expect(dangersIn(safe)).toEqual([]);
  });

  it("see an extra element as a change of shape, and twins keep length and trimming", () => {
    const plain = document.createElement("p");
    const marked = document.createElement("p");
    marked.appendChild(document.createElement("b"));
    expect(shapeOf(marked)).not.toEqual(shapeOf(plain));
    expect(twinOf(" <b>\u00a0x😀 ")).toBe(" aaa\u00a0aaa ");
    expect(twinFields({ a: "<i>", list: ["x y"], n: 1 })).toEqual({ a: "aaa", list: ["a a"], n: 1 });
  });
});
