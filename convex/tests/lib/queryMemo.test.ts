// memoized: one load per key and query (shared by concurrent callers); none kept in a mutation.
import { expect, test } from "vitest";
import type { QueryCtx } from "../../_generated/server";
import { memoized } from "../../lib/queryMemo";

const counting = () => {
  let loads = 0;
  return { load: async () => ++loads, loads: () => loads };
};

test("in a query each key loads once, concurrent callers share it, and another query loads again", async () => {
  const query = { db: {} } as QueryCtx;
  const a = counting();
  const b = counting();
  expect(await Promise.all([memoized(query, "a", a.load), memoized(query, "a", a.load)])).toEqual([1, 1]);
  expect(await memoized(query, "a", a.load)).toBe(1);
  expect(await memoized(query, "b", b.load)).toBe(1);
  expect([a.loads(), b.loads()]).toEqual([1, 1]);
  expect(await memoized({ db: {} } as QueryCtx, "a", a.load)).toBe(2);
});

test("in a mutation (a database that writes) every call loads", async () => {
  const mutation = { db: { insert: () => undefined } } as unknown as QueryCtx;
  const a = counting();
  await memoized(mutation, "a", a.load);
  await memoized(mutation, "a", a.load);
  expect(a.loads()).toBe(2);
});
