// Functions that probe the engine: as many reads or writes as asked, what the clock says inside a function, reads and writes that may conflict.
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

/** `count` lookups and one insert, then what ctx.meta.getTransactionMetrics() says the mutation used and has left. */
export const metricsAfter = mutationGeneric({
  args: { count: v.number() },
  handler: async (ctx, { count }) => {
    for (let n = 0; n < count; n++) await ctx.db.query("items").withIndex("by_n", (q) => q.eq("n", n)).first();
    await ctx.db.insert("counters", { name: "metricsAfter", value: count });
    const metrics = await ctx.meta.getTransactionMetrics();
    return { databaseQueries: metrics.databaseQueries, documentsWritten: metrics.documentsWritten };
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

/** Adds one to counter `name` (read, then patched or inserted). */
export const bump = mutationGeneric({
  args: { name: v.string() },
  handler: async (ctx, { name }) => {
    const row = await ctx.db
      .query("counters")
      .withIndex("by_name", (q) => q.eq("name", name))
      .unique();
    if (row) await ctx.db.patch("counters", row._id, { value: row.value + 1 });
    else await ctx.db.insert("counters", { name, value: 1 });
  },
});

export const addItem = mutationGeneric({
  args: { n: v.number() },
  handler: async (ctx, { n }) => await ctx.db.insert("items", { n }),
});

/** The smallest item's n (reads the first document of by_n only); records it as a new counter. */
export const smallestItem = mutationGeneric({
  args: {},
  handler: async (ctx) => {
    const first = await ctx.db.query("items").withIndex("by_n").first();
    await ctx.db.insert("counters", { name: "smallest", value: first?.n ?? -1 });
    return first?.n ?? null;
  },
});

/** The number of items (reads all of them). */
export const itemCount = mutationGeneric({
  args: {},
  handler: async (ctx) => (await ctx.db.query("items").withIndex("by_n").collect()).length,
});

/** Reads one item by id and rewrites it. */
export const touchItem = mutationGeneric({
  args: { id: v.id("items") },
  handler: async (ctx, { id }) => {
    const item = await ctx.db.get("items", id);
    if (item) await ctx.db.patch("items", id, { n: item.n });
  },
});

export const random = mutationGeneric({
  args: {},
  handler: async () => [Math.random(), Math.random()],
});
