// The pull feed: paging in commit order, tombstones, one entry per document, per-viewer isolation, flags, receipts pruning.
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { publish } from "../lib/feed";
import { FEED_START } from "../lib/feedPosition";
import { FEATURES } from "../lib/flags";
import { buildPage, pruneReceipts, RECEIPT_TTL_MS } from "../model/sync";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";

/** Inserts `count` admin requests by `owner`, publishing each to the owner's feed in its own write. */
async function requests(t: TestConvex, owner: Person, count: number): Promise<Id<"adminRequests">[]> {
  const ids: Id<"adminRequests">[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      await t.run(async (ctx) => {
        const id = await ctx.db.insert("adminRequests", {
          userId: owner.id,
          requestType: "admin",
          reason: `request ${i}`,
          status: "pending",
          updatedAt: Date.now(),
        });
        await publish(ctx, [owner.id], "adminRequests", id);
        return id;
      }),
    );
  }
  return ids;
}

/** Whether `positions` strictly increase (as strings: the order the client compares them in). */
const increasing = (positions: string[]) => positions.every((at, i) => i === 0 || positions[i - 1] < at);

const republish = (t: TestConvex, userIds: Id<"users">[], id: Id<"adminRequests">) =>
  t.run((ctx) => publish(ctx, userIds, "adminRequests", id));

