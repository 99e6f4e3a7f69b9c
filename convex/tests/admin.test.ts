// Admin tools: role requests and reviews, granting and revoking, bans, admin erasure, search, bootstrap (the dashboard: admin.dashboard.test.ts).
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import { readCounter } from "../lib/counters";
import { codeOf, newTest, person, type TestConvex } from "./test.setup";

const counter = (t: TestConvex, name: string) => t.run((ctx) => readCounter(ctx, name));
const roleRowOf = (t: TestConvex, userId: string) =>
  t.run(async (ctx) => {
    const rows = await ctx.db.query("adminRoles").collect();
    return rows.find((row) => row.userId === userId)?.role ?? null;
  });

describe("requestRole", () => {
  test("files one pending request, counted and published to the requester", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const { requestId } = await ann.as.mutation(api.admin.requestRole, { requestType: "admin", reason: "  I moderate  " });
    const request = await t.run((ctx) => ctx.db.get("adminRequests", requestId));
    expect(request).toMatchObject({ userId: ann.id, requestType: "admin", status: "pending", reason: "I moderate" });
    expect(await counter(t, "pendingAdminRequests")).toBe(1);
    const feed = await t.run((ctx) => ctx.db.query("syncChanges").collect());
    expect(feed.map((row) => [row.userId, row.table, row.docId])).toEqual([[ann.id, "adminRequests", requestId]]);

    expect(await codeOf(ann.as.mutation(api.admin.requestRole, { requestType: "super_admin" }))).toBe("CONFLICT");
    expect(await counter(t, "pendingAdminRequests")).toBe(1);
  });

  test("refuses a role the person already holds or exceeds, long reasons and the signed out", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const boss = await person(t, "bea", { role: "super_admin" });
    const ann = await person(t, "ann");
    expect(await codeOf(admin.as.mutation(api.admin.requestRole, { requestType: "admin" }))).toBe("CONFLICT");
    expect(await codeOf(boss.as.mutation(api.admin.requestRole, { requestType: "admin" }))).toBe("CONFLICT");
    expect(await codeOf(boss.as.mutation(api.admin.requestRole, { requestType: "super_admin" }))).toBe("CONFLICT");
    expect(await codeOf(admin.as.mutation(api.admin.requestRole, { requestType: "super_admin" }))).toBe("OK");
    const reason = "x".repeat(501);
    expect(await codeOf(ann.as.mutation(api.admin.requestRole, { requestType: "admin", reason }))).toBe("INVALID");
    expect(await codeOf(t.mutation(api.admin.requestRole, { requestType: "admin" }))).toBe("UNAUTHENTICATED");
    const banned = await person(t, "bob", { banned: true });
    expect(await codeOf(banned.as.mutation(api.admin.requestRole, { requestType: "admin" }))).toBe("BANNED");
  });

  test("is rate limited", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const ann = await person(t, "ann");
    for (let i = 0; i < 3; i++) {
      const { requestId } = await ann.as.mutation(api.admin.requestRole, { requestType: "admin" });
      await boss.as.mutation(api.admin.reviewRequest, { requestId, approve: false });
    }
    expect(await codeOf(ann.as.mutation(api.admin.requestRole, { requestType: "admin" }))).toBe("RATE_LIMITED");
  });
});

