// A top-level commit's values as the engine takes it over from convex-test: what the journal writes, with commit timestamps filled in.
import { CommitTsPlaceholder } from "convex/values";
import type { DatabaseFake, StoredDoc } from "./internals";

/** A commit about to be applied (a write of null: deleted). */
export type PendingCommit = { ts: bigint; writes: [string, StoredDoc | null][]; nextDocId: number; lastCreationTime: number };

/** convex-test's database commit (applies the top write level at `ts`). */
export type CommittableDb = DatabaseFake & { commit(ts: bigint | null): void };

/** Replaces commit-timestamp placeholders as convex-test's commit does. */
export function resolveCommitTs(value: unknown, ts: bigint): unknown {
  if (value instanceof CommitTsPlaceholder) return ts;
  if (Array.isArray(value)) {
    const out = value.map((v) => resolveCommitTs(v, ts));
    return out.some((v, i) => v !== value[i]) ? out : value;
  }
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    let changed = false;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = resolveCommitTs(v, ts);
      if (out[k] !== v) changed = true;
    }
    return changed ? out : value;
  }
  return value;
}
