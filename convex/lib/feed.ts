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
  const now = Date.now();
  for (const userId of new Set(userIds)) {
    const seq = await nextSeq(ctx, userId);
    const existing = await ctx.db
      .query("syncChanges")
      .withIndex("by_user_doc", (q) => q.eq("userId", userId).eq("docId", docId))
      .unique();
    if (existing) await ctx.db.patch("syncChanges", existing._id, { seq, updatedAt: now });
    else await ctx.db.insert("syncChanges", { userId, seq, table, docId, updatedAt: now });
  }
}

async function nextSeq(ctx: MutationCtx, userId: Id<"users">): Promise<number> {
  const head = await ctx.db
    .query("syncHeads")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
  const seq = (head?.seq ?? 0) + 1;
  if (head) await ctx.db.patch("syncHeads", head._id, { seq });
  else await ctx.db.insert("syncHeads", { userId, seq });
  return seq;
}
