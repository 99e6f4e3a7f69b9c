// The sync feed: which projector shows each feed table to a viewer, and how one page of changes is built.
import { ConvexError, v, type GenericValidator, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { feedPosition, parseFeedPosition } from "../lib/feedPosition";
import type { FeedTable } from "../schema";
import { adminRequestView, flagStates, projectAdminRequest } from "./admin";
import { conversationView, projectConversation } from "./conversations";
import {
  chamberMemberView,
  chamberMessageView,
  chamberView,
  projectChamber,
  projectChamberMember,
  projectChamberMessage,
} from "./echoChambers";
import { friendView, projectFriend } from "./friends";
import { projectSkill, projectSkillMatch, skillMatchView, skillView } from "./skills";
import { projectUnmaskingRequest, unmaskingRequestView } from "./unmasking";
import { ownProfileView, projectOtherUser, projectUser, publicProfileView } from "./users";
import { projectWhisper, whisperView } from "./whispers";

/** What the viewer receives of each feed table's documents (the own profile, or another person's). */
export const FEED_VIEWS = {
  users: v.union(ownProfileView, publicProfileView),
  whispers: whisperView,
  conversations: conversationView,
  friends: friendView,
  echoChambers: chamberView,
  chamberMembers: chamberMemberView,
  chamberMessages: chamberMessageView,
  skills: skillView,
  skillMatches: skillMatchView,
  unmaskingRequests: unmaskingRequestView,
  adminRequests: adminRequestView,
} satisfies { [T in FeedTable]: GenericValidator };

export type FeedViews = typeof FEED_VIEWS;
/** The document of a change to `T` as the viewer sees it. */
export type FeedDoc<T extends FeedTable> = Infer<FeedViews[T]>;

/**
 * One change of the feed, told apart by `table`: the document as projected (null: a tombstone,
 * delete it locally) and its feed position `at`.
 */
const changeOf = <T extends FeedTable>(table: T) =>
  v.object({ table: v.literal(table), id: v.string(), at: v.string(), doc: v.union(FEED_VIEWS[table], v.null()) });
export const feedChange = v.union(
  changeOf("users"),
  changeOf("whispers"),
  changeOf("conversations"),
  changeOf("friends"),
  changeOf("echoChambers"),
  changeOf("chamberMembers"),
  changeOf("chamberMessages"),
  changeOf("skills"),
  changeOf("skillMatches"),
  changeOf("unmaskingRequests"),
  changeOf("adminRequests"),
);
export type Change = Infer<typeof feedChange>;
// Every feed table has its variant (a table left out of the union above is a type error here).
true satisfies FeedTable extends Change["table"] ? true : never;

/** Shows one document to one viewer; null means the viewer may not see it (any more): a tombstone. */
export type Projector<T extends FeedTable> = (
  ctx: QueryCtx,
  viewer: Doc<"users">,
  doc: Doc<T>,
) => Promise<FeedDoc<T> | null>;

/** Every feed table and its projector; the mapped type makes a missing table a type error. */
export const PROJECTORS: { [T in FeedTable]: Projector<T> } = {
  users: projectUser,
  whispers: projectWhisper,
  conversations: projectConversation,
  friends: projectFriend,
  echoChambers: projectChamber,
  chamberMembers: projectChamberMember,
  chamberMessages: projectChamberMessage,
  skills: projectSkill,
  skillMatches: projectSkillMatch,
  unmaskingRequests: projectUnmaskingRequest,
  adminRequests: projectAdminRequest,
};

export type Page = {
  changes: Change[];
  cursor: string;
  hasMore: boolean;
  flags: { name: string; enabled: boolean }[];
};

/**
 * The current state of `docId` for `viewer`: its projection, or null (a tombstone) when the
 * document is gone or the viewer may no longer see it. A projector refusing with a ConvexError
 * (e.g. "not a participant") also yields a tombstone instead of failing the whole page.
 */
export async function projectChange(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  table: FeedTable,
  docId: string,
): Promise<FeedDoc<FeedTable> | null> {
  const id = ctx.db.normalizeId(table, docId);
  if (id === null) return null;
  // Another person's profile comes from their compact row: a page of hundreds of profile changes
  // must not read hundreds of users documents with their journals.
  if (table === "users" && id !== viewer._id) return await projectOtherUser(ctx, viewer, id as Id<"users">);
  // db.get needs one table type; `table` is a union here, and `id` was normalized for `table`.
  const doc = (await ctx.db.get(table as "users", id as Id<"users">)) as Doc<FeedTable> | null;
  if (doc === null) return null;
  const project = PROJECTORS[table] as Projector<FeedTable>;
  try {
    return await project(ctx, viewer, doc);
  } catch (error) {
    if (error instanceof ConvexError) return null;
    throw error;
  }
}

/**
 * One page of `viewer`'s feed after `cursor` (a position, or FEED_START): at most `limit` changes
 * in commit order, the cursor to ask from next, whether more is waiting, and every feature flag.
 */
export async function buildPage(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  cursor: string,
  limit: number,
): Promise<Page> {
  const rows = await feedAfter(ctx, viewer._id, parseFeedPosition(cursor), limit + 1);
  const page = rows.slice(0, limit);
  // One page of a busy conversation projects hundreds of whispers that each look up the same
  // conversation: within the page (one snapshot) each document is read once.
  const reader = withReadCache(ctx);
  const changes = await Promise.all(
    page.map(async (row) => ({
      table: row.table,
      id: row.docId,
      at: feedPosition(row.commitTs, row.docId),
      doc: await projectChange(reader, viewer, row.table, row.docId),
    }) as Change),
  );
  const flags = await flagStates(ctx);
  return {
    changes,
    cursor: changes.length > 0 ? changes[changes.length - 1].at : cursor,
    hasMore: rows.length > limit,
    flags: flags.map(({ name, enabled }) => ({ name, enabled })),
  };
}

/**
 * Up to `count` feed rows of `userId` after `start`, in (commitTs, docId) order: the rest of
 * start's commit, then later commits (two index ranges; one commit may write thousands of rows).
 */
async function feedAfter(
  ctx: QueryCtx,
  userId: Id<"users">,
  start: { commitTs: bigint; docId: string } | null,
  count: number,
): Promise<Doc<"syncChanges">[]> {
  const feed = () => ctx.db.query("syncChanges");
  if (start === null) return await feed().withIndex("by_user_commit", (q) => q.eq("userId", userId)).take(count);
  const sameCommit = await feed()
    .withIndex("by_user_commit", (q) => q.eq("userId", userId).eq("commitTs", start.commitTs).gt("docId", start.docId))
    .take(count);
  if (sameCommit.length >= count) return sameCommit;
  const later = await feed()
    .withIndex("by_user_commit", (q) => q.eq("userId", userId).gt("commitTs", start.commitTs))
    .take(count - sameCommit.length);
  return [...sameCommit, ...later];
}

/**
 * `ctx` whose `db.get` answers each document id once (later calls share the first read). Only
 * for one query: a query reads one snapshot, so a repeated read could not differ anyway.
 */
export function withReadCache(ctx: QueryCtx): QueryCtx {
  const cache = new Map<string, Promise<unknown>>();
  const db = ctx.db;
  const cached = Object.create(db) as typeof db & { get: (...args: unknown[]) => Promise<unknown> };
  cached.get = (...args: unknown[]) => {
    const key = String(args[args.length - 1]);
    let hit = cache.get(key);
    if (hit === undefined) {
      hit = (db.get as (...a: unknown[]) => Promise<unknown>)(...args);
      cache.set(key, hit);
    }
    return hit;
  };
  return { ...ctx, db: cached };
}

/** How long idempotency receipts (clientOps) are kept: an outbox retrying later than this runs again. */
export const RECEIPT_TTL_MS = 30 * 24 * 60 * 60 * 1000;

/** Deletes up to `batch` receipts older than `before`; returns how many it deleted. */
export async function pruneReceipts(ctx: MutationCtx, before: number, batch: number): Promise<number> {
  const old = await ctx.db
    .query("clientOps")
    .withIndex("by_at", (q) => q.lt("at", before))
    .take(batch);
  for (const receipt of old) await ctx.db.delete("clientOps", receipt._id);
  return old.length;
}
