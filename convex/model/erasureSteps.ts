// The steps of a GDPR erasure after the account itself: each erases one kind of data, a row at a time while the transaction's budget lasts.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import type { TransactionBudget } from "../lib/budget";
import { bumpCounter } from "../lib/counters";
import { publish } from "../lib/feed";
import { LIMITS } from "../lib/rateLimit";
import { endMembership } from "./chamberMembership";
import { eraseDataExports } from "./dataExportErasure";
import { activeMemberIds } from "./echoChambers";
import { deleteRow } from "./friends";

/** Where a step got to: a _creationTime or a clientId (its index order), null at the start. */
export type After = number | string | null;

/** `stopped`: the budget ran out and the batch ends there; otherwise the step is called again from `after`. */
export type StepResult = { done: boolean; after: After; stopped: boolean };
/** Each row only while budget.hasRoom(): its cost is measured, not assumed (a chamber message's tombstone reaches every member's feed). */
export type Step = (ctx: MutationCtx, userId: Id<"users">, after: After, budget: TransactionBudget) => Promise<StepResult>;

/** Rows a step reads at a time (a whisper batch handles a few hundred; fewer, larger reads). */
export const PAGE = 500;

/** _creationTime ranges are inclusive (ties are seen again: steps are idempotent per row), clientId ones exclusive; deleting steps restart (`key` null). */
export async function eachRow<T>(
  rows: T[],
  after: After,
  budget: TransactionBudget,
  key: (row: T) => After,
  handle: (row: T) => Promise<void>,
): Promise<StepResult> {
  let last = after;
  for (const row of rows) {
    if (!(await budget.hasRoom())) return { done: false, after: last, stopped: true };
    await handle(row);
    last = key(row);
  }
  return { done: rows.length < PAGE, after: last, stopped: false };
}

const byTime = (row: { _creationTime: number }) => row._creationTime;
const byClientId = (row: { clientId: string }) => row.clientId;
const none = () => null;

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
  const rows = await ctx.db
    .query("whispers")
    .withIndex("by_sender_clientId", (q) => {
      const from = text(after);
      return from === null ? q.eq("senderId", userId) : q.eq("senderId", userId).gt("clientId", from);
    })
    .take(PAGE);
  return await eachRow(rows, after, budget, byClientId, async (whisper) => {
    const erased =
      whisper.isDeleted && whisper.content === "" && !whisper.imageUrl && !whisper.imageStorageId &&
      !whisper.audioStorageId && whisper.status !== "scheduled" && !whisper.reactions.some((r) => r.userId === userId);
    if (erased) return;
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
  });
};

/** Whispers they received: their reactions are removed. */
const receivedWhispers: Step = async (ctx, userId, after, budget) => {
  const rows = await ctx.db
    .query("whispers")
    .withIndex("by_recipientId", (q) => {
      const from = time(after);
      return from === null ? q.eq("recipientId", userId) : q.eq("recipientId", userId).gte("_creationTime", from);
    })
    .take(PAGE);
  return await eachRow(rows, after, budget, byTime, async (whisper) => {
    if (!whisper.reactions.some((r) => r.userId === userId)) return;
    await ctx.db.patch("whispers", whisper._id, {
      reactions: whisper.reactions.filter((r) => r.userId !== userId),
      updatedAt: Date.now(),
    });
    await publish(ctx, [whisper.senderId], "whispers", whisper._id);
  });
};

/** Run in the erasing transaction itself: nothing else stops these being served until the files step or the sweep. */
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
    .take(PAGE);
  return await eachRow(rows, null, budget, none, (row) => deleteStored(ctx, row.storageId, userId));
};

/** Their chamber messages: content tombstoned, and the chamber's members told. */
const chamberMessages: Step = async (ctx, userId, after, budget) => {
  const rows = await ctx.db
    .query("chamberMessages")
    .withIndex("by_author_clientId", (q) => {
      const from = text(after);
      return from === null ? q.eq("authorId", userId) : q.eq("authorId", userId).gt("clientId", from);
    })
    .take(PAGE);
  const audiences = new Map<Id<"echoChambers">, Id<"users">[]>();
  return await eachRow(rows, after, budget, byClientId, async (message) => {
    if (message.isDeleted && message.content === "") return;
    await ctx.db.patch("chamberMessages", message._id, { content: "", isDeleted: true, updatedAt: Date.now() });
    if (!audiences.has(message.chamberId)) audiences.set(message.chamberId, await activeMemberIds(ctx, message.chamberId));
    await publish(ctx, audiences.get(message.chamberId)!, "chamberMessages", message._id);
  });
};

/** Their chamber memberships end ("left"), freeing their seats. */
const chamberMembers: Step = async (ctx, userId, after, budget) => {
  const rows = await ctx.db
    .query("chamberMembers")
    .withIndex("by_user", (q) => {
      const from = time(after);
      return from === null ? q.eq("userId", userId) : q.eq("userId", userId).gte("_creationTime", from);
    })
    .take(PAGE);
  return await eachRow(rows, after, budget, byTime, async (member) => {
    if (member.status !== "active") return;
    const chamber = await ctx.db.get("echoChambers", member.chamberId);
    if (chamber) await endMembership(ctx, chamber, member, "left");
  });
};

