// The offline search end to end on fake-indexeddb: writes queue their whispers, the indexer builds the index, a session finds people, conversations and whispers.
import "fake-indexeddb/auto";
import { Dexie } from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { counterpartName } from "../../features/inbox/names";
import { applyPulledPage, type PullChange } from "../../sync/applyPulledPage";
import { freshDb } from "../../test/util";
import { databaseName, openUserDb, type WhispersDB } from "../database";
import { declareVersion1, declareVersion2, declareVersion3, declareVersion4, declareVersion5, LATEST_VERSION } from "../schema";
import { MAX_LINES } from "./blocks";
import { SearchIndexer } from "./indexer";
import { SearchSession, type SearchResults } from "./searchSession";
import { pos } from "../../test/feed";
import { change, conversationDoc, publicProfileDoc, whisperDoc, type Fields } from "../../test/feedDocs";
import type { ServerDoc } from "../shapes";
import { getCursor } from "../repos/metaRepo";

const open: Array<{ close(): void }> = [];
afterEach(() => {
  for (const o of open.splice(0)) o.close();
});

async function database(): Promise<WhispersDB> {
  const db = await freshDb("search");
  open.push(db);
  return db;
}

function indexer(db: WhispersDB): SearchIndexer {
  const i = new SearchIndexer(db, { pause: async () => undefined, startDelayMs: 0 });
  open.push({ close: () => i.stop() });
  return i;
}

/** Another program's writes: the same database without the app's middleware (no queue entries). */
async function writtenAround(db: WhispersDB): Promise<Dexie> {
  const raw = new Dexie(databaseName(db.userKey));
  declareVersion1(raw);
  declareVersion2(raw);
  declareVersion3(raw);
  declareVersion4(raw);
  declareVersion5(raw);
  await raw.open();
  return raw;
}

let seq = 0;
const whisper = (id: string, conversationId: string, content: string, at: number, extra: Partial<Fields<ServerDoc<"whispers">>> = {}): PullChange =>
  change("whispers", whisperDoc({ _id: id, conversationId, content, deliveredAt: at, updatedAt: at, ...extra }), id, ++seq);
const conversation = (id: string, doc: Partial<Fields<ServerDoc<"conversations">>>): PullChange =>
  change("conversations", conversationDoc({ _id: id, updatedAt: 1, ...doc }), id, ++seq);
const user = (id: string, username: string, displayName: string): PullChange =>
  change("users", publicProfileDoc({ _id: id, username, displayName }), id, ++seq);

async function apply(db: WhispersDB, changes: PullChange[]): Promise<void> {
  await applyPulledPage(db, { changes, cursor: pos(++seq), hasMore: false }, await getCursor(db));
}

/** The results of `query` once the session has looked through everything it lists. */
function searchAll(session: SearchSession, query: string, pages = 1): Promise<SearchResults> {
  return new Promise((resolve) => {
    let asked = 1;
    session.search(query, (r) => {
      if (r.searching) return;
      if (asked < pages && r.more) {
        asked += 1;
        session.more();
      } else resolve(r);
    });
  });
}

function session(db: WhispersDB, pageSize = 30): SearchSession {
  const s = new SearchSession({ db, nameOf: counterpartName, pageSize });
  open.push(s);
  return s;
}

