// The engine's read and write sets of a mutation and conflicts(a, b), on the probe project: what conflicts on Convex and what does not.
import path from "node:path";
import type { Value } from "convex/values";
import { beforeEach, expect, test } from "vitest";
import { Engine, type Access } from "./engine";
import { conflicts } from "./occ";

const PROBE_DIR = path.join(import.meta.dirname, "..", "testing", "probeConvex");
let engine: Engine;

beforeEach(async () => {
  engine = await Engine.create(PROBE_DIR, { store: () => undefined, open: () => null, uploadToken: () => "t" });
});

const run = async (udfPath: string, args: Record<string, Value> = {}): Promise<Access> => (await engine.inspectMutation(udfPath, args, null)).access;
const written = (access: Access) => access.writes.map((w) => w.table);

test("the read set holds index ranges and documents read by id; the write set each document before and after", async () => {
  const first = await run("probe:bump", { name: "likes" });
  expect(first.reads.ranges).toMatchObject([{ table: "counters", index: "counters.by_name", conditions: [{ type: "Eq", fieldPath: "name", value: "likes" }] }]);
  expect(first.writes).toMatchObject([{ table: "counters", before: null, after: { name: "likes", value: 1 } }]);
  const second = await run("probe:bump", { name: "likes" });
  expect(second.reads.ids.has(first.writes[0]!.id)).toBe(true);
  expect(second.writes).toMatchObject([{ id: first.writes[0]!.id, before: { value: 1 }, after: { value: 2 } }]);
});

test("it also reports what the mutation used of each transaction limit", async () => {
  await run("probe:insertItems", { count: 3 });
  const { metrics } = await engine.inspectMutation("probe:itemCount", {}, null);
  expect(metrics.databaseQueries).toEqual({ used: 1, remaining: 4095 });
  expect(metrics.documentsRead.used).toBe(3);
  expect((await engine.inspectMutation("probe:insertItems", { count: 5 }, null)).metrics.documentsWritten).toEqual({ used: 5, remaining: 15_995 });
});

test("two bumps of one counter conflict (its row, read and written by both); of two counters they do not", async () => {
  await run("probe:bump", { name: "likes" });
  const a = await run("probe:bump", { name: "likes" });
  const b = await run("probe:bump", { name: "likes" });
  expect(conflicts(a, b).map((c) => [c.table, c.writer])).toEqual([
    ["counters", "b"],
    ["counters", "a"],
  ]);
  const c = await run("probe:bump", { name: "views" });
  const d = await run("probe:bump", { name: "shares" });
  expect(conflicts(c, d)).toEqual([]);
  // Creating the same counter twice conflicts too: each read the empty range the other filled.
  const e = await run("probe:bump", { name: "new" });
  const f = await engine.inspectMutation("probe:bump", { name: "new" }, null);
  expect(conflicts(e, f.access)).not.toEqual([]);
});

test("only the part of a range actually read counts: first() conflicts with an insert before its document, not after", async () => {
  await run("probe:addItem", { n: 5 });
  await run("probe:addItem", { n: 9 });
  const smallest = await run("probe:smallestItem");
  expect(smallest.reads.ranges[0]!.extent).toMatchObject({ done: false, count: 1, last: { n: 5 } });
  expect(conflicts(smallest, await run("probe:addItem", { n: 7 }))).toEqual([]);
  expect(conflicts(smallest, await run("probe:addItem", { n: 3 }))).toMatchObject([{ table: "items", writer: "b", read: "items.by_n" }]);
  // A range read to its end (collect) conflicts with an insert anywhere in it.
  const count = await run("probe:itemCount");
  expect(count.reads.ranges[0]!.extent).toMatchObject({ done: true });
  expect(conflicts(count, await run("probe:addItem", { n: 100 }))).toHaveLength(1);
});

test("a document read by id conflicts with its rewrite; writes alone never conflict", async () => {
  const id = (await engine.mutation("probe:addItem", { n: 1 }, null)).value as string;
  const other = (await engine.mutation("probe:addItem", { n: 2 }, null)).value as string;
  const a = await run("probe:touchItem", { id });
  expect(conflicts(a, await run("probe:touchItem", { id }))).toMatchObject([{ id, read: "by id" }, { id, read: "by id" }]);
  expect(conflicts(a, await run("probe:touchItem", { id: other }))).toEqual([]);
  expect(conflicts(await run("probe:addItem", { n: 3 }), await run("probe:addItem", { n: 3 }))).toEqual([]);
  expect(written(a)).toEqual(["items"]);
});

test("a mutation can be given its Math.random (replaying one sequence for two mutations); others keep theirs", async () => {
  let k = 0;
  const { value } = await engine.inspectMutation("probe:random", {}, null, { random: () => [0.25, 0.5][k++ % 2]! });
  expect(value).toEqual([0.25, 0.5]);
  const plain = (await engine.mutation("probe:random", {}, null)).value as number[];
  expect(plain).not.toEqual([0.25, 0.5]);
});
