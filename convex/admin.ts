// Admin tools: role requests and reviews, granting and revoking roles, bans, admin erasure, dashboard stats.
import { v } from "convex/values";
import type { Doc } from "./_generated/dataModel";
import { internal } from "./_generated/api";
import { internalMutation } from "./_generated/server";
import { roleOf } from "./lib/auth";
import { FOLD_BATCH, foldCounters as foldDeltas } from "./lib/counters";
import { checkText, fail } from "./lib/errors";
import { adminMutation, adminQuery, superAdminMutation, superAdminQuery, viewerMutation, viewerQuery } from "./lib/functions";
import { consume } from "./lib/rateLimit";
import { requireReachableUser } from "./model/visibility";
import {
  banAccount,
  countSuperAdmins,
  dashboardStats,
  decideRoleRequest,
  fileRoleRequest,
  removeRole,
  requireMayModerate,
  setRole,
  unbanAccount,
} from "./model/admin";
import { eraseUser } from "./model/erasure";
import { publicProfile } from "./model/users";
import { adminRole } from "./schema";

const REASON_MAX = 500;
const SEARCH_LIMIT = 20;
const REVIEWED_SHOWN = 50;

/** One pending request per person. */
export const requestRole = viewerMutation({
  args: { requestType: adminRole, reason: v.optional(v.string()) },
  returns: v.object({ requestId: v.id("adminRequests") }),
  handler: async (ctx, { requestType, reason }) => {
    const text = reason === undefined || reason.trim() === "" ? undefined : checkText(reason, "Reason", { max: REASON_MAX });
    await consume(ctx, "adminRequest", ctx.viewer._id);
    return { requestId: await fileRoleRequest(ctx, ctx.viewer, requestType, text) };
  },
});

/** Pending (oldest first), then the latest reviewed; requesterBanned since such a request can only be rejected. */
export const listRequests = superAdminQuery({
  args: {},
  handler: async (ctx) => {
    const pending = await ctx.db
      .query("adminRequests")
      .withIndex("by_status", (q) => q.eq("status", "pending"))
      .take(500);
    const reviewed: Doc<"adminRequests">[] = [];
    for (const status of ["approved", "rejected"] as const) {
      const rows = await ctx.db
        .query("adminRequests")
        .withIndex("by_status", (q) => q.eq("status", status))
        .order("desc")
        .take(REVIEWED_SHOWN);
      reviewed.push(...rows);
    }
    reviewed.sort((a, b) => b.updatedAt - a.updatedAt);
    const rows = [...pending, ...reviewed.slice(0, REVIEWED_SHOWN)];
    return await Promise.all(
      rows.map(async (request) => {
        const requester = await ctx.db.get("users", request.userId);
        return {
          ...request,
          requester: requester ? publicProfile(requester) : null,
          requesterBanned: requester?.isBanned === true,
        };
      }),
    );
  },
});

export const reviewRequest = superAdminMutation({
  args: { requestId: v.id("adminRequests"), approve: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { requestId, approve }) => {
    await decideRoleRequest(ctx, ctx.viewer, requestId, approve);
    return null;
  },
});

/** Sets exactly `role`, so it may demote, but never the last super admin. */
export const grantAdminRole = superAdminMutation({
  args: { userId: v.id("users"), role: adminRole },
  returns: v.null(),
  handler: async (ctx, { userId, role }) => {
    await requireReachableUser(ctx, userId);
    await setRole(ctx, userId, role, ctx.viewer._id);
    return null;
  },
});

/** The last super admin keeps theirs. */
export const revokeAdminRole = superAdminMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    await removeRole(ctx, userId);
    return null;
  },
});

