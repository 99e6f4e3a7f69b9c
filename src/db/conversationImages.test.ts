// A conversation's image whispers for the viewer: which ones, in what order, and what makes the reader read again.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it } from "vitest";
import { applyPulledPage, type PullChange } from "../sync/applyPulledPage";
import { freshDb, waitFor } from "../test/util";
import { conversationImages } from "./conversationImages";
import type { WhispersDB } from "./database";
import type { ServerDoc } from "./shapes";
import type { LocalWhisper } from "./types";
import { pos } from "../test/feed";
import { change, whisperDoc, type Fields } from "../test/feedDocs";

const dbs: WhispersDB[] = [];
afterEach(() => dbs.splice(0).forEach((db) => db.close()));

const whisper = (id: string, conversationId: string, at: number, fields: Partial<Fields<ServerDoc<"whispers">>> = {}): PullChange =>
  change("whispers", whisperDoc({ _id: id, conversationId, content: id, deliveredAt: at, updatedAt: at, ...fields }), id);
const image = (id: string, conversationId: string, at: number, fields: Partial<Fields<ServerDoc<"whispers">>> = {}) =>
  whisper(id, conversationId, at, { imageUrl: `http://x/api/storage/${id}.jpg`, ...fields });

/** Applies `changes` as the next page of the feed (each page continues from the stored cursor). */
async function pull(db: WhispersDB, changes: PullChange[]): Promise<void> {
  const from = cursors.get(db) ?? 0;
  await applyPulledPage(db, { changes, cursor: pos(from + changes.length), hasMore: false }, pos(from));
  cursors.set(db, from + changes.length);
}
const cursors = new Map<WhispersDB, number>();

/** Follows the reader: every list it delivers, in order. */
function follow(db: WhispersDB, conversationId: string) {
  const seen: string[][] = [];
  const subscription = conversationImages(conversationId, db).subscribe((rows: LocalWhisper[]) => seen.push(rows.map((w) => w.id)));
  return { seen, stop: () => subscription.unsubscribe() };
}

describe("conversationImages", () => {
  it("lists the conversation's visible image whispers oldest first, a picture still on this device too", async () => {
    const db = await freshDb("images");
    dbs.push(db);
    await pull(db, [
      image("i2", "c", 20),
      whisper("t1", "c", 15),
      image("i1", "c", 10),
      image("gone", "c", 12, { isDeleted: true }),
      image("later", "c", 30, { status: "scheduled", scheduledFor: 99 }),
      image("other", "d", 11),
    ]);
    await db.whispers.put({
      ...(await db.whispers.get("t1"))!,
      id: "local-1",
      clientId: "local-1",
      sortKey: 25,
      content: "",
      localBlobKey: "blob-1",
      localBlobKind: "image",
    });
    const { seen, stop } = follow(db, "c");
    await waitFor(() => seen.length === 1);
    expect(seen[0]).toEqual(["i1", "i2", "local-1"]);
    stop();
  });

  it("reads again when an image whisper arrives or leaves, not for a text whisper", async () => {
    const db = await freshDb("images-live");
    dbs.push(db);
    await pull(db, [image("i1", "c", 10)]);
    const { seen, stop } = follow(db, "c");
    await waitFor(() => seen.length === 1);
    await pull(db, [whisper("t1", "c", 20), image("elsewhere", "d", 21)]);
    await new Promise((resolve) => setTimeout(resolve, 400)); // longer than a settling re-read would wait
    expect(seen).toHaveLength(1);
    await pull(db, [image("i2", "c", 30)]);
    await waitFor(() => seen.length === 2, 2000, "the new image");
    expect(seen).toEqual([["i1"], ["i1", "i2"]]);
    await pull(db, [image("i1", "c", 10, { isDeleted: true, updatedAt: 40 })]);
    await waitFor(() => seen.length === 3, 2000, "the deletion");
    expect(seen[2]).toEqual(["i2"]);
    stop();
  });
});
