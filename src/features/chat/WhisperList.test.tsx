// @vitest-environment jsdom
// WhisperList opened at one whisper: pages older whispers in until it is there, shows it highlighted with the focus; says when it is gone.
import { cleanup, render, screen, waitFor } from "@solidjs/testing-library";
import { createSignal } from "solid-js";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LocalWhisper } from "../../db/types";
import { ConversationContext, type ConversationContextValue } from "./context";
import type { WhisperFeed } from "./whisperFeed";
import { WhisperList } from "./WhisperList";

afterEach(cleanup);

const whisper = (i: number): LocalWhisper => ({
  id: `w${i}`,
  clientId: `w${i}`,
  serverId: `s${i}`,
  conversationId: "c",
  sortKey: 1_700_000_000_000 + i * 60_000,
  status: "delivered",
  fromViewer: i % 2 === 0,
  content: `Whisper ${i}`,
  reactions: [],
  syncState: "synced",
});

/** A feed of `total` whispers whose newest 60 are read first, `size` more per loadOlder. */
function pagedFeed(total: number) {
  const all = Array.from({ length: total }, (_, i) => whisper(i));
  const [loaded, setLoaded] = createSignal(Math.min(60, total));
  const loadOlder = vi.fn((size = 100) => setLoaded((n) => Math.min(total, n + size)));
  const feed: WhisperFeed = {
    whispers: () => all.slice(total - loaded()),
    ready: () => true,
    complete: () => loaded() === total,
    loadingOlder: () => false,
    loadOlder,
  };
  return { feed, loadOlder };
}

const ctx: ConversationContextValue = {
  conversation: () => undefined,
  viewerId: () => "me",
  nameOf: () => undefined,
  enabled: () => false,
  reply: () => {},
  edit: () => {},
  remove: () => {},
};

function renderList(feed: WhisperFeed, reveal: string) {
  const onRevealed = vi.fn();
  render(() => (
    <ConversationContext.Provider value={ctx}>
      <WhisperList feed={feed} reveal={reveal} onRevealed={onRevealed} />
    </ConversationContext.Provider>
  ));
  return onRevealed;
}

describe("WhisperList opened at a whisper", () => {
  it("pages older whispers in until it is there, then shows it highlighted with the focus", async () => {
    const { feed, loadOlder } = pagedFeed(1200);
    const onRevealed = renderList(feed, "w12");
    // Big pages: 60 + 3 × 500 reach the 13th oldest of 1,200.
    expect(loadOlder.mock.calls).toEqual([[500], [500], [500]]);
    expect(onRevealed).toHaveBeenCalledWith(true);
    await waitFor(() => expect(document.querySelector(".whisper-found")).not.toBeNull());
    const row = document.querySelector<HTMLElement>(".whisper-found")!;
    expect(row.textContent).toContain("Whisper 12");
    expect(document.activeElement).toBe(row);
    expect(screen.getByRole("list", { name: "Whispers" }).scrollTop).toBeGreaterThan(0);
  });

  it("finds it by its server id too (a link made before the upgrade to one key for life)", async () => {
    const { feed } = pagedFeed(100);
    const onRevealed = renderList(feed, "s30");
    expect(onRevealed).toHaveBeenCalledWith(true);
    await waitFor(() => expect(document.querySelector(".whisper-found")?.textContent).toContain("Whisper 30"));
  });

  it("says so when the whisper is not in the conversation, once everything is loaded", () => {
    const { feed, loadOlder } = pagedFeed(600);
    const onRevealed = renderList(feed, "gone");
    expect(loadOlder).toHaveBeenCalledTimes(2);
    expect(onRevealed).toHaveBeenCalledExactlyOnceWith(false);
    expect(document.querySelector(".whisper-found")).toBeNull();
  });
});
