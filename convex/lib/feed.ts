// Publishing to the per-viewer sync feed: every server write that a viewer must learn about calls publish().
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { FeedTable } from "../schema";

/**
 * Records that document `docId` of `table` changed for each of `userIds`. Each viewer's
 * sequence number is bumped once, so the feed orders changes exactly as they committed.
 * A document appears once per viewer: a later change moves it to the head of the feed.
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
 * `publish` for several documents of one table, in their order: each viewer's head is read and
 * written once. `created`: the documents were inserted in this transaction, so none of them can
 * have a feed entry yet (no lookup).
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
  for (const userId of new Set(userIds)) {
    let seq = await takeSeqs(ctx, userId, docIds.length);
    for (const docId of docIds) {
      const existing = created
        ? null
        : await ctx.db
            .query("syncChanges")
            .withIndex("by_user_doc", (q) => q.eq("userId", userId).eq("docId", docId))
            .unique();
      if (existing) await ctx.db.patch("syncChanges", existing._id, { seq, updatedAt: now });
      else await ctx.db.insert("syncChanges", { userId, seq, table, docId, updatedAt: now });
      seq += 1;
    }
  }
}

/** Reserves `count` consecutive sequence numbers of `userId`'s feed; returns the first. */
async function takeSeqs(ctx: MutationCtx, userId: Id<"users">, count: number): Promise<number> {
  const head = await ctx.db
    .query("syncHeads")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
  const first = (head?.seq ?? 0) + 1;
  const last = first + count - 1;
  if (head) await ctx.db.patch("syncHeads", head._id, { seq: last });
  else await ctx.db.insert("syncHeads", { userId, seq: last });
  return first;
}
