// Data export jobs: every item in one valid JSON file, collected in batches with progress, only for its owner, resumed after a lost batch, rate limited, expired.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { exportOf, exportText, latestJob, runScheduled } from "./dataExports.fixtures";
import { ASSEMBLY_STALL_MS, EXPORT_KEEP_MS, STALL_MS } from "../model/dataExportJobs";
import { PART_BYTES } from "../model/dataExportParts";
import { codeOf, newTest, person, type Person, type TestConvex } from "./test.setup";

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

const fakeTimers = () => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });

/** `count` delivered whispers from `from` to `to`, written straight into the database (in transactions of 3,000). */
async function whispers(t: TestConvex, from: Person, to: Person, count: number): Promise<Id<"whispers">[]> {
  const ids: Id<"whispers">[] = [];
  for (let start = 0; start < count; start += 3_000) {
    ids.push(
      ...(await t.run(async (ctx) => {
        const batch: Id<"whispers">[] = [];
        for (let i = start; i < Math.min(count, start + 3_000); i++) {
          const now = Date.now();
          batch.push(
            await ctx.db.insert("whispers", {
              senderId: from.id,
              recipientId: to.id,
              content: `whisper number ${i}`,
              reactions: [],
              clientId: `c-${String(i).padStart(8, "0")}`,
              status: "delivered",
              deliveredAt: now,
              updatedAt: now,
            }),
          );
        }
        return batch;
      })),
    );
  }
  return ids;
}

const ids = (items: { _id: string }[]) => items.map((item) => item._id).sort();

