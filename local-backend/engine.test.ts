// Unit tests of the pieces under the server: invalidation matching, indexed scans, cron specs, ranges, the log.
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { nextRun, parseCron, nextCronTime } from "./engine/cronSpec";
import { Dependencies } from "./engine/dependencies";
import { Engine } from "./engine/engine";
import type { StoredDoc } from "./engine/internals";
import { ReadSet } from "./engine/reads";
import { hashKey } from "./engine/values";
import { readWal, WriteAheadLog } from "./persistence/wal";
import { ROOT_DIR } from "./server";
import { parseRange } from "./storage/ranges";
import { tempDataDir } from "./testing/harness";

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const doc = (id: string, fields: Record<string, unknown>): StoredDoc => ({ _id: id, _creationTime: 1, ...fields });

describe("Dependencies", () => {
  const reads = new ReadSet();
  reads.addSource({
    type: "IndexRange",
    indexName: "syncChanges.by_user_seq",
    range: [
      { type: "Eq", fieldPath: "userId", value: "1users" },
      { type: "Gt", fieldPath: "seq", value: 5 },
    ],
  });
  reads.ids.add("7users");
  const deps = new Dependencies<string>();
  deps.register("pull", reads);
  const write = (id: string, before: StoredDoc | null, after: StoredDoc | null) => [{ id, table: id.replace(/^\d+/, ""), before, after }];

  test("a write inside a read index range, or to a document read by id, affects the entry", () => {
    expect(deps.affected(write("10syncChanges", null, doc("10syncChanges", { userId: "1users", seq: 6 })))).toEqual(new Set(["pull"]));
    expect(deps.affected(write("7users", doc("7users", {}), doc("7users", { x: 1 })))).toEqual(new Set(["pull"]));
    // Leaving the range counts too (the old version was inside it).
    expect(deps.affected(write("11syncChanges", doc("11syncChanges", { userId: "1users", seq: 9 }), null)).size).toBe(1);
  });

  test("writes outside every read range affect nothing", () => {
    expect(deps.affected(write("12syncChanges", null, doc("12syncChanges", { userId: "2users", seq: 6 }))).size).toBe(0);
    expect(deps.affected(write("13syncChanges", null, doc("13syncChanges", { userId: "1users", seq: 5 }))).size).toBe(0);
    expect(deps.affected(write("8users", null, doc("8users", {}))).size).toBe(0);
  });

  test("a full table scan depends on every write to its table; unregistering forgets the entry", () => {
    const scan = new ReadSet();
    scan.addSource({ type: "FullTableScan", tableName: "featureFlags" });
    const table = new Dependencies<string>();
    table.register("flags", scan);
    expect(table.affected(write("3featureFlags", null, doc("3featureFlags", { name: "X" }))).size).toBe(1);
    table.unregister("flags");
    expect(table.affected(write("3featureFlags", null, doc("3featureFlags", { name: "X" }))).size).toBe(0);
  });

  test("hash keys only for values whose equality is exact", () => {
    expect(hashKey("a")).not.toBe(hashKey(1));
    expect(hashKey(1)).not.toBe(hashKey(1n));
    expect(hashKey(0)).toBeNull();
    expect(hashKey([1])).toBeNull();
    expect(hashKey(undefined)).not.toBe(hashKey(null));
  });
});

describe("cron schedules", () => {
  const at = Date.UTC(2030, 0, 7, 10, 20, 30); // a Monday
  test("intervals, hourly/daily/weekly specs and cron strings fire at the next matching minute", () => {
    expect(nextRun({ type: "interval", minutes: 1 }, at, "x")).toBe(at + 60_000);
    expect(nextRun({ type: "hourly", minuteUTC: 5 }, at, "x")).toBe(Date.UTC(2030, 0, 7, 11, 5));
    expect(nextRun({ type: "daily", hourUTC: 9, minuteUTC: 0 }, at, "x")).toBe(Date.UTC(2030, 0, 8, 9, 0));
    expect(nextRun({ type: "weekly", dayOfWeek: "wednesday", hourUTC: 8 , minuteUTC: 30 }, at, "x")).toBe(Date.UTC(2030, 0, 9, 8, 30));
    expect(nextCronTime(parseCron("*/15 * * * *"), at)).toBe(Date.UTC(2030, 0, 7, 10, 30));
    expect(nextCronTime(parseCron("0 0 1 * *"), at)).toBe(Date.UTC(2030, 1, 1, 0, 0));
    expect(() => parseCron("61 * * * *")).toThrow(/Invalid cron field/);
  });
});

test("byte ranges", () => {
  expect(parseRange("bytes=0-9", 100)).toEqual({ start: 0, end: 9 });
  expect(parseRange("bytes=90-", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=-10", 100)).toEqual({ start: 90, end: 99 });
  expect(parseRange("bytes=50-500", 100)).toEqual({ start: 50, end: 99 });
  expect(parseRange("bytes=100-", 100)).toBe("unsatisfiable");
  expect(parseRange("bytes=0-1,5-6", 100)).toBeNull();
  expect(parseRange(undefined, 100)).toBeNull();
});

test("a log cut off in the middle of a record keeps every complete record and trims the rest", () => {
  const dir = tempDataDir();
  dirs.push(dir);
  const file = path.join(dir, "wal.jsonl");
  const wal = new WriteAheadLog(file);
  wal.append({ ts: "1", n: 1, c: 1, w: [] });
  wal.append({ ts: "2", n: 2, c: 2, w: [["10users", { name: "é" }]] });
  wal.close();
  fs.appendFileSync(file, '{"ts":"3","n":3,"c"');
  expect(readWal(file).records.map((r) => r.ts)).toEqual(["1", "2"]);
  expect(fs.readFileSync(file, "utf8").endsWith("}\n")).toBe(true);
});

test("the engine's indexed scans see pending writes and match convex-test's results", async () => {
  const engine = await Engine.create(path.join(ROOT_DIR, "convex"), { store: () => undefined, open: () => null, uploadToken: () => "t" });
  const names = await engine.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as {
      insert(table: string, doc: object): Promise<string>;
      query(table: string): { withIndex(name: string, range: (q: { eq(f: string, v: unknown): unknown }) => unknown): { collect(): Promise<{ name: string }[]> } };
    };
    for (const [name, enabled] of [["A", true], ["B", false], ["A", false]] as const) {
      await db.insert("featureFlags", { name, enabled, updatedAt: 1 });
    }
    return (await db.query("featureFlags").withIndex("by_name", (q) => q.eq("name", "A")).collect()).map((f) => f.name);
  });
  expect(names).toEqual(["A", "A"]);
  const committed = await engine.query("featureFlags:list", {}, null);
  const flags = committed.value as { name: string; enabled: boolean }[];
  expect(flags.length).toBeGreaterThan(0);
  expect(committed.reads.ranges.every((r) => r.table === "featureFlags")).toBe(true);
  engine.close();
});
