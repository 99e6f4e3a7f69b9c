// Scheduled whispers: invisible until delivered, delivery with re-checks, cancelling, batches.
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import crons from "../crons";
import { readCounter } from "../lib/counters";
import { projectWhisper } from "../model/whispers";
import { codeOf, newTest, scheduledDone, type Person, person, type TestConvex } from "./test.setup";
import { upload } from "./uploads.fixtures";

const newId = () => crypto.randomUUID();
const MINUTE = 60_000;

const schedule = (from: Person, to: Person, content = "later", scheduledFor = Date.now() + 5 * MINUTE) =>
  from.as.mutation(api.whispers.scheduleWhisper, { clientId: newId(), recipientId: to.id, content, scheduledFor });

/** Makes every scheduled whisper due, then runs the delivery job once. */
async function deliverDue(t: TestConvex) {
  await t.run(async (ctx) => {
    const scheduled = await ctx.db
      .query("whispers")
      .withIndex("by_status_scheduledFor", (q) => q.eq("status", "scheduled"))
      .collect();
    for (const whisper of scheduled) await ctx.db.patch("whispers", whisper._id, { scheduledFor: Date.now() - 1 });
  });
  return await t.mutation(internal.whispers.processScheduledWhispers, {});
}

const whisperDoc = (t: TestConvex, id: Id<"whispers">) => t.run((ctx) => ctx.db.get("whispers", id));

/** Lets background scheduled functions (push, continuations) start and finish. */
async function settle(t: TestConvex) {
  await scheduledDone(t);
}

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

describe("scheduleWhisper", () => {
  test("only the sender sees it until delivery; delivery is queued for the exact time", async () => {
    const { t, alice, bob } = await setup();
    const at = Date.now() + 10 * MINUTE;
    const { whisperId, conversationId } = await schedule(alice, bob, "happy birthday", at);
    expect(conversationId).toBeNull();

    const mine = await alice.as.query(api.whispers.listScheduled, {});
    expect(mine).toMatchObject([{ _id: whisperId, status: "scheduled", scheduledFor: at, content: "happy birthday" }]);
    expect(await bob.as.query(api.whispers.listScheduled, {})).toEqual([]);
    expect(await bob.as.query(api.conversations.list, {})).toEqual([]);
    const bobsFeed = await bob.as.query(api.sync.pull, { cursor: "" });
    expect(JSON.stringify(bobsFeed)).not.toContain(whisperId);
    const asBob = await t.run(async (ctx) => {
      const [viewer, whisper] = [await ctx.db.get("users", bob.id), await ctx.db.get("whispers", whisperId)];
      return await projectWhisper(ctx, viewer!, whisper!);
    });
    expect(asBob).toBeNull();

    const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    const timed = jobs.filter((job) => job.name === "whispers:processScheduledWhispers");
    expect(timed.map((job) => job.scheduledTime)).toEqual([at]);
    expect(await t.run((ctx) => readCounter(ctx, "whispers"))).toBe(0);
  });

  test("scheduledFor from 30 seconds to one year ahead", async () => {
    const { alice, bob } = await setup();
    await expect(schedule(alice, bob, "x", Date.now() + 5_000)).rejects.toThrow(/at least 30 seconds/);
    await expect(schedule(alice, bob, "x", Date.now() + 400 * 24 * 60 * MINUTE)).rejects.toThrow(/one year/);
    expect(await codeOf(schedule(alice, bob, "x", Date.now() - MINUTE))).toBe("INVALID");
    expect(await codeOf(schedule(alice, bob, "x", Date.now() + MINUTE))).toBe("OK");
  });

  test("exactly-once, checks blocks and the SCHEDULED_WHISPERS flag", async () => {
    const { t, alice, bob } = await setup();
    const args = { clientId: newId(), recipientId: bob.id, content: "once", scheduledFor: Date.now() + MINUTE };
    const first = await alice.as.mutation(api.whispers.scheduleWhisper, args);
    expect(await alice.as.mutation(api.whispers.scheduleWhisper, args)).toEqual(first);
    expect(await t.run((ctx) => ctx.db.query("whispers").collect())).toHaveLength(1);

    await t.run((ctx) =>
      ctx.db.insert("friends", { userId: bob.id, friendId: alice.id, status: "blocked", updatedAt: Date.now() }),
    );
    expect(await codeOf(schedule(alice, bob))).toBe("BLOCKED");
    await t.run((ctx) => ctx.db.insert("featureFlags", { name: "SCHEDULED_WHISPERS", enabled: false, updatedAt: 0 }));
    expect(await codeOf(schedule(bob, alice))).toBe("FEATURE_DISABLED");
  });

  test("into an existing conversation it returns that conversation", async () => {
    const { alice, bob } = await setup();
    const sent = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "hi",
    });
    const scheduled = await bob.as.mutation(api.whispers.scheduleWhisper, {
      clientId: newId(),
      conversationId: sent.conversationId,
      content: "later",
      scheduledFor: Date.now() + MINUTE,
    });
    expect(scheduled.conversationId).toBe(sent.conversationId);
  });
});

