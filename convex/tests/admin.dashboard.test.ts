// Admin dashboard: the stats an admin sees, and the conflict-free counters behind them (bump, read, fold).
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { bumpCounter, FOLD_BATCH, readCounter } from "../lib/counters";
import { DAY_MS, dayKey } from "../lib/time";
import { codeOf, newTest, person, type TestConvex } from "./test.setup";

const counter = (t: TestConvex, name: string) => t.run((ctx) => readCounter(ctx, name));

describe("getAdminDashboardStats", () => {
  test("reads the counters: totals, 7 days of whispers oldest first, active user-days", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    expect(await codeOf(ann.as.query(api.admin.getAdminDashboardStats, {}))).toBe("FORBIDDEN");
    expect(await codeOf(t.query(api.admin.getAdminDashboardStats, {}))).toBe("UNAUTHENTICATED");

    const empty = await admin.as.query(api.admin.getAdminDashboardStats, {});
    const days = Array.from({ length: 7 }, (_, i) => dayKey(Date.now() - (6 - i) * DAY_MS));
    expect(empty).toEqual({
      users: 0,
      activeUsersToday: 0,
      activeUsers7d: 0,
      whispersPerDay: days.map((day) => ({ day, count: 0 })),
      totalWhispers: 0,
      chambers: 0,
      pendingRequests: 0,
      bannedUsers: 0,
    });

    await t.run(async (ctx) => {
      await bumpCounter(ctx, "users", 2);
      await bumpCounter(ctx, "whispers", 9);
      await bumpCounter(ctx, `whispers:${days[6]}`, 4);
      await bumpCounter(ctx, `whispers:${days[0]}`, 5);
      await bumpCounter(ctx, `whispers:${dayKey(Date.now() - 7 * DAY_MS)}`, 100);
      await bumpCounter(ctx, `activeUsers:${days[3]}`, 2);
      await bumpCounter(ctx, "chambers", 1);
    });
    await ann.as.mutation(api.admin.requestRole, { requestType: "admin" }); // active today, one pending request
    await admin.as.mutation(api.admin.banUser, { userId: (await person(t, "bob")).id, reason: "spam" });

    const stats = await admin.as.query(api.admin.getAdminDashboardStats, {});
    expect(stats).toMatchObject({
      users: 2,
      activeUsersToday: 1,
      activeUsers7d: 3,
      totalWhispers: 9,
      chambers: 1,
      pendingRequests: 1,
      bannedUsers: 1,
    });
    expect(stats.whispersPerDay.map((d) => d.count)).toEqual([5, 0, 0, 0, 0, 0, 4]);
    expect(stats.whispersPerDay[6].day).toBe(dayKey(Date.now()));
  });
});

describe("counters", () => {
  const rows = (t: TestConvex) =>
    t.run(async (ctx) => ({ totals: await ctx.db.query("counters").collect(), deltas: await ctx.db.query("counterDeltas").collect() }));
  const foldLater = async (t: TestConvex, ms: number) => {
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now + ms);
    try {
      return await t.mutation(internal.admin.foldCounters, {});
    } finally {
      clock.mockRestore();
    }
  };

  test("a bump writes only its own delta row; reads add the deltas; the fold moves settled ones into the total", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      await bumpCounter(ctx, "whispers", 3);
      await bumpCounter(ctx, "whispers", 2);
      await bumpCounter(ctx, "users", 1);
    });
    expect(await rows(t)).toMatchObject({ totals: [], deltas: [{ name: "whispers", delta: 3 }, { name: "whispers", delta: 2 }, { name: "users", delta: 1 }] });
    expect(await counter(t, "whispers")).toBe(5);
    // Deltas younger than the settling time wait for a later fold.
    expect(await t.mutation(internal.admin.foldCounters, {})).toEqual({ folded: 0, more: false });
    expect(await foldLater(t, 10_000)).toEqual({ folded: 3, more: false });
    await t.run((ctx) => bumpCounter(ctx, "whispers", -1));
    const after = await rows(t);
    expect(after.totals.map(({ name, shard, value }) => ({ name, shard, value })).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: "users", shard: 0, value: 1 },
      { name: "whispers", shard: 0, value: 5 },
    ]);
    expect(after.deltas).toHaveLength(1);
    expect(await counter(t, "whispers")).toBe(4);
    expect(await counter(t, "users")).toBe(1);
  });

  test("a fold takes a bounded batch and schedules the next while more are waiting", async () => {
    const t = newTest();
    await t.run(async (ctx) => {
      for (let i = 0; i < FOLD_BATCH + 5; i++) await bumpCounter(ctx, "whispers", 1);
    });
    expect(await foldLater(t, 10_000)).toEqual({ folded: FOLD_BATCH, more: true });
    expect(await counter(t, "whispers")).toBe(FOLD_BATCH + 5);
    expect(await foldLater(t, 10_000)).toEqual({ folded: 5, more: false });
    expect(await rows(t)).toMatchObject({ deltas: [], totals: [{ name: "whispers", value: FOLD_BATCH + 5 }] });
  });
});
