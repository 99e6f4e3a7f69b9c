// The whisper feed: head page + older pages merge without gaps or duplicates, and the head grows with new whispers.
import { createRoot } from "solid-js";
import { describe, expect, it } from "vitest";
import type { Live } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";
import { createWhisperFeed, HEAD_SIZE, mergePages, PAGE_SIZE, reuseRows } from "./whisperFeed";

const whisper = (i: number): LocalWhisper => ({
  id: `w${i}`,
  clientId: `w${i}`,
  conversationId: "c",
  sortKey: 1000 + i,
  status: "delivered",
  fromViewer: false,
  content: `${i}`,
  reactions: [],
  syncState: "synced",
});

/** An in-memory conversationPage with the same semantics (newest first, `before` exclusive). */
function fakeSource(rows: LocalWhisper[]) {
  const listeners = new Set<() => void>();
  const source = (_id: string, { limit, before }: { limit: number; before?: number }): Live<LocalWhisper[]> => ({
    subscribe(next) {
      const run = () => next?.(rows.filter((w) => before === undefined || w.sortKey < before).sort((a, b) => b.sortKey - a.sortKey).slice(0, limit));
      listeners.add(run);
      run();
      return { unsubscribe: () => listeners.delete(run) };
    },
  });
  return { source, add: (w: LocalWhisper) => (rows.push(w), [...listeners].forEach((l) => l())) };
}

describe("createWhisperFeed", () => {
  it("reads the newest page, then older pages until complete, oldest first without duplicates", () => {
    const { source } = fakeSource(Array.from({ length: 300 }, (_, i) => whisper(i)));
    createRoot((dispose) => {
      const feed = createWhisperFeed("c", source);
      expect(feed.whispers()).toHaveLength(HEAD_SIZE);
      expect(feed.whispers().at(-1)!.id).toBe("w299");
      feed.loadOlder();
      // The older page re-reads the boundary whisper (same-millisecond safety): one overlap.
      expect(feed.whispers()).toHaveLength(HEAD_SIZE + PAGE_SIZE - 1);
      feed.loadOlder();
      feed.loadOlder();
      expect(feed.complete()).toBe(true);
      const ids = feed.whispers().map((w) => w.id);
      expect(ids).toEqual(Array.from({ length: 300 }, (_, i) => `w${i}`));
      dispose();
    });
  });

  it("loads an older page of the size asked for, complete when it comes back shorter", () => {
    const { source } = fakeSource(Array.from({ length: 700 }, (_, i) => whisper(i)));
    createRoot((dispose) => {
      const feed = createWhisperFeed("c", source);
      feed.loadOlder(500);
      expect(feed.whispers()).toHaveLength(HEAD_SIZE + 500 - 1);
      expect(feed.complete()).toBe(false);
      feed.loadOlder(500);
      expect(feed.complete()).toBe(true);
      expect(feed.whispers().map((w) => w.id)).toEqual(Array.from({ length: 700 }, (_, i) => `w${i}`));
      dispose();
    });
  });

  it("grows the head as new whispers arrive, leaving no gap before the older pages", () => {
    const rows = Array.from({ length: 200 }, (_, i) => whisper(i));
    const { source, add } = fakeSource(rows);
    createRoot((dispose) => {
      const feed = createWhisperFeed("c", source);
      feed.loadOlder();
      for (let i = 200; i < 260; i++) add(whisper(i));
      const ids = feed.whispers().map((w) => w.id);
      expect(ids.at(-1)).toBe("w259");
      expect(ids).toEqual(Array.from({ length: ids.length }, (_, i) => `w${260 - ids.length + i}`));
      expect(ids.length).toBe(HEAD_SIZE + PAGE_SIZE - 1 + 60);
      dispose();
    });
  });

  it("merges pages by id and sort key", () => {
    expect(mergePages([[whisper(2), whisper(1)], [whisper(1), whisper(0)], undefined]).map((w) => w.id)).toEqual(["w0", "w1", "w2"]);
  });
});

describe("reuseRows", () => {
  it("keeps the objects of unchanged whispers (and the whole page when nothing changed), so only changed rows re-render", () => {
    const before = [whisper(3), whisper(2), whisper(1)];
    const same = reuseRows(before, [whisper(3), whisper(2), whisper(1)]);
    expect(same).toBe(before);
    const read = { ...whisper(2), readAt: 5 };
    const next = reuseRows(before, [whisper(4), whisper(3), read, whisper(1)]);
    expect(next).not.toBe(before);
    expect(next[1]).toBe(before[0]);
    expect(next[2]).toBe(read);
    expect(next[3]).toBe(before[2]);
    expect(reuseRows(undefined, before)).toBe(before);
  });
});