describe("sync.pull", () => {
  test("pages through every change once, in order, with hasMore and the cursor", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const ids = await requests(t, ann, 25);

    const seen: { id: string; at: string }[] = [];
    const pages: { size: number; hasMore: boolean }[] = [];
    let cursor = FEED_START;
    for (let round = 0; round < 10; round++) {
      const page = await ann.as.query(api.sync.pull, { cursor, limit: 10 });
      pages.push({ size: page.changes.length, hasMore: page.hasMore });
      seen.push(...page.changes.map(({ id, at }) => ({ id, at })));
      if (page.changes.length > 0) expect(page.cursor).toBe(page.changes[page.changes.length - 1].at);
      else expect(page.cursor).toBe(cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    expect(pages).toEqual([
      { size: 10, hasMore: true },
      { size: 10, hasMore: true },
      { size: 5, hasMore: false },
    ]);
    expect(seen.map((change) => change.id)).toEqual(ids);
    expect(cursor > FEED_START && increasing(seen.map((change) => change.at))).toBe(true);

    const empty = await ann.as.query(api.sync.pull, { cursor });
    expect(empty).toMatchObject({ changes: [], cursor, hasMore: false });

    const more = await requests(t, ann, 1);
    const next = await ann.as.query(api.sync.pull, { cursor });
    expect(next.changes.map((change) => change.id)).toEqual(more);
    expect(next.hasMore).toBe(false);
  });

  test("hasMore is false when exactly `limit` changes are left; the default limit is 200", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await requests(t, ann, 4);
    const all = await ann.as.query(api.sync.pull, { cursor: FEED_START, limit: 4 });
    expect(all).toMatchObject({ hasMore: false, cursor: all.changes[3].at });
    expect(await ann.as.query(api.sync.pull, { cursor: FEED_START, limit: 3 })).toMatchObject({ hasMore: true, cursor: all.changes[2].at });
    expect((await ann.as.query(api.sync.pull, { cursor: FEED_START })).changes).toHaveLength(4);
  });

  test("one commit's changes (one position each) page across pages without a gap or a repeat", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const [before] = await requests(t, ann, 1);
    const batch = await t.run(async (ctx) => {
      const ids: Id<"adminRequests">[] = [];
      for (let i = 0; i < 7; i++) {
        ids.push(await ctx.db.insert("adminRequests", { userId: ann.id, requestType: "admin", reason: `r${i}`, status: "pending", updatedAt: Date.now() }));
      }
      for (const id of ids) await publish(ctx, [ann.id], "adminRequests", id);
      return ids;
    });
    const [after] = await requests(t, ann, 1);
    const seen: string[] = [];
    const positions: string[] = [];
    let cursor = FEED_START;
    for (let round = 0; round < 20; round++) {
      const page = await ann.as.query(api.sync.pull, { cursor, limit: 3 });
      seen.push(...page.changes.map((change) => change.id));
      positions.push(...page.changes.map((change) => change.at));
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    // One commit's rows share its timestamp and follow each other by id.
    expect(seen).toEqual([before, ...[...batch].sort(), after]);
    expect(increasing(positions)).toBe(true);
  });

  test("projects each document for the viewer", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const [id] = await requests(t, ann, 1);
    const page = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    expect(page.changes).toEqual([
      {
        table: "adminRequests",
        id,
        at: page.cursor,
        doc: expect.objectContaining({ _id: id, userId: ann.id, status: "pending", reason: "request 0" }),
      },
    ]);
  });

  test("a deleted document, or one the viewer may no longer see, arrives as a tombstone", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const [kept, gone] = await requests(t, ann, 2);
    await t.run(async (ctx) => {
      await ctx.db.delete("adminRequests", gone);
      await publish(ctx, [ann.id], "adminRequests", gone);
    });
    const [bobs] = await requests(t, bob, 1);
    await republish(t, [ann.id], bobs); // ann may not see bob's request: null projection

    const page = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    expect(page.changes.map(({ id, doc }) => [id, doc === null])).toEqual([
      [kept, false],
      [gone, true],
      [bobs, true],
    ]);
    // A malformed id in the feed is a tombstone too, never a failed page.
    await t.run((ctx) => publish(ctx, [ann.id], "whispers", "not-an-id"));
    const after = await ann.as.query(api.sync.pull, { cursor: page.cursor });
    expect(after.changes).toEqual([{ table: "whispers", id: "not-an-id", at: after.cursor, doc: null }]);
  });

  test("a document changed twice appears once, at its latest position and state", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const [first, second] = await requests(t, ann, 2);
    const { cursor } = await ann.as.query(api.sync.pull, { cursor: FEED_START, limit: 1 });
    await t.run(async (ctx) => {
      await ctx.db.patch("adminRequests", first, { status: "rejected", updatedAt: Date.now() });
      await publish(ctx, [ann.id], "adminRequests", first);
    });
    const all = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    expect(all.changes.map(({ id }) => id)).toEqual([second, first]);
    expect(all.changes[1].at > cursor && increasing(all.changes.map((change) => change.at))).toBe(true);
    expect(all.changes[1].doc).toMatchObject({ status: "rejected" });
    // A client that already had the first version learns the new one after its cursor.
    const next = await ann.as.query(api.sync.pull, { cursor });
    expect(next.changes.map(({ id }) => id)).toEqual([second, first]);
  });

  test("a viewer never sees another viewer's changes", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const annIds = await requests(t, ann, 3);
    const bobIds = await requests(t, bob, 2);
    const annPage = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    const bobPage = await bob.as.query(api.sync.pull, { cursor: FEED_START });
    expect(annPage.changes.map(({ id }) => id)).toEqual(annIds);
    expect(bobPage.changes.map(({ id }) => id)).toEqual(bobIds);
  });

  test("every page carries the feature flags, and a flag change shows up", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    const before = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    expect(before.flags).toEqual(Object.keys(FEATURES).map((name) => ({ name, enabled: true })));
    await admin.as.mutation(api.featureFlags.set, { name: "MYSTERY_WHISPERS", enabled: false });
    const after = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    expect(after.flags.find((flag) => flag.name === "MYSTERY_WHISPERS")).toEqual({
      name: "MYSTERY_WHISPERS",
      enabled: false,
    });
    expect(after.changes).toEqual([]);
  });

  test("validates the cursor and the limit, and refuses the signed out and the banned", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const banned = await person(t, "bob", { banned: true });
    for (const cursor of ["0", "-1:x", "12:abc", "00000000000000000001:", `${"9".repeat(21)}:abc`, "00000000000000000001:a b"]) {
      expect(await codeOf(ann.as.query(api.sync.pull, { cursor }))).toBe("INVALID");
    }
    for (const limit of [0, 501, 2.5, -3]) {
      expect(await codeOf(ann.as.query(api.sync.pull, { cursor: FEED_START, limit }))).toBe("INVALID");
    }
    expect(await codeOf(ann.as.query(api.sync.pull, { cursor: FEED_START, limit: 500 }))).toBe("OK");
    expect(await codeOf(t.query(api.sync.pull, { cursor: FEED_START }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(banned.as.query(api.sync.pull, { cursor: FEED_START }))).toBe("BANNED");
  });

  test("the viewer's own profile travels through the feed", async () => {
    const t = newTest();
    const ann = await person(t, "ann", { mood: "calm" });
    await t.run((ctx) => publish(ctx, [ann.id], "users", ann.id));
    const page = await ann.as.query(api.sync.pull, { cursor: FEED_START });
    expect(page.changes).toHaveLength(1);
    expect(page.changes[0]).toMatchObject({ table: "users", id: ann.id, doc: { username: "ann", mood: "calm" } });
  });

  test("another person's profile comes from their compact row, never their users document and its journal", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob", { mood: "calm" });
    const note = "a long day, written down at length ".repeat(4);
    await t.run(async (ctx) => {
      const moodJournal = Array.from({ length: 1000 }, (_, i) => ({ mood: "calm", note, at: i }));
      await ctx.db.patch("users", bob.id, { moodJournal }); // ~150 KB, not mirrored in profiles
      await publish(ctx, [ann.id], "users", bob.id);
    });
    const { page, bytesRead } = await t.run(async (ctx) => {
      const viewer = (await ctx.db.get("users", ann.id))!;
      const page = await buildPage(ctx, viewer, FEED_START, 10);
      return { page, bytesRead: (await ctx.meta.getTransactionMetrics()).bytesRead.used };
    });
    expect(page.changes.find((change) => change.id === bob.id)?.doc).toMatchObject({ username: "bob", mood: "calm" });
    expect(page.changes.find((change) => change.id === bob.id)?.doc).not.toHaveProperty("moodJournal");
    // ann's own users document is read; bob's (with its journal) is not.
    expect(bytesRead).toBeLessThan(20_000);
  });

  test("a mystery whisper's sender appears nowhere in its recipient's feed", async () => {
    const t = newTest();
    const zorro = await person(t, "zorro", { firstName: "Diego", lastName: "Vega", mood: "sly" });
    const bob = await person(t, "bob");
    const sent = await zorro.as.mutation(api.whispers.sendWhisper, {
      clientId: "mystery-0001",
      recipientId: bob.id,
      content: "guess who",
      isMystery: true,
    });
    const page = await bob.as.query(api.sync.pull, { cursor: FEED_START });
    const tables = page.changes.filter((change) => change.doc !== null).map((change) => change.table);
    expect(tables).toEqual(expect.arrayContaining(["whispers", "conversations"]));
    expect(page.changes.find((change) => change.id === sent.whisperId)?.doc).toMatchObject({ content: "guess who" });
    const payload = JSON.stringify(page);
    for (const secret of [zorro.id, "zorro", "Zorro", "Diego", "Vega", "sly"]) expect(payload).not.toContain(secret);
  });
});

