// GDPR erasure of a person's data exports: their jobs, collected parts and finished files.
import type { MutationCtx } from "../_generated/server";
import { PARTS_PER_DELETE } from "./dataExportParts";
import type { Step } from "./erasureSteps";
import { releaseFile } from "./files";

/** One export at a time, each part only while the budget has room (parts are large); a collecting export fails by itself, the account being erased. */
export const eraseDataExports: Step = async (ctx: MutationCtx, userId, _after, budget) => {
  const job = await ctx.db
    .query("dataExports")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .first();
  if (!job) return { done: true, after: null, stopped: false };
  const parts = await ctx.db
    .query("dataExportParts")
    .withIndex("by_export_seq", (q) => q.eq("exportId", job._id))
    .take(PARTS_PER_DELETE);
  for (const part of parts) {
    if (!(await budget.hasRoom())) return { done: false, after: null, stopped: true };
    await ctx.db.delete("dataExportParts", part._id);
  }
  if (parts.length < PARTS_PER_DELETE) {
    if (!(await budget.hasRoom())) return { done: false, after: null, stopped: true };
    if (job.storageId) await releaseFile(ctx, job.storageId);
    await ctx.db.delete("dataExports", job._id);
  }
  return { done: false, after: null, stopped: false };
};
