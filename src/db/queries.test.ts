// Live readers: the conversation list (pinned first, then recent) and newest-first conversation pages.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDb } from "../test/util";
import { applyPulledPage, type PullChange } from "../sync/applyPulledPage";
import { conversationList, conversationPage, type Live } from "./queries";
import { pos } from "../test/feed";

function first<T>(observable: Live<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = observable.subscribe((value) => {
      setTimeout(() => sub.unsubscribe());
      resolve(value);
    }, reject);
  });
}

const conv = (id: string, isPinned: boolean, lastWhisperAt: number): PullChange => ({
  table: "conversations",
  id,
  at: pos(0),
  doc: { _id: id, counterpartId: `u-${id}`, status: "active", isPinned, isArchived: false, unreadCount: 0, lastWhisperAt, updatedAt: lastWhisperAt },
});

describe("queries", () => {
  it("lists pinned conversations first, then the most recent", async () => {
    const db = await freshDb("queries");
    await applyPulledPage(db, { changes: [conv("old", false, 100), conv("pinned", true, 50), conv("new", false, 300)], cursor: pos(3), hasMore: false }, pos(0));
    const list = await first(conversationList(false, db));
    expect(list.map((c) => c.id)).toEqual(["pinned", "new", "old"]);
    db.close();
  });

  it("pages a conversation newest first", async () => {
    const db = await freshDb("queries");
    const changes: PullChange[] = Array.from({ length: 120 }, (_, i) => ({
      table: "whispers",
      id: `w${i}`,
      at: pos(i),
      doc: { _id: `w${i}`, conversationId: "c", content: `${i}`, status: "delivered", deliveredAt: 1000 + i, reactions: [] },
    }));
    changes.push({ table: "whispers", id: "s", at: pos(999), doc: { _id: "s", conversationId: "c", content: "later", status: "scheduled", scheduledFor: 9e12, reactions: [] } });
    await applyPulledPage(db, { changes, cursor: pos(121), hasMore: false }, pos(0));
    const page = await first(conversationPage("c", { limit: 50 }, db));
    expect(page).toHaveLength(50);
    expect(page[0]?.id).toBe("w119");
    const older = await first(conversationPage("c", { limit: 50, before: page[49]!.sortKey }, db));
    expect(older[0]?.id).toBe("w69");
    db.close();
  });
});
