// outbox:push: ops in order in one transaction, per-op outcomes, nested rollback, exactly-once, identity and the allow-list.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { OUTBOX_BATCH_MAX } from "../model/outbox";
import { LIMITS, measure, scaleTest } from "./scale/harness.fixtures";
import { report } from "./scale/report.fixtures";
import { conversation } from "./scale/world.fixtures";
import { codeOf, newTest, person, type Person, type TestConvex } from "./test.setup";

const op = (recipient: Person, content: string, clientId = crypto.randomUUID()) => ({
  udfPath: "whispers:sendWhisper",
  args: { clientId, recipientId: recipient.id, content },
});

const whispersOf = (t: TestConvex, sender: Person) =>
  t.run(async (ctx) =>
    (await ctx.db.query("whispers").collect()).filter((w) => w.senderId === sender.id).map((w) => w.content),
  );

const conversationsOf = (t: TestConvex, user: Person) =>
  t.run(async (ctx) => (await ctx.db.query("conversations").collect()).filter((c) => c.participantIds.includes(user.id)));

describe("outbox:push", () => {
  test("runs the ops in order in one call and answers each like the direct call would", async () => {
    const t = newTest();
    const [alice, bob] = [await person(t, "alice"), await person(t, "bob")];
    const ops = ["one", "two", "three"].map((c) => op(bob, c));
    const results = await alice.as.mutation(api.outbox.push, { ops });
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(await whispersOf(t, alice)).toEqual(["one", "two", "three"]);
    const [first] = results as { ok: true; value: { whisperId: string; conversationId: string } }[];
    const direct = await alice.as.mutation(api.whispers.sendWhisper, ops[0]!.args);
    expect(direct).toEqual(first!.value);
    const unread = await t.run((ctx) =>
      ctx.db
        .query("conversationParticipants")
        .withIndex("by_conversation_user", (q) => q.eq("conversationId", first!.value.conversationId as never).eq("userId", bob.id))
        .unique(),
    );
    expect(unread?.unreadCount).toBe(3);
  });

  test("is exactly-once per clientId when a push is sent again", async () => {
    const t = newTest();
    const [alice, bob] = [await person(t, "alice"), await person(t, "bob")];
    const ops = [op(bob, "a"), op(bob, "b")];
    const first = await alice.as.mutation(api.outbox.push, { ops });
    const again = await alice.as.mutation(api.outbox.push, { ops });
    expect(again).toEqual(first);
    expect(await whispersOf(t, alice)).toEqual(["a", "b"]);
  });

  test("a refused op answers with its error and its own writes are rolled back; the others stay", async () => {
    const t = newTest();
    const [alice, bob, carol] = [await person(t, "alice"), await person(t, "bob"), await person(t, "carol")];
    // To carol the conversation would be created before the content check fails: it must not remain.
    const results = await alice.as.mutation(api.outbox.push, {
      ops: [op(bob, "fine"), op(carol, "x".repeat(5000)), op(bob, "also fine")],
    });
    expect(results[0]!.ok).toBe(true);
    expect(results[1]).toEqual({ ok: false, error: { code: "INVALID", message: expect.stringMatching(/at most/) } });
    expect(results[2]!.ok).toBe(true);
    expect(await whispersOf(t, alice)).toEqual(["fine", "also fine"]);
    expect(await conversationsOf(t, carol)).toHaveLength(0);
    const carolFeed = await carol.as.query(api.sync.pull, { cursor: "" });
    expect(carolFeed.changes.filter((c) => c.table !== "users")).toHaveLength(0);
  });

  test("acts as the signed-in caller: a blocked recipient refuses, the sender is never taken from args", async () => {
    const t = newTest();
    const [alice, bob] = [await person(t, "alice"), await person(t, "bob")];
    await t.run((ctx) => ctx.db.insert("friends", { userId: bob.id, friendId: alice.id, status: "blocked", updatedAt: Date.now() }));
    const forged = { ...op(bob, "hi"), args: { ...op(bob, "hi").args, senderId: bob.id } };
    await expect(alice.as.mutation(api.outbox.push, { ops: [forged] })).rejects.toThrow(/senderId|validator/i);
    const results = await alice.as.mutation(api.outbox.push, { ops: [op(bob, "hi")] });
    expect(results[0]).toMatchObject({ ok: false, error: { code: "BLOCKED" } });
    expect(await codeOf(t.mutation(api.outbox.push, { ops: [op(bob, "anon")] }))).toBe("UNAUTHENTICATED");
    expect(await whispersOf(t, alice)).toEqual([]);
  });

  test("stops at RATE_LIMITED: the ops after it are answered 'not run'", async () => {
    const t = newTest();
    const [alice, bob] = [await person(t, "alice"), await person(t, "bob")];
    const batch = () => Array.from({ length: OUTBOX_BATCH_MAX }, (_, i) => op(bob, `w${i}`));
    await alice.as.mutation(api.outbox.push, { ops: batch() });
    await alice.as.mutation(api.outbox.push, { ops: batch() });
    const third = await alice.as.mutation(api.outbox.push, { ops: batch() });
    // The bucket holds 120 (plus what refilled meanwhile): about 20 more go through, then one is
    // refused and the batch stops there.
    expect(third).toHaveLength(OUTBOX_BATCH_MAX);
    const refused = third.findIndex((r) => !r.ok);
    expect(refused).toBeGreaterThanOrEqual(20);
    expect(third[refused]).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(third.slice(refused + 1)).toEqual(Array(OUTBOX_BATCH_MAX - refused - 1).fill({ ok: false, notRun: true }));
    expect(await whispersOf(t, alice)).toHaveLength(2 * OUTBOX_BATCH_MAX + refused);
  });

  test("measures its transaction: once another op could pass SAFE_SHARE of a limit the rest answer 'not run', and run when sent again", async () => {
    const { t } = await scaleTest();
    const alice = await person(t, "alice");
    // Conversations of 200 whispers unread by Alice (a markRead's most): a markRead of one is about 400 index ranges (a tenth of the limit).
    const unread = [];
    for (let i = 0; i < 4; i++) unread.push(await conversation(t, alice, await person(t, `friend${i}`), { fromA: 0, fromB: 200, unreadByA: true }));
    const mood = { udfPath: "users:setMood", args: { mood: "hopeful", clientId: crypto.randomUUID() } };
    let ops = [...unread.map((c) => ({ udfPath: "whispers:markRead", args: { conversationId: c.id } })), mood];
    const ran: number[] = [];
    const measured = await measure(async () => {
      while (ops.length > 0) {
        const results = await alice.as.mutation(api.outbox.push, { ops });
        const stop = results.findIndex((r) => "notRun" in r);
        const count = stop === -1 ? results.length : stop;
        expect(results.slice(0, count).every((r) => r.ok)).toBe(true);
        expect(results.slice(count)).toEqual(Array(results.length - count).fill({ ok: false, notRun: true }));
        ran.push(count);
        ops = ops.slice(count);
      }
    });
    report("outbox:push of 4 markReads of 200", measured);
    // Four markReads do not fit one push (as many as fit 30% of a limit with room for one more as large), but more than one op fits.
    expect(ran.length).toBeGreaterThan(1);
    expect(Math.max(...ran)).toBeGreaterThan(1);
    expect(ran.reduce((a, b) => a + b)).toBe(5);
    expect(measured.runs.every((run) => run.figures.databaseQueries <= 0.5 * LIMITS.databaseQueries)).toBe(true);
    const left = await t.run(async (ctx) => (await ctx.db.query("whispers").collect()).filter((w) => w.recipientId === alice.id && w.readAt === undefined));
    expect(left).toEqual([]);
    // Sent again (its answer lost), the mood entry is not added twice.
    await alice.as.mutation(api.outbox.push, { ops: [mood] });
    expect((await alice.as.query(api.users.me, {}))?.moodJournal?.filter((e) => e.mood === "hopeful")).toHaveLength(1);
  });

  test("refuses functions outside the allow-list, oversized and empty batches, writing nothing", async () => {
    const t = newTest();
    const [alice, bob] = [await person(t, "alice"), await person(t, "bob")];
    for (const udfPath of ["users:softDeleteUser", "admin:banUser", "whispers:processScheduledWhispers", "outbox:push"]) {
      expect(await codeOf(alice.as.mutation(api.outbox.push, { ops: [op(bob, "ok"), { udfPath, args: {} }] }))).toBe("INVALID");
    }
    const tooMany = Array.from({ length: OUTBOX_BATCH_MAX + 1 }, (_, i) => op(bob, `w${i}`));
    expect(await codeOf(alice.as.mutation(api.outbox.push, { ops: tooMany }))).toBe("INVALID");
    expect(await codeOf(alice.as.mutation(api.outbox.push, { ops: [] }))).toBe("INVALID");
    expect(await whispersOf(t, alice)).toEqual([]);
  });

  test("any other error aborts the whole push: the earlier ops' writes are rolled back too", async () => {
    const t = newTest();
    const [alice, bob] = [await person(t, "alice"), await person(t, "bob")];
    const bad = { udfPath: "whispers:sendWhisper", args: { clientId: crypto.randomUUID(), recipientId: bob.id, content: 42 } };
    await expect(alice.as.mutation(api.outbox.push, { ops: [op(bob, "first"), bad] })).rejects.toThrow(/validator|content/i);
    expect(await whispersOf(t, alice)).toEqual([]);
  });
});