describe("pruneClientOps", () => {
  test("deletes receipts older than 30 days and keeps the rest", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const now = Date.now();
    await t.run(async (ctx) => {
      for (const [clientId, at] of [
        ["old-receipt-1", now - RECEIPT_TTL_MS - 1000],
        ["old-receipt-2", now - RECEIPT_TTL_MS - 5000],
        ["new-receipt-1", now - RECEIPT_TTL_MS + 60_000],
        ["new-receipt-2", now],
      ] as const) {
        await ctx.db.insert("clientOps", { userId: ann.id, clientId, result: null, at });
      }
    });
    expect(await t.mutation(internal.sync.pruneClientOps, {})).toEqual({ deleted: 2, more: false });
    const left = await t.run((ctx) => ctx.db.query("clientOps").collect());
    expect(left.map((receipt) => receipt.clientId).sort()).toEqual(["new-receipt-1", "new-receipt-2"]);
  });

  test("works in bounded batches", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await t.run(async (ctx) => {
      for (let i = 0; i < 5; i++) await ctx.db.insert("clientOps", { userId: ann.id, clientId: `receipt-${i}`, result: null, at: i });
    });
    const batches: number[] = [];
    for (let i = 0; i < 4; i++) batches.push(await t.run((ctx) => pruneReceipts(ctx, 1000, 2)));
    expect(batches).toEqual([2, 2, 1, 0]);
  });
});
