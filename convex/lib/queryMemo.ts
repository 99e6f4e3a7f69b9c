// Small lookups answered once per query: a query reads one snapshot, so asking again could not get another answer.
import type { QueryCtx } from "../_generated/server";

const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

/**
 * `load()`'s answer for `key`, loaded once per query (per `ctx.db`; concurrent callers share the
 * first load). A page of the sync feed projects hundreds of rows that ask the same few things
 * (the viewer's membership of a chamber, an author's profile, a block between two people): each
 * costs one index range instead of hundreds. In a mutation (a database that can write, whose
 * later reads see its own writes) nothing is kept: every call loads.
 */
export function memoized<T>(ctx: QueryCtx, key: string, load: () => Promise<T>): Promise<T> {
  if ("insert" in ctx.db) return load();
  let memo = memos.get(ctx.db);
  if (!memo) memos.set(ctx.db, (memo = new Map()));
  let hit = memo.get(key) as Promise<T> | undefined;
  if (hit === undefined) {
    hit = load();
    memo.set(key, hit);
  }
  return hit;
}
