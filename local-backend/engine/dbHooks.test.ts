// Index scans with take(n) after a cursor, and queries inside a transaction with many pending writes, answer what a full scan would.
import path from "node:path";
import { expect, test } from "vitest";
import { Engine } from "./engine";
import { ROOT_DIR } from "../server";

type Row = { userId: string; commitTs: bigint; docId: string };
/** The feed's commit timestamps stand in for any numeric index key (×2: the tests use halves). */
const ts = (seq: number) => BigInt(seq * 2);
const seqOf = (row: Row) => Number(row.commitTs) / 2;
type Q = {
  withIndex(name: string, range: (q: Range) => Range): Q;
  order(order: "asc" | "desc"): Q;
  filter(f: (q: { eq(a: unknown, b: unknown): unknown; field(name: string): unknown }) => unknown): Q;
  take(n: number): Promise<Row[]>;
  collect(): Promise<Row[]>;
};
type Range = { eq(f: string, v: unknown): Range; gt(f: string, v: unknown): Range; lt(f: string, v: unknown): Range };
type Db = { insert(table: string, doc: object): Promise<string>; patch(table: string, id: string, doc: object): Promise<void>; query(table: string): Q };

const engine = () => Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "t" });
const user = { clerkId: "ann", username: "ann", usernameLower: "ann", email: "ann@example.test", displayName: "ann", interests: [], moodJournal: [], themePreference: "system", isDeleted: false, isBanned: false, onboarded: true, updatedAt: 1 };

test("take(n) after a cursor, ascending and descending, with pending writes and filters, equals sorting everything", async () => {
  const e = await engine();
  const seqs = Array.from({ length: 60 }, (_, i) => ((i * 37) % 60) + 1); // 1…60, shuffled
  const ann = await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db;
    const id = await db.insert("users", user);
    for (const seq of seqs) await db.insert("syncChanges", { userId: id, commitTs: ts(seq), table: "whispers", docId: `doc${seq}`, updatedAt: seq });
    return id;
  });
  const result = await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db;
    // Pending in this transaction: a new row inside the range, and a committed row moved out of it.
    await db.insert("syncChanges", { userId: ann, commitTs: ts(20.5), table: "whispers", docId: "pending", updatedAt: 1 });
    const moved = (await db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ann).gt("commitTs", ts(21))).take(1))[0]!;
    await db.patch("syncChanges", (moved as unknown as { _id: string })._id, { commitTs: ts(1000) });
    const range = (q: Range) => q.eq("userId", ann).gt("commitTs", ts(20));
    return {
      asc: (await db.query("syncChanges").withIndex("by_user_commit", range).take(5)).map(seqOf),
      desc: (await db.query("syncChanges").withIndex("by_user_commit", range).order("desc").take(3)).map(seqOf),
      below: (await db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ann).lt("commitTs", ts(30))).order("desc").take(2)).map(seqOf),
      filtered: (await db.query("syncChanges").withIndex("by_user_commit", range).filter((q) => q.eq(q.field("docId"), "doc59")).take(1)).map(seqOf),
      all: (await db.query("syncChanges").withIndex("by_user_commit", range).collect()).map(seqOf),
    };
  });
  expect(result.asc).toEqual([20.5, 21, 23, 24, 25]);
  expect(result.desc).toEqual([1000, 60, 59]);
  expect(result.below).toEqual([29, 28]);
  expect(result.filtered).toEqual([59]);
  expect(result.all).toHaveLength(41);
});

test("queries inside a transaction see its own pending writes of the same index key, and only those", async () => {
  const e = await engine();
  const found = await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db;
    const ann = await db.insert("users", user);
    const ben = await db.insert("users", { ...user, clerkId: "ben", username: "ben", usernameLower: "ben" });
    for (let i = 0; i < 40; i++) await db.insert("syncChanges", { userId: i % 2 ? ann : ben, commitTs: ts(i), table: "whispers", docId: `d${i % 4}`, updatedAt: i });
    const byDoc = await db.query("syncChanges").withIndex("by_user_doc", (q) => q.eq("userId", ann).eq("docId", "d1")).collect();
    const byUser = await db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ben)).collect();
    return { byDoc: byDoc.map(seqOf), byUser: byUser.length };
  });
  expect(found.byDoc).toEqual([1, 5, 9, 13, 17, 21, 25, 29, 33, 37]);
  expect(found.byUser).toBe(20);
});

test("a lookup by key inside a transaction follows its pending rows when they move to another key or are deleted", async () => {
  const e = await engine();
  const found = await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db & { delete(table: string, id: string): Promise<void> };
    const ann = await db.insert("users", user);
    const ids: string[] = [];
    for (let seq = 0; seq < 30; seq++) ids.push(await db.insert("syncChanges", { userId: ann, commitTs: ts(seq), table: "whispers", docId: `d${seq % 3}`, updatedAt: 1 }));
    const seqsOf = async (docId: string) =>
      (await db.query("syncChanges").withIndex("by_user_doc", (q) => q.eq("userId", ann).eq("docId", docId)).collect()).map(seqOf);
    const before = await seqsOf("d1");
    await db.patch("syncChanges", ids[1]!, { docId: "d2" });
    await db.delete("syncChanges", ids[4]!);
    await db.insert("syncChanges", { userId: ann, commitTs: ts(100), table: "whispers", docId: "d1", updatedAt: 1 });
    // Key 0 has no hash key (zero); a lookup of another key must still find exactly its own row.
    const bySeq = (await db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ann).eq("commitTs", ts(3))).collect()).map(seqOf);
    return { before, d1: await seqsOf("d1"), d2: await seqsOf("d2"), bySeq };
  });
  expect(found.before).toEqual([1, 4, 7, 10, 13, 16, 19, 22, 25, 28]);
  expect(found.d1).toEqual([7, 10, 13, 16, 19, 22, 25, 28, 100]);
  expect(found.d2).toEqual([1, 2, 5, 8, 11, 14, 17, 20, 23, 26, 29]);
  expect(found.bySeq).toEqual([3]);
});
