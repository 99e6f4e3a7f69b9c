// A pulled page's transaction covers every table its changes touch, and no other.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { postToChamber } from "../actions";
import { applyAcks } from "../db/outboxResults";
import { whisperChain } from "../db/queries";
import { freshDb } from "../test/util";
import { applyPulledPage, pageScope, type PullChange, type PullPage } from "./applyPulledPage";
import { pos } from "../test/feed";
import {
  chamberDoc,
  chamberMemberDoc,
  chamberMessageDoc,
  change,
  conversationDoc,
  friendDoc,
  publicProfileDoc,
  viewDoc,
  whisperDoc,
} from "../test/feedDocs";

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
    const bo = publicProfileDoc({ _id: "u1", username: "bo", displayName: "Bo" });
    const changes: PullChange[] = [
      change("users", bo, "u1", 1),
      change("conversations", conversationDoc({ _id: "c1", counterpartId: "u1", counterpart: bo, updatedAt: 1 }), "c1", 2),
      change("whispers", whisperDoc({ _id: "w1", conversationId: "c1", content: "hi", deliveredAt: 2 }), "w1", 3),
      change("whispers", null, "w0", 4),
      change("friends", friendDoc({ _id: "f1", otherId: "u1", status: "accepted", profile: bo }), "f1", 5),
      change("echoChambers", chamberDoc({ _id: "e1", name: "Room" }), "e1", 6),
      change("echoChambers", null, "e0", 7),
      change("chamberMembers", chamberMemberDoc({ _id: "m1", chamberId: "e1" }), "m1", 8),
      change("chamberMessages", chamberMessageDoc({ _id: "x1", chamberId: "e1", content: "yo", clientId: "x1" }), "x1", 9),
      change("skills", viewDoc("skills", { _id: "s1", _creationTime: 1, skillName: "Chess", type: "offering", proficiencyLevel: "expert", isYours: true, updatedAt: 1 }), "s1", 10),
      change(
        "skillMatches",
        viewDoc("skillMatches", { _id: "sm1", _creationTime: 1, skillName: "Chess", status: "pending", teacherIsYou: true, proposedByYou: false, offeringSkillId: "s1", counterpart: bo, updatedAt: 1 }),
        "sm1",
        11,
      ),
      change(
        "unmaskingRequests",
        viewDoc("unmaskingRequests", { _id: "r1", _creationTime: 1, conversationId: "c1", status: "pending", requesterIsYou: false, targetIsYou: true, updatedAt: 1 }),
        "r1",
        12,
      ),
      change("adminRequests", viewDoc("adminRequests", { _id: "a1", _creationTime: 1, userId: "me", requestType: "admin", status: "pending", updatedAt: 1 }), "a1", 13),
    ];
    expect(await applyPulledPage(db, { changes, cursor: pos(13), hasMore: false, flags: [{ name: "VOICE_WHISPERS", enabled: true }] }, pos(0))).toBe(pos(13));
    expect(await db.whispers.count()).toBe(1);
    expect(await db.chamberMessages.count()).toBe(1);
    expect((await db.conversations.get("c1"))?.lastWhisperPreview).toBe("hi");
    db.close();
  });
});

describe("chamber messages keep one key for life", () => {
  it("a message posted here is the row the server's becomes (in either order with the answer); others' are keyed by server id; tombstones name the server id", async () => {
    const db = await freshDb("chamber-message-key");
    await db.chambers.put({ id: "e1", syncState: "synced", name: "Room", isMember: true });
    const pullFirst = await postToChamber("e1", "first", db);
    const ackFirst = await postToChamber("e1", "second", db);
    const entries = await db.outbox.orderBy("seq").toArray();
    const ownDoc = (clientId: string, _id: string, content: string) => chamberMessageDoc({ _id, chamberId: "e1", content, fromYou: true, clientId });
    let cursor = pos(0);
    const apply = async (changes: PullChange[], at: number) => {
      cursor = await applyPulledPage(db, { changes, cursor: pos(at), hasMore: false }, cursor);
    };

    // The server's row arrives before the answer for one, after it for the other.
    await apply([change("chamberMessages", ownDoc(pullFirst.localId!, "srv1", "first"), "srv1", 1)], 1);
    await applyAcks(db, entries.map((entry, i) => ({ entry, result: { messageId: i === 0 ? "srv1" : "srv2" } })));
    await apply(
      [
        change("chamberMessages", ownDoc(ackFirst.localId!, "srv2", "second"), "srv2", 2),
        change("chamberMessages", chamberMessageDoc({ _id: "srv3", chamberId: "e1", content: "theirs", fromYou: false }), "srv3", 3),
      ],
      3,
    );
    const rows = (await db.chamberMessages.toArray()).sort((a, b) => a.content.localeCompare(b.content));
    expect(rows.map((m) => [m.content, m.id, m.serverId, m.syncState])).toEqual([
      ["first", pullFirst.localId, "srv1", "synced"],
      ["second", ackFirst.localId, "srv2", "synced"],
      ["theirs", "srv3", "srv3", "synced"],
    ]);
    expect(await db.idMap.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);

    await apply([change("chamberMessages", null, "srv1", 4), change("chamberMessages", null, "srv3", 5)], 5);
    expect((await db.chamberMessages.toArray()).map((m) => m.content)).toEqual(["second"]);
    db.close();
  });
});

describe("a reply pulled before the viewer's own whisper it answers", () => {
  it("joins the chain when that whisper arrives: the chain opens by its key or its server id", async () => {
    const db = await freshDb("reply-before-root");
    const own = "5ab17f9e-bc7a-4d8d-8fac-5c8b9fadbe25";
    const root = whisperDoc({ _id: "srvRoot", clientId: own, conversationId: "c1", content: "question", fromViewer: true, deliveredAt: 1 });
    const reply = whisperDoc({ _id: "srvReply", conversationId: "c1", content: "answer", fromViewer: false, deliveredAt: 2, parentId: "srvRoot", chainRootId: "srvRoot" });
    // The feed sends each whisper at its latest change: the root (reacted to later) comes after the reply.
    const cursor = await applyPulledPage(db, { changes: [change("whispers", reply, "srvReply", 1)], cursor: pos(1), hasMore: false }, pos(0));
    await applyPulledPage(db, { changes: [change("whispers", root, "srvRoot", 2)], cursor: pos(2), hasMore: false }, cursor);
    const chain = (ref: string) =>
      new Promise<string[]>((resolve) => {
        const sub = whisperChain(ref, db).subscribe((rows) => {
          sub.unsubscribe();
          resolve(rows.map((w) => w.content));
        });
      });
    expect(await chain(own)).toEqual(["question", "answer"]);
    expect(await chain("srvRoot")).toEqual(["question", "answer"]);
    db.close();
  });
});
