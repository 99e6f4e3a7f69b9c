// Echo chamber rules: anonymous aliases, invite codes, membership checks and what each viewer may see.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { READ_DELTAS } from "../lib/counters";
import { fail } from "../lib/errors";
import { memoized } from "../lib/queryMemo";
import { chamberMemberStatus } from "../schema";
import { profileOf } from "./profiles";
import { isBlockedWithViewer } from "./visibility";

/** The largest chamber anyone may create; it also bounds every per-chamber member scan. */
export const MAX_CHAMBER_MEMBERS = 500;

// ── Randomness (crypto.getRandomValues: unguessable, unlike Math.random in Convex) ─────────

const URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
export const INVITE_CODE_LENGTH = 12;

/** Uniform in [0, n): rejection sampling avoids modulo bias. */
function randomInt(n: number): number {
  const limit = Math.floor(0x1_0000_0000 / n) * n;
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    if (buffer[0] < limit) return buffer[0] % n;
  }
}

/** 12 characters of a 64-letter URL-safe alphabet: 72 random bits. */
export function randomInviteCode(): string {
  const bytes = new Uint8Array(INVITE_CODE_LENGTH);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => URL_SAFE[byte & 63]).join("");
}

const ADJECTIVES = [
  "Amber", "Azure", "Brave", "Calm", "Clever", "Cosmic", "Curious", "Dapper", "Dreamy", "Gentle",
  "Golden", "Hidden", "Jolly", "Kind", "Lucky", "Mellow", "Misty", "Nimble", "Quiet", "Rapid",
  "Silent", "Silver", "Sleepy", "Sunny", "Swift", "Velvet", "Wandering", "Wise", "Witty", "Zesty",
  "Bold", "Cheerful",
];
const ANIMALS = [
  "Badger", "Bear", "Crane", "Deer", "Dolphin", "Falcon", "Ferret", "Fox", "Gecko", "Hare",
  "Hedgehog", "Heron", "Koala", "Lynx", "Marten", "Moth", "Newt", "Otter", "Owl", "Panda",
  "Penguin", "Puffin", "Raven", "Robin", "Seal", "Sparrow", "Stoat", "Swan", "Tiger", "Turtle",
  "Walrus", "Wolf",
];

/** A random alias such as "Quiet Otter 42"; it says nothing about who the member is. */
export function randomAlias(): string {
  const digits = String(randomInt(100)).padStart(2, "0");
  return `${ADJECTIVES[randomInt(ADJECTIVES.length)]} ${ANIMALS[randomInt(ANIMALS.length)]} ${digits}`;
}

/** An alias no member (past or present) of the chamber uses; there are 102,400 to choose from. */
export async function uniqueAlias(ctx: QueryCtx, chamberId: Id<"echoChambers">): Promise<string> {
  for (let attempt = 0; attempt < 30; attempt++) {
    const alias = attempt < 20 ? randomAlias() : `${randomAlias()}${randomInt(10)}`;
    const taken = await ctx.db
      .query("chamberMembers")
      .withIndex("by_chamber_alias", (q) => q.eq("chamberId", chamberId).eq("alias", alias))
      .first();
    if (!taken) return alias;
  }
  return fail("CONFLICT", "Could not pick an alias; please try again.");
}

// ── Membership ────────────────────────────────────────────────────────────────────────────

/** The membership row of `userId` in the chamber, whatever its status (read once per query: lib/queryMemo.ts). */
export async function memberRow(
  ctx: QueryCtx,
  chamberId: Id<"echoChambers">,
  userId: Id<"users">,
): Promise<Doc<"chamberMembers"> | null> {
  return await memoized(ctx, `member:${chamberId}:${userId}`, () =>
    ctx.db
      .query("chamberMembers")
      .withIndex("by_chamber_user", (q) => q.eq("chamberId", chamberId).eq("userId", userId))
      .unique(),
  );
}

/** NOT_FOUND when missing or deleted. */
export async function requireChamber(
  ctx: QueryCtx,
  chamberId: Id<"echoChambers">,
): Promise<Doc<"echoChambers">> {
  const chamber = await ctx.db.get("echoChambers", chamberId);
  if (!chamber || chamber.isDeleted) fail("NOT_FOUND", "Chamber not found.");
  return chamber;
}

/** Someone who never joined a private chamber gets NOT_FOUND (its existence is not revealed); other non-members FORBIDDEN. */
export async function requireActiveMember(
  ctx: QueryCtx,
  chamberId: Id<"echoChambers">,
  userId: Id<"users">,
): Promise<{ chamber: Doc<"echoChambers">; member: Doc<"chamberMembers"> }> {
  const chamber = await requireChamber(ctx, chamberId);
  const member = await memberRow(ctx, chamberId, userId);
  if (!member || member.status !== "active") {
    if (!chamber.isPublic && !member) fail("NOT_FOUND", "Chamber not found.");
    fail("FORBIDDEN", "Join this chamber first.");
  }
  return { chamber, member };
}

/** The active members' rows (bounded by the largest chamber size). */
export async function activeMembers(
  ctx: QueryCtx,
  chamberId: Id<"echoChambers">,
): Promise<Doc<"chamberMembers">[]> {
  return await ctx.db
    .query("chamberMembers")
    .withIndex("by_chamber_status_join", (q) => q.eq("chamberId", chamberId).eq("status", "active"))
    .take(MAX_CHAMBER_MEMBERS);
}

