// @vitest-environment jsdom
// State badges, reaction chips, how a draft is routed (plain ↔ mystery conversation, replies), and the one name of an image or voice whisper.
import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it, vi } from "vitest";
import { whisperPreview } from "../../db/shapes";
import type { LocalConversation, LocalWhisper } from "../../db/types";
import { Composer } from "./Composer";
import { ConversationContext, type ConversationContextValue } from "./context";
import { mysteryOptionFor, queueDraft } from "./drafts";
import { ReactionChips } from "./Reactions";
import { WhisperBubble } from "./WhisperBubble";
import { StateBadge } from "./WhisperStatus";

afterEach(cleanup);

describe("StateBadge", () => {
  it.each([
    ["pending", "Pending"],
    ["delivered", "Delivered"],
    ["read", "Read"],
    ["scheduled", "Scheduled"],
  ] as const)("shows %s as “%s” with an icon", (state, label) => {
    const { container } = render(() => <StateBadge state={state} />);
    expect(container.textContent).toBe(label);
    expect(container.querySelector("svg[aria-hidden='true']")).not.toBeNull();
    expect(container.firstElementChild!.className).toContain(`state-${state}`);
  });
});

describe("ReactionChips", () => {
  it("shows one chip per emoji with its count, who, and whether it is the viewer's", () => {
    const whisper = {
      id: "w",
      reactions: [
        { emoji: "❤️", at: 1, userId: "bob" },
        { emoji: "❤️", at: 2, fromViewer: true },
        { emoji: "🔥", at: 3 },
      ],
    } as unknown as LocalWhisper;
    render(() => <ReactionChips whisper={whisper} nameOf={(id) => (id === "bob" ? "Bob" : undefined)} />);
    const heart = screen.getByRole("button", { name: "❤️ 2: You and Bob" });
    expect(heart.getAttribute("aria-pressed")).toBe("true");
    const fire = screen.getByRole("button", { name: "🔥 1: someone anonymous" });
    expect(fire.getAttribute("aria-pressed")).toBe("false");
    expect(screen.getAllByRole("listitem")).toHaveLength(2);
  });

  it("renders nothing without reactions", () => {
    const { container } = render(() => <ReactionChips whisper={{ id: "w", reactions: [] } as unknown as LocalWhisper} nameOf={() => undefined} />);
    expect(container.textContent).toBe("");
  });
});

describe("queueDraft", () => {
  const plain = { id: "c1", isMystery: false, counterpartHidden: false, counterpartId: "bob", counterpart: { displayName: "Bob" } } as LocalConversation;
  const api = () => ({
    sendWhisper: vi.fn(async () => ({ entryId: "e" })),
    sendVoiceWhisper: vi.fn(async () => ({ entryId: "e" })),
    scheduleWhisper: vi.fn(async () => ({ entryId: "e" })),
    replyToWhisper: vi.fn(async () => ({ entryId: "e" })),
    openConversationWith: vi.fn(async () => "mystery-1"),
  });

  it("sends a plain whisper into the open conversation", async () => {
    const a = api();
    expect(await queueDraft(plain, { kind: "text", content: "hi", mystery: false }, undefined, a)).toEqual({ conversationId: "c1" });
    expect(a.sendWhisper).toHaveBeenCalledWith({ conversationId: "c1", isMystery: undefined, content: "hi", image: undefined });
    expect(a.openConversationWith).not.toHaveBeenCalled();
  });

  it("sends a mystery whisper from a plain conversation into the person's mystery conversation", async () => {
    const a = api();
    expect(await queueDraft(plain, { kind: "text", content: "guess", mystery: true }, undefined, a)).toEqual({ conversationId: "mystery-1" });
    expect(a.openConversationWith).toHaveBeenCalledWith({ displayName: "Bob", _id: "bob" }, true);
    expect(a.sendWhisper).toHaveBeenCalledWith(expect.objectContaining({ conversationId: "mystery-1", isMystery: true }));
  });

  it("sends voice with its duration and mask flag, and replies through replyToWhisper", async () => {
    const a = api();
    const audio = new Blob(["x"], { type: "audio/wav" });
    await queueDraft(plain, { kind: "voice", audio, duration: 3.2, masked: true, mystery: false }, undefined, a);
    expect(a.sendVoiceWhisper).toHaveBeenCalledWith(expect.objectContaining({ audio, audioDuration: 3.2, isVoiceModulated: true }));
    await queueDraft(plain, { kind: "text", content: "re", mystery: false }, { id: "w9" } as LocalWhisper, a);
    expect(a.replyToWhisper).toHaveBeenCalledWith({ parentId: "w9", content: "re", image: undefined });
  });

  it("offers the mystery checkbox only where it makes sense", () => {
    expect(mysteryOptionFor(plain, true)).toBe("offer");
    expect(mysteryOptionFor(plain, false)).toBe("none");
    expect(mysteryOptionFor({ ...plain, isMystery: true }, true)).toBe("continue");
    expect(mysteryOptionFor({ ...plain, isMystery: true, unmasked: true }, true)).toBe("none");
    expect(mysteryOptionFor({ ...plain, isMystery: true, counterpartHidden: true, counterpartId: undefined }, true)).toBe("none");
  });
});

describe("an image or voice whisper has one name everywhere (the server's: Image, Voice whisper)", () => {
  const base = { syncState: "synced", conversationId: "c1", sortKey: 1, status: "delivered", fromViewer: false, reactions: [] };
  const image = { ...base, id: "img", clientId: "img", content: "", imageUrl: "https://x.test/i.jpg" } as unknown as LocalWhisper;
  const voice = { ...base, id: "v", clientId: "v", content: "", audioUrl: "https://x.test/a.wav", audioDuration: 3 } as unknown as LocalWhisper;
  const reply = { ...base, id: "r", clientId: "r", content: "Nice one", parentId: "img" } as unknown as LocalWhisper;

  it("in the conversation list's preview", () => {
    expect(whisperPreview(image)).toBe("Image");
    expect(whisperPreview({ ...image, imageUrl: undefined, localBlobKind: "image" })).toBe("Image");
    expect(whisperPreview(voice)).toBe("Voice whisper");
  });

  it("in the composer's reply banner and in the reply's context", () => {
    render(() => <Composer enabled={() => true} mystery="none" replyTo={image} onCancelReply={() => {}} onSend={() => Promise.resolve()} />);
    expect(screen.getByText(/^Replying to/).textContent).toBe("Replying to Image");
    cleanup();
    const ctx: ConversationContextValue = {
      conversation: () => undefined,
      viewerId: () => "me",
      nameOf: () => undefined,
      enabled: () => false,
      reply: () => {},
      edit: () => {},
      remove: () => {},
    };
    const { container } = render(() => (
      <ConversationContext.Provider value={ctx}>
        <WhisperBubble whisper={reply} parent={image} />
      </ConversationContext.Provider>
    ));
    expect(container.querySelector(".reply-context")!.textContent).toBe("Image");
  });
});