describe("search", () => {
  it("queues the ids a transaction writes in that transaction, none when it aborts or touches only unindexed fields", async () => {
    const db = await database();
    await apply(db, [whisper("w1", "c1", "hello there", 10)]);
    expect((await db.searchQueue.toArray()).flatMap((e) => e.ids)).toContain("w1");
    await db.searchQueue.clear();
    await db
      .transaction("rw", db.whispers, async () => {
        await db.whispers.update("w1", { content: "changed" });
        throw new Error("abort");
      })
      .catch(() => undefined);
    expect(await db.searchQueue.count()).toBe(0);
    await db.whispers.update("w1", { readAt: 99 });
    await db.whispers.where("conversationId").equals("c1").modify({ reactions: [{ emoji: "👍", at: 1 }] });
    expect(await db.searchQueue.count()).toBe(0);
    await db.whispers.update("w1", { isDeleted: true });
    expect((await db.searchQueue.toArray()).flatMap((e) => e.ids)).toEqual(["w1"]);
  });

  it("finds whispers by the beginnings of their words, every word, newest first, whatever the case and accents", async () => {
    const db = await database();
    await apply(db, [
      conversation("c1", { counterpartId: "u1" }),
      user("u1", "bob", "Bob Okafor"),
      whisper("w1", "c1", "Meet me at the Café tomorrow", 100),
      whisper("w2", "c1", "The cafe was closed", 200),
      whisper("w3", "c1", "Tomorrow then, at noon", 300),
      whisper("w4", "c1", "An atom is small", 400),
    ]);
    await indexer(db).flush();
    const s = session(db);
    expect((await searchAll(s, "CAFE")).whispers.map((w) => w.id)).toEqual(["w2", "w1"]);
    expect((await searchAll(s, "tom")).whispers.map((w) => w.id)).toEqual(["w3", "w1"]); // not "atom"
    expect((await searchAll(s, "caf tomor")).whispers.map((w) => w.id)).toEqual(["w1"]);
    const hit = (await searchAll(s, "caf")).whispers[1]!;
    expect(hit).toMatchObject({ conversationId: "c1", conversationName: "Bob Okafor", time: 100 });
    expect(hit.snippet.filter((p) => p.mark).map((p) => p.text)).toEqual(["Caf"]);
    expect((await searchAll(s, "zebra")).whispers).toEqual([]);
  });

  it("groups people and conversations found by name, and never finds a mystery sender by who they are", async () => {
    const db = await database();
    await apply(db, [
      user("carol", "carol", "Carol Lindqvist"),
      conversation("plain", { counterpartId: "carol", lastWhisperAt: 50 }),
      // Carol's mystery conversation with the viewer: the server names her "Someone" and sends no id.
      conversation("mystery", { isMystery: true, hiddenFromViewer: true, counterpart: { displayName: "Someone" }, lastWhisperAt: 90 }),
      whisper("m1", "mystery", "Guess who wrote this, Carol fan", 90),
      whisper("p1", "plain", "hello", 50),
    ]);
    await indexer(db).flush();
    const s = session(db);
    const carol = await searchAll(s, "carol");
    expect(carol.people.map((p) => [p.id, p.conversationId])).toEqual([["carol", "plain"]]);
    expect(carol.conversations.map((c) => c.id)).toEqual(["plain"]);
    // Her whisper's text says "Carol": it is found, under the name the conversation shows.
    expect(carol.whispers.map((w) => [w.id, w.conversationName])).toEqual([["m1", "Someone"]]);
    const lind = await searchAll(s, "lindq");
    expect(lind.conversations.map((c) => c.id)).toEqual(["plain"]);
    expect(lind.whispers).toEqual([]);
    expect((await searchAll(s, "someone")).conversations.map((c) => [c.id, c.hidden])).toEqual([["mystery", true]]);
  });

  it("forgets deleted and hidden whispers, and follows edits and deliveries", async () => {
    const db = await database();
    const ix = indexer(db);
    await apply(db, [
      whisper("w1", "c1", "secret plans", 10),
      whisper("w2", "c1", "more secret stuff", 20),
      whisper("s1", "c1", "scheduled secret", 0, { status: "scheduled", deliveredAt: undefined, scheduledFor: 5000 }),
    ]);
    await ix.flush();
    const s = session(db);
    expect((await searchAll(s, "secret")).whispers.map((w) => w.id)).toEqual(["w2", "w1"]);
    await apply(db, [{ table: "whispers", id: "w1", at: pos(++seq), doc: null }]);
    await db.whispers.update("w2", { isDeleted: true });
    await ix.flush();
    expect((await searchAll(s, "secret")).whispers).toEqual([]);
    const bodies = await db.searchBodies.toArray();
    expect(bodies.some((b) => b.text.includes("secret"))).toBe(false);
    expect(await db.searchDocs.get("w1")).toBeUndefined();
    // The scheduled whisper is found once delivered, at its delivery time; an edit changes what finds it.
    await apply(db, [whisper("s1", "c1", "scheduled secret", 6000)]);
    await ix.flush();
    expect((await searchAll(s, "secret")).whispers.map((w) => [w.id, w.time])).toEqual([["s1", 6000]]);
    await db.whispers.update("s1", { content: "nothing to see" });
    await ix.flush();
    expect((await searchAll(s, "secret")).whispers).toEqual([]);
    expect((await searchAll(s, "nothing")).whispers.map((w) => w.id)).toEqual(["s1"]);
  });

  it("never lists a whisper for words it no longer has, even before the indexer ran", async () => {
    const db = await database();
    const ix = indexer(db);
    await apply(db, [whisper("w1", "c1", "old words", 10)]);
    await ix.flush();
    const s = session(db);
    expect((await searchAll(s, "old")).whispers.map((w) => w.id)).toEqual(["w1"]);
    await db.whispers.update("w1", { content: "new text" });
    // The row read by the search a moment ago is read again.
    expect((await searchAll(s, "ol")).whispers).toEqual([]);
    expect((await searchAll(session(db), "old")).whispers).toEqual([]);
  });

  it("indexes history written around the app newest first in time-ordered blocks, and pages through it", async () => {
    const db = await database();
    const count = 2 * MAX_LINES + 500;
    const raw = await writtenAround(db);
    await raw.table("conversations").bulkPut(
      ["a", "b", "c"].map((id) => ({ id, status: "active", isMystery: false, counterpartHidden: false, isPinned: false, isArchived: false, unreadCount: 0, lastActivityAt: count, listRank: count, syncState: "synced" })),
    );
    await raw.table("whispers").bulkPut(
      Array.from({ length: count }, (_, i) => ({
        id: `h${String(i).padStart(5, "0")}`,
        clientId: `h${i}`,
        conversationId: ["a", "b", "c"][i % 3],
        sortKey: 1000 + i,
        status: "delivered",
        fromViewer: false,
        content: i % 10 === 0 ? `round number ${i}` : `just words ${i}`,
        reactions: [],
        syncState: "synced",
      })),
    );
    raw.close();
    expect(await db.searchQueue.count()).toBe(0);
    await indexer(db).flush();
    expect(await db.searchDocs.count()).toBe(count);
    const blocks = (await db.searchBlocks.toArray()).sort((x, y) => x.start - y.start);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const [i, b] of blocks.entries()) {
      expect(b.count).toBeLessThanOrEqual(MAX_LINES);
      const body = (await db.searchBodies.get(b.start))!;
      const next = blocks[i + 1]?.start ?? Infinity;
      expect(body.times.every((t, k) => t >= b.start && t < next && (k === 0 || t <= body.times[k - 1]!))).toBe(true);
    }
    const s = session(db, 100);
    const found = await searchAll(s, "round", 3);
    expect(found.whispers).toHaveLength(250);
    expect(found.more).toBe(false);
    const times = found.whispers.map((w) => w.time);
    expect(times).toEqual([...times].sort((x, y) => y - x));
    expect(times[0]).toBe(1000 + count - 10);
  });

  it("stops the backfill once every missing whisper is indexed: older history, indexed already, is not read again", async () => {
    const db = await database();
    const raw = await writtenAround(db);
    await raw.table("conversations").bulkPut(
      ["a", "b"].map((id) => ({ id, status: "active", isMystery: false, counterpartHidden: false, isPinned: false, isArchived: false, unreadCount: 0, lastActivityAt: 1, listRank: 1, syncState: "synced" })),
    );
    const rows = (from: number, count: number, words: string) =>
      Array.from({ length: count }, (_, k) => ({
        id: `w${String(from + k).padStart(5, "0")}`,
        conversationId: (from + k) % 2 === 0 ? "a" : "b",
        sortKey: 1000 + from + k,
        status: "delivered",
        fromViewer: false,
        content: `${words} n${String(from + k).padStart(5, "0")}`,
        reactions: [],
        syncState: "synced",
      }));
    // An indexed history, then newer whispers written around the app: more than the walk lists by id.
    const OLD = 3000;
    const NEW = 2400;
    await raw.table("whispers").bulkPut(rows(0, OLD, "older"));
    await indexer(db).flush();
    expect(await db.searchDocs.count()).toBe(OLD);
    await raw.table("whispers").bulkPut(rows(OLD, NEW, "newer"));
    raw.close();

    let looked = 0;
    const bulkGet = db.searchDocs.bulkGet.bind(db.searchDocs);
    db.searchDocs.bulkGet = ((keys: string[]) => {
      looked += keys.length;
      return bulkGet(keys);
    }) as typeof db.searchDocs.bulkGet;
    await indexer(db).flush();
    expect(await db.searchDocs.count()).toBe(OLD + NEW);
    // The backfill went newest first through the new whispers and stopped there (a chunk's slack), not through all 5,400.
    expect(looked).toBeGreaterThanOrEqual(NEW);
    expect(looked).toBeLessThan(NEW + 300);
    const s = session(db, 100);
    expect((await searchAll(s, "newer n05399")).whispers.map((w) => w.id)).toEqual(["w05399"]);
    expect((await searchAll(s, "older n00007")).whispers.map((w) => w.id)).toEqual(["w00007"]);
  });

  it("upgrades a database from before search and indexes what it holds", async () => {
    const userKey = `search-upgrade-${Date.now()}`;
    const v3 = new Dexie(databaseName(userKey));
    declareVersion1(v3);
    declareVersion2(v3);
    declareVersion3(v3);
    await v3.open();
    await v3.table("whispers").put({ id: "w1", clientId: "w1", conversationId: "c1", sortKey: 5, status: "delivered", fromViewer: true, content: "kept from before", reactions: [], syncState: "synced" });
    v3.close();
    const db = await openUserDb(userKey);
    open.push(db);
    expect(db.verno).toBe(LATEST_VERSION);
    await indexer(db).flush();
    const r = await searchAll(session(db), "befo");
    expect(r.whispers.map((w) => [w.id, w.fromViewer])).toEqual([["w1", true]]);
  });
});
