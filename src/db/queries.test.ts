// Live readers: the conversation list (pinned first, then recent) and newest-first conversation pages.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDb } from "../test/util";
import { applyPulledPage, type PullChange } from "../sync/applyPulledPage";
import { chamber, conversationList, conversationPage, myChambers, type Live } from "./queries";
import { pos } from "../test/feed";
import { chamberDoc, chamberMemberDoc, change, conversationDoc, whisperDoc } from "../test/feedDocs";

function first<T>(observable: Live<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    const sub = observable.subscribe((value) => {
      setTimeout(() => sub.unsubscribe());
      resolve(value);
    }, reject);
  });
}

const conv = (id: string, isPinned: boolean, lastWhisperAt: number): PullChange =>
  change("conversations", conversationDoc({ _id: id, counterpartId: `u-${id}`, isPinned, lastWhisperAt, updatedAt: lastWhisperAt }));

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
    const changes: PullChange[] = Array.from({ length: 120 }, (_, i) =>
      change("whispers", whisperDoc({ _id: `w${i}`, conversationId: "c", content: `${i}`, deliveredAt: 1000 + i }), `w${i}`, i),
    );
    changes.push(change("whispers", whisperDoc({ _id: "s", conversationId: "c", content: "later", status: "scheduled", scheduledFor: 9e12 }), "s", 999));
    await applyPulledPage(db, { changes, cursor: pos(121), hasMore: false }, pos(0));
    const page = await first(conversationPage("c", { limit: 50 }, db));
    expect(page).toHaveLength(50);
    expect(page[0]?.id).toBe("w119");
    const older = await first(conversationPage("c", { limit: 50, before: page[49]!.sortKey }, db));
    expect(older[0]?.id).toBe("w69");
    db.close();
  });

  it("counts a member's chamber by the active member rows on the device; a non-member's by the server's count", async () => {
    const db = await freshDb("queries");
    const room = (id: string, isMember: boolean, memberCount: number): PullChange =>
      change("echoChambers", chamberDoc({ _id: id, topic: "t", memberCount, isMember, updatedAt: 1 }));
    const member = (id: string, chamberId: string, status: "active" | "left", n: number): PullChange =>
      change("chamberMembers", chamberMemberDoc({ _id: id, chamberId, status, joinedAt: 1, updatedAt: 1 }), id, n);
    const changes = [room("mine", true, 2), room("theirs", false, 40), member("m1", "mine", "active", 1), member("m2", "mine", "active", 2), member("m3", "mine", "active", 3), member("m4", "mine", "left", 4)];
    await applyPulledPage(db, { changes, cursor: pos(5), hasMore: false }, pos(0));
    // The chamber row says 2 (what the server counted when this device last got it); three rows are active now.
    expect((await first(chamber("mine", db)))?.memberCount).toBe(3);
    expect((await first(myChambers(db))).map((c) => [c.id, c.memberCount])).toEqual([["mine", 3]]);
    expect((await first(chamber("theirs", db)))?.memberCount).toBe(40);
    db.close();
  });
});
