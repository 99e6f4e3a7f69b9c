// The steps of a GDPR erasure after the account itself: each erases one kind of data, a bounded batch at a time.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { bumpCounter } from "../lib/counters";
import { publish } from "../lib/feed";
import { LIMITS } from "../lib/rateLimit";
import { endMembership } from "./chamberMembership";
import { eraseDataExports } from "./dataExportErasure";
import { activeMemberIds } from "./echoChambers";
import { deleteRow } from "./friends";

/** Where a step got to: a _creationTime or a clientId (its index order), null at the start. */
export type After = number | string | null;

/** One batch of a step: it handles at most `budget` documents and says whether it is done. */
export type StepResult = { done: boolean; after: After; used: number };
export type Step = (ctx: MutationCtx, userId: Id<"users">, after: After, budget: number) => Promise<StepResult>;

type Paged<T> = { rows: T[]; result: (used: number) => StepResult };

/**
 * A batch of rows read in index order from `after` on, and how to report it. Ranges on
 * _creationTime are inclusive (rows sharing the last time are seen again, harmless because
 * every step is idempotent per row); ranges on clientId (unique per author) are exclusive.
 */
function page<T extends { _creationTime: number }>(rows: T[], budget: number, key: (row: T) => number | string = (row) => row._creationTime): Paged<T> {
  const last = rows.length > 0 ? key(rows[rows.length - 1]) : null;
  return { rows, result: (used) => ({ done: rows.length < budget, after: last, used: Math.max(used, rows.length) }) };
}

const time = (after: After) => (typeof after === "number" ? after : null);
const text = (after: After) => (typeof after === "string" ? after : null);

/** Deletes a stored file (and its `files` row) if it is still there and not someone else's. */
async function deleteStored(ctx: MutationCtx, storageId: Id<"_storage">, userId: Id<"users">): Promise<void> {
  const row = await ctx.db
    .query("files")
    .withIndex("by_storageId", (q) => q.eq("storageId", storageId))
    .unique();
  if (row && row.ownerId !== userId) return;
  if (row) await ctx.db.delete("files", row._id);
  if (await ctx.db.system.get("_storage", storageId)) await ctx.storage.delete(storageId);
}

/** Whispers they sent: content, attachments and their own reactions go; scheduled ones are cancelled. */
const sentWhispers: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("whispers")
      .withIndex("by_sender_clientId", (q) => {
        const from = text(after);
        return from === null ? q.eq("senderId", userId) : q.eq("senderId", userId).gt("clientId", from);
      })
      .take(budget),
    budget,
    (whisper) => whisper.clientId,
  );
  for (const whisper of rows) {
    const erased =
      whisper.isDeleted && whisper.content === "" && !whisper.imageUrl && !whisper.imageStorageId &&
      !whisper.audioStorageId && whisper.status !== "scheduled" && !whisper.reactions.some((r) => r.userId === userId);
    if (erased) continue;
    for (const storageId of [whisper.imageStorageId, whisper.audioStorageId]) {
      if (storageId) await deleteStored(ctx, storageId, userId);
    }
    await ctx.db.patch("whispers", whisper._id, {
      content: "",
      isDeleted: true,
      imageUrl: undefined,
      imageStorageId: undefined,
      audioStorageId: undefined,
      audioDuration: undefined,
      reactions: whisper.reactions.filter((r) => r.userId !== userId),
      ...(whisper.status === "scheduled" ? { status: "cancelled" as const } : {}),
      updatedAt: Date.now(),
    });
    if (whisper.status === "delivered") await publish(ctx, [whisper.recipientId], "whispers", whisper._id);
  }
  return result(rows.length);
};

/** Whispers they received: their reactions are removed. */
const receivedWhispers: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("whispers")
      .withIndex("by_recipientId", (q) => {
        const from = time(after);
        return from === null ? q.eq("recipientId", userId) : q.eq("recipientId", userId).gte("_creationTime", from);
      })
      .take(budget),
    budget,
  );
  for (const whisper of rows) {
    if (!whisper.reactions.some((r) => r.userId === userId)) continue;
    await ctx.db.patch("whispers", whisper._id, {
      reactions: whisper.reactions.filter((r) => r.userId !== userId),
      updatedAt: Date.now(),
    });
    await publish(ctx, [whisper.senderId], "whispers", whisper._id);
  }
  return result(rows.length);
};