/** The chamber's active members now: the folded count plus the deltas not folded yet. */
export async function liveMemberCount(ctx: QueryCtx, chamber: Doc<"echoChambers">): Promise<number> {
  const deltas = await ctx.db
    .query("chamberMemberDeltas")
    .withIndex("by_chamber", (q) => q.eq("chamberId", chamber._id))
    .take(READ_DELTAS);
  return Math.max(0, deltas.reduce((sum, row) => sum + row.delta, chamber.memberCount));
}

/** The user ids of the active members: the audience of chamber, member and message changes. */
export async function activeMemberIds(ctx: QueryCtx, chamberId: Id<"echoChambers">): Promise<Id<"users">[]> {
  return (await activeMembers(ctx, chamberId)).map((member) => member.userId);
}

// ── Projections (no member's userId ever travels to another member) ───────────────────────

export const chamberView = v.object({
  _id: v.id("echoChambers"),
  _creationTime: v.number(),
  name: v.string(),
  topic: v.string(),
  isPublic: v.boolean(),
  maxMembers: v.number(),
  memberCount: v.number(),
  isMember: v.boolean(),
  /** The viewer's own membership status, when they ever joined. */
  membershipStatus: v.optional(chamberMemberStatus),
  yourAlias: v.optional(v.string()),
  /** Only active members see the invite code. */
  inviteCode: v.optional(v.string()),
  /** Present (true) only for the creator: nobody else learns who created the chamber. */
  isCreatorYou: v.optional(v.literal(true)),
  updatedAt: v.number(),
});
export type ChamberView = Infer<typeof chamberView>;

export const chamberMemberView = v.object({
  _id: v.id("chamberMembers"),
  _creationTime: v.number(),
  chamberId: v.id("echoChambers"),
  alias: v.string(),
  status: chamberMemberStatus,
  isYou: v.boolean(),
  joinedAt: v.number(),
  updatedAt: v.number(),
});
export type ChamberMemberView = Infer<typeof chamberMemberView>;

export const chamberMessageView = v.object({
  _id: v.id("chamberMessages"),
  _creationTime: v.number(),
  chamberId: v.id("echoChambers"),
  alias: v.string(),
  content: v.string(),
  fromYou: v.boolean(),
  /** Only on the viewer's own messages: the key the posting device stored it under (see src/db/shapes.ts localKey). */
  clientId: v.optional(v.string()),
  /** The author and the viewer blocked each other (either way): the content is withheld. */
  hiddenBecauseBlocked: v.optional(v.literal(true)),
  updatedAt: v.number(),
});
export type ChamberMessageView = Infer<typeof chamberMessageView>;

/** Never the creator's identity; null for a private chamber to people who never joined it, and for a deleted one. */
export async function projectChamber(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  chamber: Doc<"echoChambers">,
): Promise<ChamberView | null> {
  if (chamber.isDeleted) return null;
  const member = await memberRow(ctx, chamber._id, viewer._id);
  if (!chamber.isPublic && !member) return null;
  const isMember = member?.status === "active";
  return {
    _id: chamber._id,
    _creationTime: chamber._creationTime,
    name: chamber.name,
    topic: chamber.topic,
    isPublic: chamber.isPublic,
    maxMembers: chamber.maxMembers,
    memberCount: await liveMemberCount(ctx, chamber),
    isMember,
    ...(member ? { membershipStatus: member.status } : {}),
    ...(isMember ? { yourAlias: member.alias, inviteCode: chamber.inviteCode } : {}),
    ...(chamber.creatorId === viewer._id ? { isCreatorYou: true as const } : {}),
    updatedAt: chamber.updatedAt,
  };
}

/** A membership as `viewer` sees it: own rows always, others' only while the viewer is an active member. */
export async function projectChamberMember(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  member: Doc<"chamberMembers">,
): Promise<ChamberMemberView | null> {
  const isYou = member.userId === viewer._id;
  if (!isYou) {
    const own = await memberRow(ctx, member.chamberId, viewer._id);
    if (own?.status !== "active") return null;
  }
  return {
    _id: member._id,
    _creationTime: member._creationTime,
    chamberId: member.chamberId,
    alias: member.alias,
    status: member.status,
    isYou,
    joinedAt: member.joinedAt,
    updatedAt: member.updatedAt,
  };
}

/** Active members only, never the authorId; an erased author's vanish, a blocked one's keep their place without content. */
export async function projectChamberMessage(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  message: Doc<"chamberMessages">,
): Promise<ChamberMessageView | null> {
  if (message.isDeleted) return null;
  const own = await memberRow(ctx, message.chamberId, viewer._id);
  if (own?.status !== "active") return null;
  const fromYou = message.authorId === viewer._id;
  const author = fromYou ? viewer : await profileOf(ctx, message.authorId);
  if (!author || author.isDeleted) return null;
  const blocked = !fromYou && (await isBlockedWithViewer(ctx, viewer._id, message.authorId));
  return {
    _id: message._id,
    _creationTime: message._creationTime,
    chamberId: message.chamberId,
    alias: message.alias,
    content: blocked ? "" : message.content,
    fromYou,
    ...(fromYou ? { clientId: message.clientId } : {}),
    ...(blocked ? { hiddenBecauseBlocked: true as const } : {}),
    updatedAt: message.updatedAt,
  };
}
