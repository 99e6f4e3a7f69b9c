// Counters for the admin dashboard, conflict-free: a bump only inserts a delta row; a cron folds deltas into totals.
import type { MutationCtx, QueryCtx } from "../_generated/server";

/**
 * How many unfolded deltas of one counter a read adds up at most. The fold runs every minute
 * and takes FOLD_BATCH at a time (again at once while more are waiting), so a counter that
 * moves by more than this within a minute reads low until the fold catches up.
 */
const READ_DELTAS = 2_000;

/** Deltas one fold takes; it schedules itself again while more are waiting. */
export const FOLD_BATCH = 1_000;

/**
 * Deltas younger than this are left to the next fold: its read range then ends before every
 * insert still committing (a mutation runs for at most a second), so the fold never conflicts
 * with a bump.
 */
const FOLD_SETTLE_MS = 5_000;

/**
 * Adds `delta` to counter `name`: one inserted row, no read, so bumps from unrelated commits
 * never conflict (a read-modify-write of a shared total would, on every delivery).
 */
export async function bumpCounter(ctx: MutationCtx, name: string, delta = 1): Promise<void> {
  await ctx.db.insert("counterDeltas", { name, delta });
}

/** Counter `name`: its folded total plus the deltas not folded yet (0 when never bumped). */
export async function readCounter(ctx: QueryCtx, name: string): Promise<number> {
  const [totals, deltas] = await Promise.all([
    ctx.db
      .query("counters")
      .withIndex("by_name_shard", (q) => q.eq("name", name))
      .take(8),
    ctx.db
      .query("counterDeltas")
      .withIndex("by_name", (q) => q.eq("name", name))
      .take(READ_DELTAS),
  ]);
  return totals.reduce((sum, row) => sum + row.value, 0) + deltas.reduce((sum, row) => sum + row.delta, 0);
}

/**
 * Folds up to FOLD_BATCH settled deltas (oldest first) into their counters' totals (shard 0)
 * and deletes them; returns how many it folded. The only writer of the totals.
 */
export async function foldCounters(ctx: MutationCtx): Promise<number> {
  const settled = Date.now() - FOLD_SETTLE_MS;
  const deltas = await ctx.db
    .query("counterDeltas")
    .withIndex("by_creation_time", (q) => q.lt("_creationTime", settled))
    .take(FOLD_BATCH);
  const sums = new Map<string, number>();
  for (const row of deltas) {
    sums.set(row.name, (sums.get(row.name) ?? 0) + row.delta);
    await ctx.db.delete("counterDeltas", row._id);
  }
  for (const [name, sum] of sums) {
    const total = await ctx.db
      .query("counters")
      .withIndex("by_name_shard", (q) => q.eq("name", name).eq("shard", 0))
      .unique();
    if (total) await ctx.db.patch("counters", total._id, { value: total.value + sum });
    else await ctx.db.insert("counters", { name, shard: 0, value: sum });
  }
  return deltas.length;
}