describe("listRequests and reviewRequest", () => {
  test("a super admin sees pending requests first, with the requester's public profile", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const [ann, cid, dan] = [await person(t, "ann"), await person(t, "cid"), await person(t, "dan")];
    const first = await ann.as.mutation(api.admin.requestRole, { requestType: "admin" });
    await cid.as.mutation(api.admin.requestRole, { requestType: "admin" });
    await boss.as.mutation(api.admin.reviewRequest, { requestId: first.requestId, approve: false });
    await dan.as.mutation(api.admin.requestRole, { requestType: "super_admin", reason: "trust me" });

    const list = await boss.as.query(api.admin.listRequests, {});
    expect(list.map((r) => [r.requester?.username, r.status])).toEqual([
      ["cid", "pending"],
      ["dan", "pending"],
      ["ann", "rejected"],
    ]);
    expect(list[1].requester).toMatchObject({ username: "dan", displayName: "Dan" });
    expect(list[1].requester).not.toHaveProperty("email");
    expect(list[1].requester).not.toHaveProperty("firstName");
  });

  test("a banned requester's pending request is listed as banned, and can only be rejected", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const ann = await person(t, "ann");
    const { requestId } = await ann.as.mutation(api.admin.requestRole, { requestType: "admin" });
    expect((await boss.as.query(api.admin.listRequests, {}))[0]).toMatchObject({ status: "pending", requesterBanned: false });
    await boss.as.mutation(api.admin.banUser, { userId: ann.id, reason: "spam" });
    expect((await boss.as.query(api.admin.listRequests, {}))[0]).toMatchObject({ status: "pending", requesterBanned: true });
    expect(await codeOf(boss.as.mutation(api.admin.reviewRequest, { requestId, approve: true }))).toBe("CONFLICT");
    await boss.as.mutation(api.admin.reviewRequest, { requestId, approve: false });
    expect((await boss.as.query(api.admin.listRequests, {}))[0]).toMatchObject({ status: "rejected", requesterBanned: true });
  });

  test("only super admins list and review", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    const { requestId } = await ann.as.mutation(api.admin.requestRole, { requestType: "admin" });
    expect(await codeOf(admin.as.query(api.admin.listRequests, {}))).toBe("FORBIDDEN");
    expect(await codeOf(ann.as.query(api.admin.listRequests, {}))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as.mutation(api.admin.reviewRequest, { requestId, approve: true }))).toBe("FORBIDDEN");
    expect(await codeOf(ann.as.mutation(api.admin.reviewRequest, { requestId, approve: true }))).toBe("FORBIDDEN");
    expect(await roleRowOf(t, ann.id)).toBeNull();
  });

  test("approval grants the role once; the request is published back to the requester", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const ann = await person(t, "ann");
    const { requestId } = await ann.as.mutation(api.admin.requestRole, { requestType: "admin" });
    const commitBefore = await t.run(async (ctx) => (await ctx.db.query("syncChanges").first())!.commitTs as bigint);
    await boss.as.mutation(api.admin.reviewRequest, { requestId, approve: true });

    expect(await ann.as.query(api.admin.myRole, {})).toBe("admin");
    const request = await t.run((ctx) => ctx.db.get("adminRequests", requestId));
    expect(request).toMatchObject({ status: "approved", reviewedBy: boss.id });
    expect(await counter(t, "pendingAdminRequests")).toBe(0);
    const row = await t.run(async (ctx) => (await ctx.db.query("syncChanges").collect()).find((r) => r.docId === requestId));
    expect(row!.userId).toBe(ann.id);
    expect(row!.commitTs as bigint).toBeGreaterThan(commitBefore);

    expect(await codeOf(boss.as.mutation(api.admin.reviewRequest, { requestId, approve: false }))).toBe("CONFLICT");
    expect(await counter(t, "pendingAdminRequests")).toBe(0);
  });

  test("rejection grants nothing; approving a banned requester is refused", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const a = await ann.as.mutation(api.admin.requestRole, { requestType: "super_admin" });
    await boss.as.mutation(api.admin.reviewRequest, { requestId: a.requestId, approve: false });
    expect(await ann.as.query(api.admin.myRole, {})).toBeNull();

    const b = await bob.as.mutation(api.admin.requestRole, { requestType: "admin" });
    await boss.as.mutation(api.admin.banUser, { userId: bob.id, reason: "spam" });
    expect(await codeOf(boss.as.mutation(api.admin.reviewRequest, { requestId: b.requestId, approve: true }))).toBe(
      "CONFLICT",
    );
    expect(await roleRowOf(t, bob.id)).toBeNull();
  });
});

