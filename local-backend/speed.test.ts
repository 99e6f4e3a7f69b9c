// The local backend's speed paths keep their meaning: compound and bounded index scans, group commit, the fair transaction lock.
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, expect, test, vi } from "vitest";
import { Engine } from "./engine/engine";
import { WriteAheadLog } from "./persistence/wal";
import { ROOT_DIR } from "./server";
import { tempDataDir } from "./testing/harness";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
afterEach(() => vi.restoreAllMocks());

type Row = { userId: string; commitTs: bigint; docId: string };
type Db = {
  insert(table: string, doc: object): Promise<string>;
  patch(table: string, id: string, doc: object): Promise<void>;
  query(table: string): {
    withIndex(name: string, range: (q: Range) => Range): { collect(): Promise<Row[]>; take(n: number): Promise<Row[]> };
  };
};
type Range = { eq(f: string, v: unknown): Range; gt(f: string, v: unknown): Range; lte(f: string, v: unknown): Range };

const engine = () => Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "t" });

test("index scans on every equality of the prefix and inside the bounds return what a full scan would, pending writes included", async () => {
  const e = await engine();
  const users = await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db;
    const ids: string[] = [];
    for (const name of ["ann", "ben"]) {
      ids.push(await db.insert("users", { clerkId: name, username: name, usernameLower: name, email: `${name}@example.test`, displayName: name, interests: [], moodJournal: [], themePreference: "system", isDeleted: false, isBanned: false, onboarded: true, updatedAt: 1 }));
    }
    return ids;
  });
  const [ann, ben] = users as [string, string];
  const all: Row[] = [];
  await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db;
    for (let seq = 1; seq <= 30; seq++) {
      const row = { userId: seq % 3 === 0 ? ben : ann, commitTs: BigInt(seq), table: "whispers", docId: `doc${seq % 7}`, updatedAt: seq };
      await db.insert("syncChanges", row);
      all.push(row);
    }
  });
  const seqs = (rows: Row[]) => rows.map((r) => Number(r.commitTs));
  const result = await e.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as Db;
    // A pending write inside the transaction moves one row into the range: it must be seen.
    const pending = await db.insert("syncChanges", { userId: ann, commitTs: 31n, table: "whispers", docId: "doc3", updatedAt: 31 });
    const moved = await db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ann).gt("commitTs", 20n)).collect();
    const page = await db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ann).gt("commitTs", 10n).lte("commitTs", 20n)).take(3);
    const exact = await db.query("syncChanges").withIndex("by_user_doc", (q) => q.eq("userId", ann).eq("docId", "doc3")).collect();
    return { pending, moved: seqs(moved), page: seqs(page), exact: seqs(exact) };
  });
  const annRows = all.filter((r) => r.userId === ann);
  expect(result.moved).toEqual([...seqs(annRows.filter((r) => r.commitTs > 20n)), 31]);
  expect(result.page).toEqual(seqs(annRows.filter((r) => r.commitTs > 10n && r.commitTs <= 20n)).slice(0, 3));
  expect(result.exact).toEqual([...seqs(annRows.filter((r) => r.docId === "doc3")), 31].sort((a, b) => a - b));
});

test("the transaction lock serves waiting functions in arrival order, in time linear in their number", async () => {
  const e = await engine();
  const run = async (count: number) => {
    const order: number[] = [];
    const started = performance.now();
    await Promise.all(Array.from({ length: count }, (_, i) => e.transact(async () => void order.push(i))));
    expect(order).toEqual(Array.from({ length: count }, (_, i) => i));
    return performance.now() - started;
  };
  await run(200); // warm up
  const small = await run(1000);
  const large = await run(4000);
  // Every waiter woken by every commit (convex-test's own lock) made 4× the waiters cost ~16× the time.
  expect(large / small).toBeLessThan(9);
}, 60_000);

test("sync() waits for the fsync covering its own appends, not for later ones (group commit)", async () => {
  const dir = tempDataDir();
  dirs.push(dir);
  const pending: Array<(err: NodeJS.ErrnoException | null) => void> = [];
  vi.spyOn(fs, "fsync").mockImplementation(((_fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => {
    pending.push(callback);
  }) as typeof fs.fsync);
  const wal = new WriteAheadLog(path.join(dir, "wal.jsonl"));
  const done: string[] = [];
  wal.append({ ts: "1", n: 1, c: 1, w: [] });
  const first = wal.sync().then(() => done.push("first"));
  wal.append({ ts: "2", n: 2, c: 2, w: [] });
  const second = wal.sync().then(() => done.push("second"));
  const third = wal.sync().then(() => done.push("third"));
  expect(pending).toHaveLength(1);
  pending.shift()!(null);
  await first;
  expect(done).toEqual(["first"]);
  // The later appends need one more fsync, shared by both callers.
  await new Promise((resolve) => setImmediate(resolve));
  expect(pending).toHaveLength(1);
  pending.shift()!(null);
  await Promise.all([second, third]);
  expect(done).toEqual(["first", "second", "third"]);
  vi.restoreAllMocks();
  wal.close();
});