/** The person can no longer act, and their push subscriptions go. */
export const banUser = adminMutation({
  args: { userId: v.id("users"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { userId, reason }) => {
    const text = checkText(reason, "Reason", { max: REASON_MAX });
    const user = await requireMayModerate(ctx, ctx, userId);
    await banAccount(ctx, user, text);
    return null;
  },
});

/** Only a super admin lifts an admin's ban. */
export const unbanUser = adminMutation({
  args: { userId: v.id("users") },
  returns: v.null(),
  handler: async (ctx, { userId }) => {
    const user = await requireMayModerate(ctx, ctx, userId);
    await unbanAccount(ctx, user);
    return null;
  },
});

/** Admin mode of users:softDeleteUser: the GDPR erasure plus a ban. */
export const softDeleteUser = adminMutation({
  args: { userId: v.id("users"), reason: v.string() },
  returns: v.null(),
  handler: async (ctx, { userId, reason }) => {
    const text = checkText(reason, "Reason", { max: REASON_MAX });
    await requireMayModerate(ctx, ctx, userId);
    await eraseUser(ctx, userId, { reason: text, ban: true });
    return null;
  },
});

/** From counters only; activeUsers7d sums 7 daily counters, so it counts user-days. */
export const getAdminDashboardStats = adminQuery({
  args: {},
  returns: v.object({
    users: v.number(),
    activeUsersToday: v.number(),
    activeUsers7d: v.number(),
    whispersPerDay: v.array(v.object({ day: v.string(), count: v.number() })),
    totalWhispers: v.number(),
    chambers: v.number(),
    pendingRequests: v.number(),
    bannedUsers: v.number(),
  }),
  handler: async (ctx) => await dashboardStats(ctx, Date.now()),
});

/** By case-insensitive username prefix. */
export const searchUsers = adminQuery({
  args: { query: v.string() },
  returns: v.array(
    v.object({
      _id: v.id("users"),
      username: v.string(),
      displayName: v.string(),
      isBanned: v.boolean(),
      isDeleted: v.boolean(),
      role: v.union(adminRole, v.null()),
    }),
  ),
  handler: async (ctx, { query }) => {
    const prefix = query.trim().toLowerCase();
    if (prefix.length > 50) fail("INVALID", "Search can be at most 50 characters.");
    const users = await ctx.db
      .query("users")
      .withIndex("by_usernameLower", (q) => q.gte("usernameLower", prefix).lt("usernameLower", prefix + "\uffff"))
      .take(SEARCH_LIMIT);
    return await Promise.all(
      users.map(async (user) => ({
        _id: user._id,
        username: user.username,
        displayName: user.displayName,
        isBanned: user.isBanned ?? false,
        isDeleted: user.isDeleted,
        role: await roleOf(ctx, user._id),
      })),
    );
  },
});

export const myRole = viewerQuery({
  args: {},
  returns: v.union(adminRole, v.null()),
  handler: async (ctx) => await roleOf(ctx, ctx.viewer._id),
});

/** Makes the first super admin: `npx convex run admin:bootstrapSuperAdmin '{"username": "..."}'`. */
export const bootstrapSuperAdmin = internalMutation({
  args: { username: v.string() },
  returns: v.object({ userId: v.id("users") }),
  handler: async (ctx, { username }) => {
    if ((await countSuperAdmins(ctx, 1)) > 0) fail("CONFLICT", "A super admin already exists.");
    const user = await ctx.db
      .query("users")
      .withIndex("by_usernameLower", (q) => q.eq("usernameLower", username.trim().toLowerCase()))
      .unique();
    if (!user || user.isDeleted || user.isBanned) fail("NOT_FOUND", `No active user named "${username}".`);
    await setRole(ctx, user._id, "super_admin");
    return { userId: user._id };
  },
});

/** A batch per run, rescheduling itself while batches are full (crons.ts: every minute). */
export const foldCounters = internalMutation({
  args: {},
  returns: v.object({ folded: v.number(), more: v.boolean() }),
  handler: async (ctx) => {
    const folded = await foldDeltas(ctx);
    const more = folded === FOLD_BATCH;
    if (more) await ctx.scheduler.runAfter(0, internal.admin.foldCounters, {});
    return { folded, more };
  },
});
