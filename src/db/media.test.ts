// The offline-readiness readers: recent conversations' media URLs and the unread total for the badge.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { applyPulledPage } from "../sync/applyPulledPage";
import { freshDb } from "../test/util";
import type { WhispersDB } from "./database";
import { recentMediaUrls, unreadTotal } from "./media";
import type { ServerDoc } from "./shapes";
import { pos } from "../test/feed";
import { change, conversationDoc, whisperDoc, type Fields } from "../test/feedDocs";

const dbs: WhispersDB[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

type WhisperFields = Partial<Fields<ServerDoc<"whispers">>>;
const conversation = (id: string, at: number, fields: Partial<Fields<ServerDoc<"conversations">>> = {}) =>
  change("conversations", conversationDoc({ _id: id, counterpartId: `u-${id}`, lastWhisperAt: at, updatedAt: at, ...fields }));
const whisper = (id: string, conversationId: string, at: number, fields: WhisperFields = {}) =>
  change("whispers", whisperDoc({ _id: id, conversationId, content: id, deliveredAt: at, updatedAt: at, ...fields }));

describe("offline readiness", () => {
  it("lists the media of the most recent conversations only, newest first", async () => {
    const db = await freshDb("media");
    dbs.push(db);
    await applyPulledPage(
      db,
      {
        changes: [
          conversation("old", 10),
          conversation("new", 50),
          whisper("w1", "old", 10, { imageUrl: "http://x/api/storage/old.png" }),
          whisper("w2", "new", 40, { audioUrl: "http://x/api/storage/a.webm" }),
          whisper("w3", "new", 50, { imageUrl: "http://x/api/storage/b.png" }),
          whisper("w4", "new", 45),
        ],
        cursor: pos(6),
        hasMore: false,
      },
      pos(0),
    );
    expect(await recentMediaUrls(db, { conversations: 1 })).toEqual([
      "http://x/api/storage/b.png",
      "http://x/api/storage/a.webm",
    ]);
    expect(await recentMediaUrls(db, { conversations: 5 })).toHaveLength(3);
  });

  it("counts unread whispers outside the archive", async () => {
    const db = await freshDb("badge");
    dbs.push(db);
    await applyPulledPage(
      db,
      {
        changes: [
          conversation("a", 1, { unreadCount: 2 }),
          conversation("b", 2, { unreadCount: 3 }),
          conversation("c", 3, { unreadCount: 7, isArchived: true }),
        ],
        cursor: pos(3),
        hasMore: false,
      },
      pos(0),
    );
    expect(await unreadTotal(db)).toBe(5);
  });
});
