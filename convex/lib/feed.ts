// Publishing to the per-viewer sync feed: every server write that a viewer must learn about calls publish().
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { FeedTable } from "../schema";

/**
 * Records that document `docId` of `table` changed for each of `userIds`, at this transaction's
 * commit timestamp (`db.vars.commitTs`): the feed orders changes exactly as they committed
 * without a per-viewer counter, so publishes for one viewer from unrelated commits never write
 * the same document. A document appears once per viewer: a later change moves it to the head.
 */
export async function publish(
  ctx: MutationCtx,
  userIds: Iterable<Id<"users">>,
  table: FeedTable,
  docId: string,
): Promise<void> {
  await publishMany(ctx, userIds, table, [docId]);
}

/**
 * `publish` for several documents of one table. `created`: the documents were inserted in this
 * transaction, so none of them can have a feed entry yet (no lookup, only inserts).
 */
export async function publishMany(
  ctx: MutationCtx,
  userIds: Iterable<Id<"users">>,
  table: FeedTable,
  docIds: readonly string[],
  { created = false }: { created?: boolean } = {},
): Promise<void> {
  if (docIds.length === 0) return;
  const now = Date.now();
  const commitTs = ctx.db.vars.commitTs;
  for (const userId of new Set(userIds)) {
    for (const docId of docIds) {
      const existing = created
        ? null
        : await ctx.db
            .query("syncChanges")
            .withIndex("by_user_doc", (q) => q.eq("userId", userId).eq("docId", docId))
            .unique();
      if (existing) await ctx.db.patch("syncChanges", existing._id, { commitTs, updatedAt: now });
      else await ctx.db.insert("syncChanges", { userId, commitTs, table, docId, updatedAt: now });
    }
  }
}