/**
 * Deletes up to `limit` of their uploads not attached to anything (registered, pending), with
 * their rows: run by the erasing transaction itself, since nothing else stops them being served
 * until the `files` step (which deletes any left over) or the sweep. Returns how many it deleted.
 */
export async function deletePendingUploads(ctx: MutationCtx, userId: Id<"users">, limit: number): Promise<number> {
  const rows = await ctx.db
    .query("files")
    .withIndex("by_owner_pending", (q) => q.eq("ownerId", userId).eq("pending", true))
    .take(limit);
  for (const row of rows) await deleteStored(ctx, row.storageId, userId);
  return rows.length;
}

/** Every file they uploaded: removed from storage, and its row deleted. */
const files: Step = async (ctx, userId, _after, budget) => {
  const rows = await ctx.db
    .query("files")
    .withIndex("by_owner_pending", (q) => q.eq("ownerId", userId))
    .take(budget);
  for (const row of rows) await deleteStored(ctx, row.storageId, userId);
  return { done: rows.length < budget, after: null, used: rows.length };
};

/** Their chamber messages: content tombstoned, and the chamber's members told. */
const chamberMessages: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("chamberMessages")
      .withIndex("by_author_clientId", (q) => {
        const from = text(after);
        return from === null ? q.eq("authorId", userId) : q.eq("authorId", userId).gt("clientId", from);
      })
      .take(budget),
    budget,
    (message) => message.clientId,
  );
  const audiences = new Map<Id<"echoChambers">, Id<"users">[]>();
  for (const message of rows) {
    if (message.isDeleted && message.content === "") continue;
    await ctx.db.patch("chamberMessages", message._id, { content: "", isDeleted: true, updatedAt: Date.now() });
    if (!audiences.has(message.chamberId)) audiences.set(message.chamberId, await activeMemberIds(ctx, message.chamberId));
    await publish(ctx, audiences.get(message.chamberId)!, "chamberMessages", message._id);
  }
  return result(rows.length);
};

/** Their chamber memberships end ("left"), freeing their seats. */
const chamberMembers: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("chamberMembers")
      .withIndex("by_user", (q) => {
        const from = time(after);
        return from === null ? q.eq("userId", userId) : q.eq("userId", userId).gte("_creationTime", from);
      })
      .take(budget),
    budget,
  );
  for (const member of rows) {
    if (member.status !== "active") continue;
    const chamber = await ctx.db.get("echoChambers", member.chamberId);
    if (chamber) await endMembership(ctx, chamber, member, "left");
  }
  return result(rows.length);
};

/** Their skill listings are marked deleted; pending matches on them are declined. */
const skills: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("skills")
      .withIndex("by_user", (q) => {
        const from = time(after);
        return from === null ? q.eq("userId", userId) : q.eq("userId", userId).gte("_creationTime", from);
      })
      .take(budget),
    budget,
  );
  for (const skill of rows) {
    if (skill.isDeleted && skill.description === undefined) continue;
    await ctx.db.patch("skills", skill._id, { isDeleted: true, description: undefined, updatedAt: Date.now() });
  }
  return result(rows.length);
};

async function declineMatches(ctx: MutationCtx, userId: Id<"users">, matches: Doc<"skillMatches">[]): Promise<void> {
  for (const match of matches) {
    if (match.status !== "pending") continue;
    await ctx.db.patch("skillMatches", match._id, { status: "declined", updatedAt: Date.now() });
    const other = match.teacherId === userId ? match.learnerId : match.teacherId;
    await publish(ctx, [other], "skillMatches", match._id);
  }
}

const matchesAsTeacher: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("skillMatches")
      .withIndex("by_teacher", (q) => {
        const from = time(after);
        return from === null ? q.eq("teacherId", userId) : q.eq("teacherId", userId).gte("_creationTime", from);
      })
      .take(budget),
    budget,
  );
  await declineMatches(ctx, userId, rows);
  return result(rows.length);
};

