// Functions that probe the engine: as many reads or writes as asked, and what the clock says inside a function.
import { actionGeneric, mutationGeneric, queryGeneric } from "convex/server";
import { v } from "convex/values";

/** `count` index ranges (one indexed lookup each); an empty table, so no documents are read. */
export const lookups = queryGeneric({
  args: { count: v.number() },
  handler: async (ctx, { count }) => {
    for (let n = 0; n < count; n++) await ctx.db.query("items").withIndex("by_n", (q) => q.eq("n", n)).first();
    return count;
  },
});

/** Inserts `count` items. */
export const insertItems = mutationGeneric({
  args: { count: v.number() },
  handler: async (ctx, { count }) => {
    for (let n = 0; n < count; n++) await ctx.db.insert("items", { n });
    return count;
  },
});

export const countItems = queryGeneric({
  args: {},
  handler: async (ctx) => (await ctx.db.query("items").take(100)).length,
});

/** Spins `ms` on the monotonic clock, so a running Date would move on. */
function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

/** Date.now() and new Date() at the start, after a write and `ms` of work, and after another await. */
export const clockInMutation = mutationGeneric({
  args: { ms: v.number() },
  handler: async (ctx, { ms }) => {
    const first = Date.now();
    await ctx.db.insert("items", { n: -1 });
    spin(ms);
    const second = Date.now();
    const date = new Date().getTime();
    await ctx.db.query("items").take(1);
    return { first, second, date, third: Date.now() };
  },
});

export const clockInQuery = queryGeneric({
  args: { ms: v.number() },
  handler: async (ctx, { ms }) => {
    const first = Date.now();
    await ctx.db.query("items").take(1);
    spin(ms);
    return { first, second: Date.now(), date: new Date().getTime() };
  },
});

export const clockInAction = actionGeneric({
  args: { ms: v.number() },
  handler: async (_ctx, { ms }) => {
    const first = Date.now();
    spin(ms);
    return { first, second: Date.now() };
  },
});