describe("processScheduledWhispers", () => {
  test("delivers due whispers once: conversation, unread, counters, feeds, push", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await schedule(alice, bob, "surprise");
    expect(await t.mutation(internal.whispers.processScheduledWhispers, {})).toMatchObject({ delivered: 0 });

    expect(await deliverDue(t)).toEqual({ delivered: 1, cancelled: 0, more: false });
    const whisper = await whisperDoc(t, whisperId);
    expect(whisper).toMatchObject({ status: "delivered" });
    expect(whisper!.conversationId).toBeDefined();
    const [conversation] = await bob.as.query(api.conversations.list, {});
    expect(conversation).toMatchObject({ _id: whisper!.conversationId, unreadCount: 1, counterpartId: alice.id });
    const page = await bob.as.query(api.whispers.listConversation, {
      conversationId: whisper!.conversationId!,
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(page.page).toMatchObject([{ _id: whisperId, content: "surprise", status: "delivered" }]);
    expect(await t.run((ctx) => readCounter(ctx, "whispers"))).toBe(1);
    const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(jobs.filter((job) => job.name === "pushNode:sendWhisperNotification")).toHaveLength(1);
    expect(await alice.as.query(api.whispers.listScheduled, {})).toEqual([]);

    expect(await t.mutation(internal.whispers.processScheduledWhispers, {})).toMatchObject({ delivered: 0 });
    expect(await t.run((ctx) => readCounter(ctx, "whispers"))).toBe(1);
  });

  test("re-checks at delivery: a block, a banned recipient or a closed conversation cancels, telling the sender", async () => {
    const { t, alice, bob } = await setup();
    const carol = await person(t, "carol");
    const dave = await person(t, "dave");
    const blocked = await schedule(alice, bob);
    const banned = await schedule(alice, carol);
    const open = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: dave.id,
      content: "hi",
    });
    const closed = await schedule(alice, dave);
    await t.run(async (ctx) => {
      await ctx.db.insert("friends", { userId: bob.id, friendId: alice.id, status: "blocked", updatedAt: Date.now() });
      await ctx.db.patch("users", carol.id, { isBanned: true });
    });
    await dave.as.mutation(api.conversations.close, { conversationId: open.conversationId });

    expect(await deliverDue(t)).toEqual({ delivered: 0, cancelled: 3, more: false });
    for (const { whisperId } of [blocked, banned, closed]) {
      const whisper = await whisperDoc(t, whisperId);
      expect(whisper!.status).toBe("cancelled");
      expect(whisper!.cancelReason).toMatch(/\w/);
    }
    const feed = await alice.as.query(api.sync.pull, { cursor: "" });
    const change = feed.changes.find((c) => c.id === blocked.whisperId);
    expect(change!.doc).toMatchObject({ status: "cancelled", cancelReason: "You can't reach this person any more." });
    expect(JSON.stringify(await bob.as.query(api.sync.pull, { cursor: "" }))).not.toContain(blocked.whisperId);
  });

  test("delivers in bounded batches and continues on its own", async () => {
    const { t, alice, bob } = await setup();
    await t.run(async (ctx) => {
      for (let i = 0; i < 55; i++) {
        await ctx.db.insert("whispers", {
          senderId: alice.id,
          recipientId: bob.id,
          content: `whisper ${i}`,
          reactions: [],
          clientId: `batch-client-${i}`,
          status: "scheduled",
          scheduledFor: Date.now() - 1000 + i,
          isMystery: undefined,
          updatedAt: Date.now(),
        });
      }
    });
    expect(await t.mutation(internal.whispers.processScheduledWhispers, {})).toEqual({
      delivered: 50,
      cancelled: 0,
      more: true,
    });
    await settle(t);
    const all = await t.run((ctx) => ctx.db.query("whispers").collect());
    expect(all.filter((w) => w.status === "delivered")).toHaveLength(55);
    expect(new Set(all.map((w) => w.conversationId)).size).toBe(1);
    const [conversation] = await bob.as.query(api.conversations.list, {});
    expect(conversation.unreadCount).toBe(55);
  });
});

describe("cancelScheduledWhisper", () => {
  test("the sender cancels; it is never delivered and its image is deleted", async () => {
    const { t, alice, bob } = await setup();
    const image = await upload(t, alice, "image");
    const { whisperId } = await alice.as.mutation(api.whispers.scheduleWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "",
      imageStorageId: image,
      scheduledFor: Date.now() + MINUTE,
    });
    expect(await codeOf(bob.as.mutation(api.whispers.cancelScheduledWhisper, { whisperId }))).toBe("NOT_FOUND");
    await alice.as.mutation(api.whispers.cancelScheduledWhisper, { whisperId });
    await alice.as.mutation(api.whispers.cancelScheduledWhisper, { whisperId });
    const whisper = await whisperDoc(t, whisperId);
    expect(whisper).toMatchObject({ status: "cancelled" });
    expect(whisper!.imageStorageId).toBeUndefined();
    expect(await t.run((ctx) => ctx.db.system.get("_storage", image))).toBeNull();
    expect(await deliverDue(t)).toMatchObject({ delivered: 0, cancelled: 0 });
    expect(await bob.as.query(api.conversations.list, {})).toEqual([]);
  });

  test("a delivered whisper cannot be cancelled", async () => {
    const { alice, bob } = await setup();
    const { whisperId } = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "now",
    });
    expect(await codeOf(alice.as.mutation(api.whispers.cancelScheduledWhisper, { whisperId }))).toBe("CONFLICT");
  });
});

describe("crons", () => {
  test("deliver scheduled whispers every minute and sweep unclaimed uploads hourly", () => {
    expect(crons.crons["deliver scheduled whispers"]).toMatchObject({
      name: "whispers:processScheduledWhispers",
      schedule: { type: "interval", minutes: 1 },
    });
    expect(crons.crons["delete unclaimed uploads"]).toMatchObject({
      name: "files:sweepOrphanFiles",
      schedule: { type: "interval", hours: 1 },
    });
  });
});
