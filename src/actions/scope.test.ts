// Each hot action locks only the tables it touches (so it neither waits for nor holds up readers of the others).
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WhispersDB } from "../db/database";
import { applyPulledPage } from "../sync/applyPulledPage";
import { freshDb } from "../test/util";
import { markRead, sendWhisper, setPinned, toggleReaction } from ".";
import { pos } from "../test/feed";
import { change, conversationDoc, whisperDoc } from "../test/feedDocs";

const dbs: WhispersDB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});

/** The table names of every transaction `db` opens while `run` runs. */
async function scopes(db: WhispersDB, run: () => Promise<unknown>): Promise<string[][]> {
  const seen: string[][] = [];
  const real = db.transaction.bind(db) as (...args: unknown[]) => unknown;
  vi.spyOn(db, "transaction").mockImplementation(((...args: unknown[]) => {
    const tables = args.slice(1, -1).flat() as Array<string | { name: string }>;
    seen.push(tables.map((t) => (typeof t === "string" ? t : t.name)).sort());
    return real(...args);
  }) as typeof db.transaction);
  await run();
  vi.restoreAllMocks();
  return seen;
}

describe("action transaction scopes", () => {
  it("sending, reacting, marking read and pinning touch only their tables, and still commit everything", async () => {
    const db = await freshDb("scope");
    dbs.push(db);
    await applyPulledPage(
      db,
      {
        changes: [
          change("conversations", conversationDoc({ _id: "c1", counterpartId: "bob", unreadCount: 2, updatedAt: 1 }), "c1", 1),
          change("whispers", whisperDoc({ _id: "w1", conversationId: "c1", content: "hi", deliveredAt: 5 }), "w1", 2),
        ],
        cursor: pos(2),
        hasMore: false,
      },
      pos(0),
    );
    expect(await scopes(db, () => sendWhisper({ conversationId: "c1", content: "text" }, db))).toEqual([["conversations", "idMap", "outbox", "whispers"]]);
    const image = new Blob([new Uint8Array(4)], { type: "image/png" });
    expect(await scopes(db, () => sendWhisper({ conversationId: "c1", content: "", image }, db))).toEqual([
      ["blobs", "conversations", "idMap", "outbox", "whispers"],
    ]);
    expect(await scopes(db, () => toggleReaction("w1", "🔥", db))).toEqual([["meta", "outbox", "whispers"]]);
    expect(await scopes(db, () => markRead("c1", db))).toEqual([["conversations", "idMap", "outbox"]]);
    expect(await scopes(db, () => setPinned("c1", true, db))).toEqual([["conversations", "idMap", "outbox"]]);
    expect(await db.outbox.count()).toBe(5);
    expect(await db.blobs.count()).toBe(1);
    const conversation = (await db.conversations.get("c1"))!;
    expect(conversation).toMatchObject({ unreadCount: 0, isPinned: true, lastWhisperFromViewer: true });
  });
});
