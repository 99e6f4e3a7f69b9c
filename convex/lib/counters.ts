// Sharded counters: the admin dashboard reads these instead of scanning tables.
import type { MutationCtx, QueryCtx } from "../_generated/server";

const SHARDS = 8;

/** Adds `delta` to counter `name`, on a random shard so concurrent writers rarely conflict. */
export async function bumpCounter(ctx: MutationCtx, name: string, delta = 1): Promise<void> {
  const shard = Math.floor(Math.random() * SHARDS);
  const row = await ctx.db
    .query("counters")
    .withIndex("by_name_shard", (q) => q.eq("name", name).eq("shard", shard))
    .unique();
  if (row) await ctx.db.patch("counters", row._id, { value: row.value + delta });
  else await ctx.db.insert("counters", { name, shard, value: delta });
}

/** The sum of every shard of counter `name` (0 when never bumped). */
export async function readCounter(ctx: QueryCtx, name: string): Promise<number> {
  const rows = await ctx.db
    .query("counters")
    .withIndex("by_name_shard", (q) => q.eq("name", name))
    .take(SHARDS);
  return rows.reduce((sum, row) => sum + row.value, 0);
}
