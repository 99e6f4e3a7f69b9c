// Admin rules: role ranks, granting and revoking roles, who may ban whom, request projections and dashboard stats.
import { v, type Infer } from "convex/values";
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { roleOf } from "../lib/auth";
import { bumpCounter, readCounter } from "../lib/counters";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { FEATURES, type FeatureName } from "../lib/flags";
import { DAY_MS, dayKey } from "../lib/time";
import { adminRequestStatus, adminRole } from "../schema";
import { patchUser } from "./profiles";

export type AdminRole = "admin" | "super_admin";

const RANK: Record<AdminRole, number> = { admin: 1, super_admin: 2 };

/** super_admin includes admin. */
export function holdsAtLeast(role: AdminRole | null, minimum: AdminRole): boolean {
  return role !== null && RANK[role] >= RANK[minimum];
}

/** Counts only up to `atMost`: enough to answer "is there another one?". */
export async function countSuperAdmins(ctx: QueryCtx, atMost = 2): Promise<number> {
  const rows = await ctx.db
    .query("adminRoles")
    .withIndex("by_role", (q) => q.eq("role", "super_admin"))
    .take(atMost);
  return rows.length;
}

async function roleRow(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"adminRoles"> | null> {
  return await ctx.db
    .query("adminRoles")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .unique();
}

/** CONFLICT when `current` is the last super admin: someone must be left to run the app. */
async function keepOneSuperAdmin(ctx: QueryCtx, current: Doc<"adminRoles"> | null): Promise<void> {
  if (current?.role === "super_admin" && (await countSuperAdmins(ctx)) <= 1) {
    fail("CONFLICT", "This is the last super admin: make someone else super admin first.");
  }
}

/** Exactly `role`, so an update may demote, but never the last super admin. */
export async function setRole(
  ctx: MutationCtx,
  userId: Id<"users">,
  role: AdminRole,
  grantedBy?: Id<"users">,
): Promise<void> {
  const current = await roleRow(ctx, userId);
  if (role !== "super_admin") await keepOneSuperAdmin(ctx, current);
  const now = Date.now();
  if (current) await ctx.db.patch("adminRoles", current._id, { role, grantedBy, updatedAt: now });
  else await ctx.db.insert("adminRoles", { userId, role, grantedBy, updatedAt: now });
}

/** Removes `userId`'s admin role; NOT_FOUND without one, CONFLICT for the last super admin. */
export async function removeRole(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  const current = await roleRow(ctx, userId);
  if (!current) fail("NOT_FOUND", "This person has no admin role.");
  await keepOneSuperAdmin(ctx, current);
  await ctx.db.delete("adminRoles", current._id);
}

/** For ban, unban and erase: never oneself, never a super admin; only a super admin acts against an admin. */
export async function requireMayModerate(
  ctx: QueryCtx,
  actor: { viewer: Doc<"users">; role: AdminRole },
  target: Id<"users">,
): Promise<Doc<"users">> {
  if (target === actor.viewer._id) fail("FORBIDDEN", "You can't do this to your own account.");
  const user = await ctx.db.get("users", target);
  if (!user) fail("NOT_FOUND", "That person isn't here.");
  const targetRole = await roleOf(ctx, target);
  if (targetRole === "super_admin") fail("FORBIDDEN", "Super admins can't be banned or deleted.");
  if (targetRole === "admin" && actor.role !== "super_admin") {
    fail("FORBIDDEN", "Only super admins can ban, unban or delete an admin.");
  }
  return user;
}

/** Idempotent: the counter moves only on the first ban. */
export async function banAccount(ctx: MutationCtx, user: Doc<"users">, reason: string): Promise<void> {
  const now = Date.now();
  await patchUser(ctx, user._id, {
    isBanned: true,
    banReason: reason,
    bannedAt: user.isBanned ? user.bannedAt : now,
    pushNotificationToken: undefined,
    updatedAt: now,
  });
  if (!user.isBanned) await bumpCounter(ctx, "bannedUsers", 1);
  // A person keeps at most 10 (model/push.ts MAX_SUBSCRIPTIONS); rows from before the cap are few.
  const subscriptions = await ctx.db
    .query("pushSubscriptions")
    .withIndex("by_user", (q) => q.eq("userId", user._id))
    .take(100);
  for (const subscription of subscriptions) await ctx.db.delete("pushSubscriptions", subscription._id);
  await publish(ctx, [user._id], "users", user._id);
}

/** Idempotent. */
export async function unbanAccount(ctx: MutationCtx, user: Doc<"users">): Promise<void> {
  if (!user.isBanned) return;
  await patchUser(ctx, user._id, {
    isBanned: false,
    banReason: undefined,
    bannedAt: undefined,
    updatedAt: Date.now(),
  });
  await bumpCounter(ctx, "bannedUsers", -1);
  await publish(ctx, [user._id], "users", user._id);
}

/** Who reviewed it stays on the server. */
export const adminRequestView = v.object({
  _id: v.id("adminRequests"),
  _creationTime: v.number(),
  userId: v.id("users"),
  requestType: adminRole,
  reason: v.optional(v.string()),
  status: adminRequestStatus,
  reviewedAt: v.optional(v.number()),
  updatedAt: v.number(),
});
export type AdminRequestView = Infer<typeof adminRequestView>;

/** Its requester and super admins only; anyone else null. */
export async function projectAdminRequest(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  request: Doc<"adminRequests">,
): Promise<AdminRequestView | null> {
  if (request.userId !== viewer._id && (await roleOf(ctx, viewer._id)) !== "super_admin") return null;
  return {
    _id: request._id,
    _creationTime: request._creationTime,
    userId: request.userId,
    requestType: request.requestType,
    reason: request.reason,
    status: request.status,
    reviewedAt: request.reviewedAt,
    updatedAt: request.updatedAt,
  };
}

export type DashboardStats = {
  users: number;
  activeUsersToday: number;
  activeUsers7d: number;
  whispersPerDay: { day: string; count: number }[];
  totalWhispers: number;
  chambers: number;
  pendingRequests: number;
  bannedUsers: number;
};

/** Counters only, never a scan; activeUsers7d counts user-days (someone active on three days counts three times). */
export async function dashboardStats(ctx: QueryCtx, now: number): Promise<DashboardStats> {
  const days = Array.from({ length: 7 }, (_, i) => dayKey(now - (6 - i) * DAY_MS));
  const [active, whispers, totals] = await Promise.all([
    Promise.all(days.map((day) => readCounter(ctx, `activeUsers:${day}`))),
    Promise.all(days.map((day) => readCounter(ctx, `whispers:${day}`))),
    Promise.all(
      ["users", "whispers", "chambers", "pendingAdminRequests", "bannedUsers"].map((name) => readCounter(ctx, name)),
    ),
  ]);
  const [users, totalWhispers, chambers, pendingRequests, bannedUsers] = totals;
  return {
    users,
    activeUsersToday: active[6],
    activeUsers7d: active.reduce((sum, n) => sum + n, 0),
    whispersPerDay: days.map((day, i) => ({ day, count: whispers[i] })),
    totalWhispers,
    chambers,
    pendingRequests,
    bannedUsers,
  };
}

/** One pending request at a time, and only for a role not held yet. */
export async function fileRoleRequest(
  ctx: MutationCtx,
  viewer: Doc<"users">,
  requestType: AdminRole,
  reason: string | undefined,
): Promise<Id<"adminRequests">> {
  if (holdsAtLeast(await roleOf(ctx, viewer._id), requestType)) {
    fail("CONFLICT", "You already hold this role.");
  }
  for await (const request of ctx.db.query("adminRequests").withIndex("by_user", (q) => q.eq("userId", viewer._id))) {
    if (request.status === "pending") fail("CONFLICT", "You already have a request waiting for review.");
  }
  const requestId = await ctx.db.insert("adminRequests", {
    userId: viewer._id,
    requestType,
    reason,
    status: "pending",
    updatedAt: Date.now(),
  });
  await bumpCounter(ctx, "pendingAdminRequests", 1);
  await publish(ctx, [viewer._id], "adminRequests", requestId);
  return requestId;
}

/** Approval never lowers a higher role already held, and is refused for a banned or deleted requester. */
export async function decideRoleRequest(
  ctx: MutationCtx,
  reviewer: Doc<"users">,
  requestId: Id<"adminRequests">,
  approve: boolean,
): Promise<void> {
  const request = await ctx.db.get("adminRequests", requestId);
  if (!request) fail("NOT_FOUND", "Request not found.");
  if (request.status !== "pending") fail("CONFLICT", "This request was already reviewed.");
  if (approve) {
    const requester = await ctx.db.get("users", request.userId);
    if (!requester || requester.isDeleted || requester.isBanned) {
      fail("CONFLICT", "This account is banned or deleted: reject the request instead.");
    }
    if (!holdsAtLeast(await roleOf(ctx, request.userId), request.requestType)) {
      await setRole(ctx, request.userId, request.requestType, reviewer._id);
    }
  }
  const now = Date.now();
  await ctx.db.patch("adminRequests", requestId, {
    status: approve ? "approved" : "rejected",
    reviewedBy: reviewer._id,
    reviewedAt: now,
    updatedAt: now,
  });
  await bumpCounter(ctx, "pendingAdminRequests", -1);
  await publish(ctx, [request.userId], "adminRequests", requestId);
}

export type FlagState = { name: FeatureName; label: string; enabled: boolean; updatedAt?: number };

/** A flag without a row is on; reads the whole table, so a calling query re-runs on any flag change. */
export async function flagStates(ctx: QueryCtx): Promise<FlagState[]> {
  const rows = await ctx.db.query("featureFlags").withIndex("by_name").take(1000);
  const byName = new Map(rows.map((row) => [row.name, row]));
  return (Object.keys(FEATURES) as FeatureName[]).map((name) => {
    const row = byName.get(name);
    return { name, label: FEATURES[name], enabled: row?.enabled ?? true, ...(row ? { updatedAt: row.updatedAt } : {}) };
  });
}
