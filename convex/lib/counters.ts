// Counters for the admin dashboard, conflict-free: a bump only inserts a delta row; a cron folds deltas into totals.
// The fold's half (settled deltas taken and summed) also folds chambers' member counts (model/chamberMembership.ts).
import type { Doc } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";

/**
 * How many unfolded deltas of one counter a read adds up at most. The fold runs every minute
 * and takes FOLD_BATCH at a time (again at once while more are waiting), so a counter that
 * moves by more than this within a minute reads low until the fold catches up.
 */
export const READ_DELTAS = 2_000;

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

/** The tables of insert-only deltas, each row a key and a `delta`. */
type DeltaTable = "counterDeltas" | "chamberMemberDeltas";

/**
 * Takes up to FOLD_BATCH settled deltas of `table` (oldest first) and deletes them; returns their
 * sums by `keyOf` and how many it took. Deltas younger than FOLD_SETTLE_MS stay for the next fold.
 */
export async function takeSettledDeltas<T extends DeltaTable, K>(
  ctx: MutationCtx,
  table: T,
  keyOf: (row: Doc<T>) => K,
): Promise<{ sums: Map<K, number>; taken: number }> {
  // query() and delete() need one table type; `table` is one of two with the same index and delta.
  const one = table as "counterDeltas";
  const rows = (await ctx.db
    .query(one)
    .withIndex("by_creation_time", (q) => q.lt("_creationTime", Date.now() - FOLD_SETTLE_MS))
    .take(FOLD_BATCH)) as unknown as Doc<T>[];
  const sums = new Map<K, number>();
  for (const row of rows) {
    const key = keyOf(row);
    sums.set(key, (sums.get(key) ?? 0) + row.delta);
    await ctx.db.delete(one, row._id as unknown as Doc<"counterDeltas">["_id"]);
  }
  return { sums, taken: rows.length };
}

/**
 * Folds up to FOLD_BATCH settled deltas (oldest first) into their counters' totals (shard 0)
 * and deletes them; returns how many it folded. The only writer of the totals.
 */
export async function foldCounters(ctx: MutationCtx): Promise<number> {
  const { sums, taken } = await takeSettledDeltas(ctx, "counterDeltas", (row) => row.name);
  for (const [name, sum] of sums) {
    const total = await ctx.db
      .query("counters")
      .withIndex("by_name_shard", (q) => q.eq("name", name).eq("shard", 0))
      .unique();
    if (total) await ctx.db.patch("counters", total._id, { value: total.value + sum });
    else await ctx.db.insert("counters", { name, shard: 0, value: sum });
  }
  return taken;
}