const matchesAsLearner: Step = async (ctx, userId, after, budget) => {
  const { rows, result } = page(
    await ctx.db
      .query("skillMatches")
      .withIndex("by_learner", (q) => {
        const from = time(after);
        return from === null ? q.eq("learnerId", userId) : q.eq("learnerId", userId).gte("_creationTime", from);
      })
      .take(budget),
    budget,
  );
  await declineMatches(ctx, userId, rows);
  return result(rows.length);
};

/** Friend rows both ways are deleted (the other party's feed gets a tombstone). */
const friends: Step = async (ctx, userId, _after, budget) => {
  const outgoing = await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", userId))
    .take(budget);
  const incoming = await ctx.db
    .query("friends")
    .withIndex("by_friendId", (q) => q.eq("friendId", userId))
    .take(budget);
  for (const row of [...outgoing, ...incoming]) await deleteRow(ctx, row);
  return { done: outgoing.length < budget && incoming.length < budget, after: null, used: outgoing.length + incoming.length };
};

/** Pending unmasking requests with them are declined. */
const unmasking: Step = async (ctx, userId, _after, budget) => {
  const sent = await ctx.db.query("unmaskingRequests").withIndex("by_requester", (q) => q.eq("requesterId", userId)).take(budget);
  const received = await ctx.db.query("unmaskingRequests").withIndex("by_target", (q) => q.eq("targetId", userId)).take(budget);
  const now = Date.now();
  for (const request of [...sent, ...received]) {
    if (request.status !== "pending") continue;
    await ctx.db.patch("unmaskingRequests", request._id, { status: "declined", respondedAt: now, updatedAt: now });
    await publish(ctx, [request.requesterId === userId ? request.targetId : request.requesterId], "unmaskingRequests", request._id);
  }
  return { done: true, after: null, used: sent.length + received.length };
};

/** Admin role removed; role requests closed and their reasons (their words) cleared. */
const adminData: Step = async (ctx, userId) => {
  const role = await ctx.db.query("adminRoles").withIndex("by_user", (q) => q.eq("userId", userId)).unique();
  if (role) await ctx.db.delete("adminRoles", role._id);
  const requests = await ctx.db.query("adminRequests").withIndex("by_user", (q) => q.eq("userId", userId)).take(100);
  for (const request of requests) {
    if (request.status === "pending") await bumpCounter(ctx, "pendingAdminRequests", -1);
    await ctx.db.patch("adminRequests", request._id, {
      reason: undefined,
      ...(request.status === "pending" ? { status: "rejected" as const, reviewedAt: Date.now() } : {}),
      updatedAt: Date.now(),
    });
  }
  return { done: true, after: null, used: requests.length + 1 };
};

/** Their idempotency receipts, rate-limit buckets and sync feed. */
const bookkeeping: Step = async (ctx, userId, _after, budget) => {
  const receipts = await ctx.db.query("clientOps").withIndex("by_user_clientId", (q) => q.eq("userId", userId)).take(budget);
  for (const row of receipts) await ctx.db.delete("clientOps", row._id);
  const changes = await ctx.db.query("syncChanges").withIndex("by_user_seq", (q) => q.eq("userId", userId)).take(budget);
  for (const row of changes) await ctx.db.delete("syncChanges", row._id);
  const done = receipts.length < budget && changes.length < budget;
  if (done) {
    for (const name of Object.keys(LIMITS)) {
      const bucket = await ctx.db.query("rateLimits").withIndex("by_key", (q) => q.eq("key", `${name}:${userId}`)).unique();
      if (bucket) await ctx.db.delete("rateLimits", bucket._id);
    }
    const head = await ctx.db.query("syncHeads").withIndex("by_user", (q) => q.eq("userId", userId)).unique();
    if (head) await ctx.db.delete("syncHeads", head._id);
  }
  return { done, after: null, used: receipts.length + changes.length };
};

/** Every step, in order. The sync feed goes last: earlier steps may still publish. */
export const STEPS: Step[] = [
  sentWhispers,
  receivedWhispers,
  files,
  chamberMessages,
  chamberMembers,
  skills,
  matchesAsTeacher,
  matchesAsLearner,
  friends,
  unmasking,
  adminData,
  eraseDataExports,
  bookkeeping,
];