describe("an export", () => {
  test("holds every whisper of a person with more than 8,192, in one valid JSON file cut into bounded parts", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const sent = await whispers(t, ann, bob, 9_000);
    const received = await whispers(t, bob, ann, 300);
    fakeTimers();
    await ann.as.mutation(api.dataExports.request, {});
    let biggestPart = 0;
    let batches = 0;
    for (;;) {
      const job = (await latestJob(t, ann.id))!;
      if (job.status !== "collecting") break;
      await t.mutation(internal.dataExports.collect, { exportId: job._id, batch: job.batch });
      batches += 1;
      const parts = await t.run((ctx) => ctx.db.query("dataExportParts").collect());
      biggestPart = Math.max(biggestPart, ...parts.map((part) => Buffer.byteLength(part.json)));
    }
    await runScheduled(t);
    const text = await exportText(t, ann);
    const data = JSON.parse(text);
    expect(ids(data.whispersSent)).toEqual([...sent].sort());
    expect(ids(data.whispersReceived)).toEqual([...received].sort());
    expect(data.conversations).toEqual([]);
    expect(data.profile).toMatchObject({ username: "ann" });
    expect(Object.keys(data)).toEqual([
      "format", "exportedAt", "profile", "moodJournal", "friends", "chambers", "skills", "skillMatches",
      "unmaskingRequests", "adminRequests", "pushSubscriptions", "whispersSent", "whispersReceived",
      "conversations", "chamberMessages",
    ]);
    expect(batches).toBeGreaterThan(1);
    expect(biggestPart).toBeGreaterThan(0);
    expect(biggestPart).toBeLessThanOrEqual(PART_BYTES);
    // The file is stored as the person's (erasure and serving know it), and the parts are gone.
    const job = (await latestJob(t, ann.id))!;
    expect(job).toMatchObject({ status: "done", progress: 1, items: expect.any(Number), size: new Blob([text]).size });
    const file = await t.run((ctx) => ctx.db.query("files").withIndex("by_storageId", (q) => q.eq("storageId", job.storageId!)).unique());
    expect(file).toMatchObject({ ownerId: ann.id, kind: "export", contentType: "application/json" });
    expect(await t.run((ctx) => ctx.db.query("dataExportParts").collect())).toEqual([]);
  });

  test("shows its progress while collected, then a download URL to its owner only", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await whispers(t, ann, bob, 2_500);
    fakeTimers();
    expect(await ann.as.query(api.dataExports.current, {})).toBeNull();
    const exportId = await ann.as.mutation(api.dataExports.request, {});
    expect(await ann.as.query(api.dataExports.current, {})).toMatchObject({ _id: exportId, status: "collecting", progress: 0, items: 0 });
    const seen: number[] = [];
    for (;;) {
      const job = (await latestJob(t, ann.id))!;
      if (job.status !== "collecting") break;
      await t.mutation(internal.dataExports.collect, { exportId, batch: job.batch });
      seen.push((await ann.as.query(api.dataExports.current, {}))!.progress);
    }
    expect(seen.length).toBeGreaterThan(1);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen[0]).toBeGreaterThan(0);
    expect(await ann.as.query(api.dataExports.current, {})).toMatchObject({ status: "assembling", progress: 0.95 });
    await runScheduled(t);
    const done = await ann.as.query(api.dataExports.current, {});
    expect(done).toMatchObject({ _id: exportId, status: "done", progress: 1, url: expect.any(String), size: expect.any(Number) });
    expect(done!.expiresAt).toBe(done!.updatedAt + EXPORT_KEEP_MS);
    expect(done!.items).toBeGreaterThan(2_500);
    // Nobody else sees it, nor its URL.
    expect(await bob.as.query(api.dataExports.current, {})).toBeNull();
    expect(await codeOf(t.query(api.dataExports.current, {}))).toBe("UNAUTHENTICATED");
  });

  test("a second request while one is prepared returns that one; requests are rate limited", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    fakeTimers();
    const first = await ann.as.mutation(api.dataExports.request, {});
    expect(await ann.as.mutation(api.dataExports.request, {})).toBe(first);
    await runScheduled(t);
    const second = await ann.as.mutation(api.dataExports.request, {});
    expect(second).not.toBe(first);
    await runScheduled(t);
    await ann.as.mutation(api.dataExports.request, {});
    await runScheduled(t);
    expect(await codeOf(ann.as.mutation(api.dataExports.request, {}))).toBe("RATE_LIMITED");
    // One file per person: each finished export replaced the one before.
    const jobs = await t.run((ctx) => ctx.db.query("dataExports").collect());
    expect(jobs.map((job) => job.status)).toEqual(["done"]);
    expect(await t.run((ctx) => ctx.db.query("files").collect())).toHaveLength(1);
  });

  test("a lost batch (a crash, a restart) is resumed from the saved cursor by the sweep; every item once", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const sent = await whispers(t, ann, bob, 2_500);
    fakeTimers();
    const exportId = await ann.as.mutation(api.dataExports.request, {});
    await t.mutation(internal.dataExports.collect, { exportId, batch: 0 });
    await t.mutation(internal.dataExports.collect, { exportId, batch: 1 });
    // The next batch is lost: its scheduled run never happens.
    await t.run(async (ctx) => {
      for (const fn of await ctx.db.system.query("_scheduled_functions").collect()) {
        if (fn.state.kind === "pending") await ctx.scheduler.cancel(fn._id);
      }
    });
    const saved = (await latestJob(t, ann.id))!;
    expect(saved).toMatchObject({ status: "collecting", batch: 2 });
    expect(saved.cursor).not.toBeNull();
    // Too early: a job still moving is left alone.
    expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 0, expired: 0 });
    vi.advanceTimersByTime(STALL_MS + 1);
    expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 1, expired: 0 });
    expect((await latestJob(t, ann.id))!).toMatchObject({ batch: 2, cursor: saved.cursor, resumes: 1 });
    await runScheduled(t);
    const data = JSON.parse(await exportText(t, ann));
    expect(ids(data.whispersSent)).toEqual([...sent].sort());
  });

  test("a lost assembly is run again by the sweep; a duplicate run leaves one file", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    fakeTimers();
    const exportId = await ann.as.mutation(api.dataExports.request, {});
    for (let batch = 0; (await latestJob(t, ann.id))!.status === "collecting"; batch++) {
      await t.mutation(internal.dataExports.collect, { exportId, batch });
    }
    await t.run(async (ctx) => {
      for (const fn of await ctx.db.system.query("_scheduled_functions").collect()) {
        if (fn.state.kind === "pending") await ctx.scheduler.cancel(fn._id);
      }
    });
    vi.advanceTimersByTime(STALL_MS + 1);
    expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 0, expired: 0 });
    vi.advanceTimersByTime(ASSEMBLY_STALL_MS);
    expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 1, expired: 0 });
    // The lost run was only late: both finish, the second one's copy is deleted.
    await t.action(internal.dataExportsNode.assemble, { exportId });
    await runScheduled(t);
    expect(await latestJob(t, ann.id)).toMatchObject({ status: "done" });
    expect(await t.run((ctx) => ctx.db.system.query("_storage").collect())).toHaveLength(1);
    expect(JSON.parse(await exportText(t, ann)).profile).toMatchObject({ username: "ann" });
  });

  test("a job that stalls again and again fails with a message; the person can start another", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    fakeTimers();
    await ann.as.mutation(api.dataExports.request, {});
    await t.run(async (ctx) => {
      for (const fn of await ctx.db.system.query("_scheduled_functions").collect()) await ctx.scheduler.cancel(fn._id);
    });
    for (let i = 0; i < 6; i++) {
      vi.advanceTimersByTime(STALL_MS + 1);
      await t.mutation(internal.dataExports.sweep, {});
      await t.run(async (ctx) => {
        for (const fn of await ctx.db.system.query("_scheduled_functions").collect()) {
          if (fn.state.kind === "pending" && fn.name.includes("collect")) await ctx.scheduler.cancel(fn._id);
        }
      });
    }
    expect(await ann.as.query(api.dataExports.current, {})).toMatchObject({ status: "failed", error: "The export could not be completed. Try again later." });
    await ann.as.mutation(api.dataExports.request, {});
    await runScheduled(t);
    expect(await ann.as.query(api.dataExports.current, {})).toMatchObject({ status: "done" });
  });

  test("a finished export's file is deleted with its job after EXPORT_KEEP_MS", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    fakeTimers();
    await exportOf(t, ann);
    const { storageId } = (await latestJob(t, ann.id))!;
    vi.advanceTimersByTime(EXPORT_KEEP_MS - 60_000);
    expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 0, expired: 0 });
    vi.advanceTimersByTime(120_000);
    expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 0, expired: 1 });
    expect(await ann.as.query(api.dataExports.current, {})).toBeNull();
    expect(await t.run((ctx) => ctx.db.system.get("_storage", storageId!))).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("files").collect())).toEqual([]);
  });

  test("EXPORT_BATCH_DELAY_MS spaces the batches", async () => {
    vi.stubEnv("EXPORT_BATCH_DELAY_MS", "500");
    const t = newTest();
    const ann = await person(t, "ann");
    fakeTimers();
    const exportId = await ann.as.mutation(api.dataExports.request, {});
    await t.mutation(internal.dataExports.collect, { exportId, batch: 0 });
    const next = await t.run(async (ctx) =>
      (await ctx.db.system.query("_scheduled_functions").collect()).find((fn) => fn.name === "dataExports:collect" && fn.args[0].batch === 1),
    );
    expect(next!.scheduledTime).toBe(Date.now() + 500);
  });

  test("an account banned while its export is collected stops it", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    fakeTimers();
    const exportId = await ann.as.mutation(api.dataExports.request, {});
    await t.run((ctx) => ctx.db.patch("users", ann.id, { isBanned: true }));
    await t.mutation(internal.dataExports.collect, { exportId, batch: 0 });
    expect(await latestJob(t, ann.id)).toMatchObject({ status: "failed", error: "This account can no longer export its data." });
    await runScheduled(t);
    expect(await t.run((ctx) => ctx.db.query("dataExportParts").collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query("files").collect())).toEqual([]);
  });
});