/** Their skill listings are marked deleted (pending matches: the matches steps). */
const skills: Step = async (ctx, userId, after, budget) => {
  const rows = await ctx.db
    .query("skills")
    .withIndex("by_user", (q) => {
      const from = time(after);
      return from === null ? q.eq("userId", userId) : q.eq("userId", userId).gte("_creationTime", from);
    })
    .take(PAGE);
  return await eachRow(rows, after, budget, byTime, async (skill) => {
    if (skill.isDeleted && skill.description === undefined) return;
    await ctx.db.patch("skills", skill._id, { isDeleted: true, description: undefined, updatedAt: Date.now() });
  });
};

/** A pending match of theirs is declined, and the other party told. */
async function declineMatch(ctx: MutationCtx, userId: Id<"users">, match: Doc<"skillMatches">): Promise<void> {
  if (match.status !== "pending") return;
  await ctx.db.patch("skillMatches", match._id, { status: "declined", updatedAt: Date.now() });
  const other = match.teacherId === userId ? match.learnerId : match.teacherId;
  await publish(ctx, [other], "skillMatches", match._id);
}

const matchesAsTeacher: Step = async (ctx, userId, after, budget) => {
  const rows = await ctx.db
    .query("skillMatches")
    .withIndex("by_teacher", (q) => {
      const from = time(after);
      return from === null ? q.eq("teacherId", userId) : q.eq("teacherId", userId).gte("_creationTime", from);
    })
    .take(PAGE);
  return await eachRow(rows, after, budget, byTime, (match) => declineMatch(ctx, userId, match));
};

const matchesAsLearner: Step = async (ctx, userId, after, budget) => {
  const rows = await ctx.db
    .query("skillMatches")
    .withIndex("by_learner", (q) => {
      const from = time(after);
      return from === null ? q.eq("learnerId", userId) : q.eq("learnerId", userId).gte("_creationTime", from);
    })
    .take(PAGE);
  return await eachRow(rows, after, budget, byTime, (match) => declineMatch(ctx, userId, match));
};

/** Friend rows both ways are deleted (the other party's feed gets a tombstone). */
const friends: Step = async (ctx, userId, _after, budget) => {
  const outgoing = await ctx.db
    .query("friends")
    .withIndex("by_userId_friendId", (q) => q.eq("userId", userId))
    .take(PAGE);
  const incoming = await ctx.db
    .query("friends")
    .withIndex("by_friendId", (q) => q.eq("friendId", userId))
    .take(PAGE);
  const result = await eachRow([...outgoing, ...incoming], null, budget, none, (row) => deleteRow(ctx, row));
  return { ...result, done: !result.stopped && outgoing.length < PAGE && incoming.length < PAGE };
};

/** Pending unmasking requests with them are declined. */
const unmasking: Step = async (ctx, userId, _after, budget) => {
  const sent = await ctx.db.query("unmaskingRequests").withIndex("by_requester", (q) => q.eq("requesterId", userId)).take(PAGE);
  const received = await ctx.db.query("unmaskingRequests").withIndex("by_target", (q) => q.eq("targetId", userId)).take(PAGE);
  const now = Date.now();
  const result = await eachRow([...sent, ...received], null, budget, none, async (request) => {
    if (request.status !== "pending") return;
    await ctx.db.patch("unmaskingRequests", request._id, { status: "declined", respondedAt: now, updatedAt: now });
    await publish(ctx, [request.requesterId === userId ? request.targetId : request.requesterId], "unmaskingRequests", request._id);
  });
  return { ...result, done: !result.stopped };
};

/** Admin role removed; role requests closed and their reasons (their words) cleared. */
const adminData: Step = async (ctx, userId, _after, budget) => {
  if (!(await budget.hasRoom())) return { done: false, after: null, stopped: true };
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
  return { done: true, after: null, stopped: false };
};

/** Their idempotency receipts and sync feed, then their rate-limit buckets. */
const bookkeeping: Step = async (ctx, userId, _after, budget) => {
  const receipts = await ctx.db.query("clientOps").withIndex("by_user_clientId", (q) => q.eq("userId", userId)).take(PAGE);
  const changes = await ctx.db.query("syncChanges").withIndex("by_user_doc", (q) => q.eq("userId", userId)).take(PAGE);
  const rows = [...receipts.map((row) => ({ table: "clientOps" as const, id: row._id })), ...changes.map((row) => ({ table: "syncChanges" as const, id: row._id }))];
  const result = await eachRow(rows, null, budget, none, (row) => ctx.db.delete(row.table, row.id));
  if (result.stopped || receipts.length === PAGE || changes.length === PAGE) return { ...result, done: false };
  if (!(await budget.hasRoom())) return { done: false, after: null, stopped: true };
  for (const name of Object.keys(LIMITS)) {
    const bucket = await ctx.db.query("rateLimits").withIndex("by_key", (q) => q.eq("key", `${name}:${userId}`)).unique();
    if (bucket) await ctx.db.delete("rateLimits", bucket._id);
  }
  return { done: true, after: null, stopped: false };
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
