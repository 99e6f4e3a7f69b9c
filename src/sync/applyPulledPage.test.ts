// A pulled page's transaction covers every table its changes touch, and no other.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { freshDb } from "../test/util";
import { applyPulledPage, pageScope, type PullChange, type PullPage } from "./applyPulledPage";
import { pos } from "../test/feed";

const page = (changes: Array<Pick<PullChange, "table" | "id">>, flags = false): PullPage => ({
  changes: changes.map((c, i) => ({ ...c, at: pos(i + 1), doc: null })),
  cursor: pos(changes.length),
  hasMore: false,
  ...(flags ? { flags: [] } : {}),
});

describe("pageScope", () => {
  it("holds what whispers and conversations reach (summaries, id map, freed blobs), not profiles, chambers or skills", () => {
    expect(pageScope(page([{ table: "whispers", id: "w" }, { table: "conversations", id: "c" }])).sort()).toEqual([
      "blobs",
      "conversations",
      "idMap",
      "meta",
      "whispers",
    ]);
  });

  it("adds the flags when the page carries them, and a chamber's messages and members with the chamber", () => {
    expect(pageScope(page([{ table: "echoChambers", id: "e" }], true)).sort()).toEqual(["chamberMembers", "chamberMessages", "chambers", "featureFlags", "meta"]);
    expect(pageScope(page([{ table: "users", id: "u" }])).sort()).toEqual(["me", "meta", "profiles"]);
  });

  it("applies a page that touches every kind of table (a table left out of the scope would throw)", async () => {
    const db = await freshDb("scope-page");
    const doc = (id: string, fields: Record<string, unknown> = {}) => ({ _id: id, updatedAt: 1, ...fields });
    const changes: PullChange[] = [
      { table: "users", id: "u1", at: pos(1), doc: doc("u1", { username: "bo", displayName: "Bo", interests: [] }) },
      { table: "conversations", id: "c1", at: pos(2), doc: doc("c1", { counterpartId: "u1", status: "active", isPinned: false, isArchived: false, unreadCount: 0 }) },
      { table: "whispers", id: "w1", at: pos(3), doc: doc("w1", { conversationId: "c1", content: "hi", status: "delivered", reactions: [], deliveredAt: 2 }) },
      { table: "whispers", id: "w0", at: pos(4), doc: null },
      { table: "friends", id: "f1", at: pos(5), doc: doc("f1", { otherUserId: "u1", status: "accepted" }) },
      { table: "echoChambers", id: "e1", at: pos(6), doc: doc("e1", { name: "Room" }) },
      { table: "echoChambers", id: "e0", at: pos(7), doc: null },
      { table: "chamberMembers", id: "m1", at: pos(8), doc: doc("m1", { chamberId: "e1" }) },
      { table: "chamberMessages", id: "x1", at: pos(9), doc: doc("x1", { chamberId: "e1", content: "yo", clientId: "x1" }) },
      { table: "skills", id: "s1", at: pos(10), doc: doc("s1", { skillName: "Chess" }) },
      { table: "skillMatches", id: "sm1", at: pos(11), doc: doc("sm1") },
      { table: "unmaskingRequests", id: "r1", at: pos(12), doc: doc("r1", { conversationId: "c1" }) },
      { table: "adminRequests", id: "a1", at: pos(13), doc: doc("a1") },
    ];
    expect(await applyPulledPage(db, { changes, cursor: pos(13), hasMore: false, flags: [{ name: "VOICE_WHISPERS", enabled: true }] }, pos(0))).toBe(pos(13));
    expect(await db.whispers.count()).toBe(1);
    expect(await db.chamberMessages.count()).toBe(1);
    expect((await db.conversations.get("c1"))?.lastWhisperPreview).toBe("hi");
    db.close();
  });
});