describe("grantAdminRole and revokeAdminRole", () => {
  test("super admins grant, change and revoke roles; admins and users may not", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    expect(await codeOf(admin.as.mutation(api.admin.grantAdminRole, { userId: ann.id, role: "admin" }))).toBe("FORBIDDEN");
    expect(await codeOf(ann.as.mutation(api.admin.grantAdminRole, { userId: ann.id, role: "admin" }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as.mutation(api.admin.revokeAdminRole, { userId: admin.id }))).toBe("FORBIDDEN");

    await boss.as.mutation(api.admin.grantAdminRole, { userId: ann.id, role: "admin" });
    expect(await ann.as.query(api.admin.myRole, {})).toBe("admin");
    await boss.as.mutation(api.admin.grantAdminRole, { userId: ann.id, role: "super_admin" });
    expect(await ann.as.query(api.admin.myRole, {})).toBe("super_admin");
    await boss.as.mutation(api.admin.revokeAdminRole, { userId: ann.id });
    expect(await ann.as.query(api.admin.myRole, {})).toBeNull();
    expect(await codeOf(boss.as.mutation(api.admin.revokeAdminRole, { userId: ann.id }))).toBe("NOT_FOUND");
    await boss.as.mutation(api.admin.revokeAdminRole, { userId: admin.id });
    expect(await codeOf(admin.as.query(api.admin.getAdminDashboardStats, {}))).toBe("FORBIDDEN");
  });

  test("the last super admin can neither revoke nor demote themselves", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    expect(await codeOf(boss.as.mutation(api.admin.revokeAdminRole, { userId: boss.id }))).toBe("CONFLICT");
    expect(await codeOf(boss.as.mutation(api.admin.grantAdminRole, { userId: boss.id, role: "admin" }))).toBe(
      "CONFLICT",
    );
    expect(await boss.as.query(api.admin.myRole, {})).toBe("super_admin");

    const other = await person(t, "cal");
    await boss.as.mutation(api.admin.grantAdminRole, { userId: other.id, role: "super_admin" });
    await boss.as.mutation(api.admin.revokeAdminRole, { userId: boss.id });
    expect(await boss.as.query(api.admin.myRole, {})).toBeNull();
    expect(await codeOf(other.as.mutation(api.admin.revokeAdminRole, { userId: other.id }))).toBe("CONFLICT");
  });

  test("granting to a missing or banned account is refused", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const banned = await person(t, "bob", { banned: true });
    expect(await codeOf(boss.as.mutation(api.admin.grantAdminRole, { userId: banned.id, role: "admin" }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("banUser and unbanUser", () => {
  test("an admin bans a user: flags, counter, push subscriptions gone, the user is locked out; unban restores", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    await t.run(async (ctx) => {
      await ctx.db.insert("pushSubscriptions", { userId: ann.id, endpoint: "https://push.test/1", p256dh: "k", auth: "a", updatedAt: 1 });
      await ctx.db.patch("users", ann.id, { pushNotificationToken: "https://push.test/1" });
    });
    await admin.as.mutation(api.admin.banUser, { userId: ann.id, reason: "Spam" });

    const user = await t.run((ctx) => ctx.db.get("users", ann.id));
    expect(user).toMatchObject({ isBanned: true, banReason: "Spam" });
    expect(user!.bannedAt).toBeTypeOf("number");
    expect(user!.pushNotificationToken).toBeUndefined();
    expect(await t.run((ctx) => ctx.db.query("pushSubscriptions").collect())).toEqual([]);
    expect(await counter(t, "bannedUsers")).toBe(1);
    expect(await codeOf(ann.as.query(api.admin.myRole, {}))).toBe("BANNED");

    await admin.as.mutation(api.admin.banUser, { userId: ann.id, reason: "Spam again" });
    expect(await counter(t, "bannedUsers")).toBe(1);

    await admin.as.mutation(api.admin.unbanUser, { userId: ann.id });
    const unbanned = await t.run((ctx) => ctx.db.get("users", ann.id));
    expect(unbanned!.isBanned).toBe(false);
    expect(unbanned!.banReason).toBeUndefined();
    expect(unbanned!.bannedAt).toBeUndefined();
    expect(await counter(t, "bannedUsers")).toBe(0);
    expect(await ann.as.query(api.admin.myRole, {})).toBeNull();
    await admin.as.mutation(api.admin.unbanUser, { userId: ann.id });
    expect(await counter(t, "bannedUsers")).toBe(0);
  });

  test("who may ban whom", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const boss2 = await person(t, "bex", { role: "super_admin" });
    const admin = await person(t, "ada", { role: "admin" });
    const admin2 = await person(t, "abe", { role: "admin" });
    const ann = await person(t, "ann");
    const ban = (who: typeof ann, userId: typeof ann.id) => codeOf(who.as.mutation(api.admin.banUser, { userId, reason: "r" }));
    expect(await ban(ann, admin.id)).toBe("FORBIDDEN");
    expect(await ban(admin, admin.id)).toBe("FORBIDDEN");
    expect(await ban(boss, boss.id)).toBe("FORBIDDEN");
    expect(await ban(admin, admin2.id)).toBe("FORBIDDEN");
    expect(await ban(admin, boss.id)).toBe("FORBIDDEN");
    expect(await ban(boss, boss2.id)).toBe("FORBIDDEN");
    expect(await ban(boss, admin2.id)).toBe("OK");
    expect(await codeOf(admin.as.mutation(api.admin.banUser, { userId: ann.id, reason: "  " }))).toBe("INVALID");
    expect(await codeOf(admin.as.mutation(api.admin.banUser, { userId: ann.id, reason: "r".repeat(501) }))).toBe("INVALID");
    expect(await codeOf(ann.as.mutation(api.admin.unbanUser, { userId: admin2.id }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as.mutation(api.admin.unbanUser, { userId: admin2.id }))).toBe("FORBIDDEN");
    expect(await counter(t, "bannedUsers")).toBe(1);
    await boss.as.mutation(api.admin.unbanUser, { userId: admin2.id });
    expect(await counter(t, "bannedUsers")).toBe(0);
  });
});

describe("softDeleteUser (admin mode)", () => {
  test("erases and bans the person", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann", { firstName: "Annabel", lastName: "Secret" });
    await admin.as.mutation(api.admin.softDeleteUser, { userId: ann.id, reason: "Abuse" });
    const user = await t.run((ctx) => ctx.db.get("users", ann.id));
    expect(user).toMatchObject({ isDeleted: true, isBanned: true });
    expect(JSON.stringify(user)).not.toMatch(/Annabel|Secret|ann@example/);
    expect(await codeOf(ann.as.query(api.admin.myRole, {}))).toMatch(/DELETED|BANNED/);
  });

  test("follows the ban rules", async () => {
    const t = newTest();
    const boss = await person(t, "bea", { role: "super_admin" });
    const admin = await person(t, "ada", { role: "admin" });
    const admin2 = await person(t, "abe", { role: "admin" });
    const ann = await person(t, "ann");
    const erase = (who: typeof ann, userId: typeof ann.id) =>
      codeOf(who.as.mutation(api.admin.softDeleteUser, { userId, reason: "r" }));
    expect(await erase(ann, admin.id)).toBe("FORBIDDEN");
    expect(await erase(admin, admin.id)).toBe("FORBIDDEN");
    expect(await erase(admin, admin2.id)).toBe("FORBIDDEN");
    expect(await erase(admin, boss.id)).toBe("FORBIDDEN");
    expect(await codeOf(admin.as.mutation(api.admin.softDeleteUser, { userId: ann.id, reason: "" }))).toBe("INVALID");
    expect(await t.run((ctx) => ctx.db.get("users", admin2.id))).toMatchObject({ isDeleted: false });
  });
});

describe("searchUsers", () => {
  test("admins find people by username prefix, case-insensitively, at most 20, with role and state", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    await person(t, "Annie");
    await person(t, "bob", { banned: true });
    const results = await admin.as.query(api.admin.searchUsers, { query: " AN " });
    expect(results.map((r) => r.username)).toEqual(["ann", "Annie"]);
    expect(results[0]).toEqual({ _id: ann.id, username: "ann", displayName: "Ann", isBanned: false, isDeleted: false, role: null });
    expect(await admin.as.query(api.admin.searchUsers, { query: "bo" })).toMatchObject([{ isBanned: true }]);
    expect(await admin.as.query(api.admin.searchUsers, { query: "ad" })).toMatchObject([{ role: "admin" }]);

    for (let i = 0; i < 25; i++) await person(t, `zed${String(i).padStart(2, "0")}`);
    expect(await admin.as.query(api.admin.searchUsers, { query: "zed" })).toHaveLength(20);
    expect(await codeOf(ann.as.query(api.admin.searchUsers, { query: "a" }))).toBe("FORBIDDEN");
    expect(await codeOf(admin.as.query(api.admin.searchUsers, { query: "a".repeat(51) }))).toBe("INVALID");
  });
});

describe("myRole", () => {
  test("returns the viewer's role or null; refuses the signed out", async () => {
    const t = newTest();
    expect(await (await person(t, "ann")).as.query(api.admin.myRole, {})).toBeNull();
    expect(await (await person(t, "ada", { role: "admin" })).as.query(api.admin.myRole, {})).toBe("admin");
    expect(await codeOf(t.query(api.admin.myRole, {}))).toBe("UNAUTHENTICATED");
  });
});

describe("bootstrapSuperAdmin", () => {
  test("makes the first super admin once", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    expect(await codeOf(t.mutation(internal.admin.bootstrapSuperAdmin, { username: "nobody" }))).toBe("NOT_FOUND");
    expect(await t.mutation(internal.admin.bootstrapSuperAdmin, { username: "ANN" })).toEqual({ userId: ann.id });
    expect(await ann.as.query(api.admin.myRole, {})).toBe("super_admin");
    expect(await codeOf(t.mutation(internal.admin.bootstrapSuperAdmin, { username: "bob" }))).toBe("CONFLICT");
    expect(await bob.as.query(api.admin.myRole, {})).toBeNull();
  });
});
