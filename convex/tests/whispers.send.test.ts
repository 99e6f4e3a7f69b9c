// Sending whispers: delivery effects, exactly-once clientId, content limits, reachability, blocks,
// closed conversations, flags and rate limits.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { readCounter } from "../lib/counters";
import { dayKey } from "../lib/time";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";

const newId = () => crypto.randomUUID();

async function pair(t: TestConvex): Promise<[Person, Person]> {
  return [await person(t, "alice"), await person(t, "bob")];
}

const send = (from: Person, to: Person, content = "hello") =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content });

const participant = (t: TestConvex, conversationId: Id<"conversations">, userId: Id<"users">) =>
  t.run((ctx) =>
    ctx.db
      .query("conversationParticipants")
      .withIndex("by_conversation_user", (q) => q.eq("conversationId", conversationId).eq("userId", userId))
      .unique(),
  );

const disable = (t: TestConvex, name: string) =>
  t.run((ctx) => ctx.db.insert("featureFlags", { name, enabled: false, updatedAt: Date.now() }));

const block = (t: TestConvex, from: Person, to: Person) =>
  t.run((ctx) =>
    ctx.db.insert("friends", { userId: from.id, friendId: to.id, status: "blocked", updatedAt: Date.now() }),
  );

describe("sendWhisper", () => {
  test("delivers: conversation, unread count, counters, both feeds and a push job", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const { whisperId, conversationId } = await send(alice, bob, "  hi bob  ");

    const whisper = await t.run((ctx) => ctx.db.get("whispers", whisperId));
    expect(whisper).toMatchObject({ content: "hi bob", status: "delivered", senderId: alice.id, conversationId });
    expect(whisper!.deliveredAt).toBeTypeOf("number");
    const conversation = await t.run((ctx) => ctx.db.get("conversations", conversationId));
    expect(conversation).toMatchObject({ status: "initiated", initiatorId: alice.id });
    expect(conversation!.lastWhisperAt).toBe(whisper!.deliveredAt);
    expect((await participant(t, conversationId, bob.id))!.unreadCount).toBe(1);
    expect((await participant(t, conversationId, alice.id))!.unreadCount).toBe(0);

    const counters = await t.run(async (ctx) => ({
      total: await readCounter(ctx, "whispers"),
      today: await readCounter(ctx, `whispers:${dayKey(Date.now())}`),
    }));
    expect(counters).toEqual({ total: 1, today: 1 });

    const feeds = await t.run((ctx) => ctx.db.query("syncChanges").collect());
    for (const user of [alice, bob]) {
      const docs = feeds.filter((row) => row.userId === user.id).map((row) => row.docId);
      expect(docs).toEqual(expect.arrayContaining([whisperId, conversationId]));
    }
    const jobs = await t.run((ctx) => ctx.db.system.query("_scheduled_functions").collect());
    expect(jobs.filter((job) => job.name === "pushNode:sendWhisperNotification")).toHaveLength(1);
    expect(jobs[0].args[0]).toEqual({ whisperId });

    const page = await bob.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    expect(page.page).toHaveLength(1);
    expect(page.page[0]).toMatchObject({ content: "hi bob", fromViewer: false, senderId: alice.id });
    expect(page.page[0].clientId).toBeUndefined();
  });

  test("a repeated clientId returns the first result and writes nothing; with other content it is refused", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const clientId = newId();
    const first = await alice.as.mutation(api.whispers.sendWhisper, { clientId, recipientId: bob.id, content: "once" });
    const again = await alice.as.mutation(api.whispers.sendWhisper, { clientId, recipientId: bob.id, content: "once" });
    expect(again).toEqual(first);
    const reused = alice.as.mutation(api.whispers.sendWhisper, { clientId, recipientId: bob.id, content: "twice" });
    expect(await codeOf(reused)).toBe("CLIENT_ID_REUSED");

    const rows = await t.run((ctx) => ctx.db.query("whispers").collect());
    expect(rows.map((row) => row.content)).toEqual(["once"]);
    expect(await t.run((ctx) => readCounter(ctx, "whispers"))).toBe(1);
    expect((await participant(t, first.conversationId, bob.id))!.unreadCount).toBe(1);
    // The same clientId from someone else is a different whisper.
    const other = await bob.as.mutation(api.whispers.sendWhisper, { clientId, recipientId: alice.id, content: "mine" });
    expect(other.whisperId).not.toBe(first.whisperId);
  });

  test("refuses malformed clientIds", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const call = alice.as.mutation(api.whispers.sendWhisper, { clientId: "x", recipientId: bob.id, content: "hi" });
    expect(await codeOf(call)).toBe("INVALID");
  });

  test("content: not empty, at most 2,000 characters", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    await expect(send(alice, bob, "")).rejects.toThrow(/cannot be empty/);
    await expect(send(alice, bob, "   ")).rejects.toThrow(/cannot be empty/);
    await expect(send(alice, bob, "x".repeat(2001))).rejects.toThrow(/at most 2000/);
    expect(await codeOf(send(alice, bob, "x".repeat(2000)))).toBe("OK");
  });

  test("exactly one of recipientId and conversationId; not oneself", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const { conversationId } = await send(alice, bob);
    const both = alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      conversationId,
      content: "hi",
    });
    expect(await codeOf(both)).toBe("INVALID");
    const neither = alice.as.mutation(api.whispers.sendWhisper, { clientId: newId(), content: "hi" });
    expect(await codeOf(neither)).toBe("INVALID");
    await expect(send(alice, alice)).rejects.toThrow(/yourself/);
  });

  test("by conversationId: participants only; the invitee's reply makes it active", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const carol = await person(t, "carol");
    const { conversationId } = await send(alice, bob);
    await send(alice, bob, "again");
    expect((await t.run((ctx) => ctx.db.get("conversations", conversationId)))!.status).toBe("initiated");

    const intruder = carol.as.mutation(api.whispers.sendWhisper, { clientId: newId(), conversationId, content: "hey" });
    expect(await codeOf(intruder)).toBe("NOT_FOUND");

    const reply = await bob.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      conversationId,
      content: "hey",
    });
    expect(reply.conversationId).toBe(conversationId);
    expect((await t.run((ctx) => ctx.db.get("conversations", conversationId)))!.status).toBe("active");
    expect((await participant(t, conversationId, alice.id))!.unreadCount).toBe(1);
    expect((await participant(t, conversationId, bob.id))!.unreadCount).toBe(2);
  });

  test("a new whisper unarchives the conversation for its recipient only", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const { conversationId } = await send(alice, bob);
    await alice.as.mutation(api.conversations.setArchived, { conversationId, archived: true });
    await bob.as.mutation(api.conversations.setArchived, { conversationId, archived: true });
    await send(alice, bob, "wake up");
    expect((await participant(t, conversationId, bob.id))!.isArchived).toBe(false);
    expect((await participant(t, conversationId, alice.id))!.isArchived).toBe(true);
  });

  test("unreachable people: missing, banned, erased", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const mallory = await person(t, "mallory", { banned: true });
    expect(await codeOf(send(alice, mallory))).toBe("NOT_FOUND");
    await t.run((ctx) => ctx.db.patch("users", bob.id, { isDeleted: true }));
    expect(await codeOf(send(alice, bob))).toBe("NOT_FOUND");
  });

  test("a block stops whispers in both directions, by recipient and by conversation", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const { conversationId } = await send(alice, bob);
    await block(t, bob, alice);
    expect(await codeOf(send(alice, bob))).toBe("BLOCKED");
    expect(await codeOf(send(bob, alice))).toBe("BLOCKED");
    const inConversation = bob.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      conversationId,
      content: "x",
    });
    expect(await codeOf(inConversation)).toBe("BLOCKED");
  });

  test("a closed conversation refuses whispers until reopened", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const { conversationId } = await send(alice, bob);
    await bob.as.mutation(api.conversations.close, { conversationId });
    await expect(send(alice, bob)).rejects.toThrow(/closed.*Reopen/);
    expect(await codeOf(send(alice, bob))).toBe("CONFLICT");
    await alice.as.mutation(api.conversations.reopen, { conversationId });
    expect(await codeOf(send(alice, bob))).toBe("OK");
  });

  test("signed out, banned and erased senders are refused", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    const anonymous = t.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: bob.id, content: "hi" });
    expect(await codeOf(anonymous)).toBe("UNAUTHENTICATED");
    await t.run((ctx) => ctx.db.patch("users", alice.id, { isBanned: true }));
    expect(await codeOf(send(alice, bob))).toBe("BANNED");
    await t.run((ctx) => ctx.db.patch("users", alice.id, { isBanned: false, isDeleted: true }));
    expect(await codeOf(send(alice, bob))).toBe("DELETED");
  });

  test("rate limited", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    await t.run((ctx) =>
      ctx.db.insert("rateLimits", { key: `whisper:${alice.id}`, tokens: 0, refilledAt: Date.now() }),
    );
    expect(await codeOf(send(alice, bob))).toBe("RATE_LIMITED");
  });

  test("mystery whispers need MYSTERY_WHISPERS", async () => {
    const t = newTest();
    const [alice, bob] = await pair(t);
    await disable(t, "MYSTERY_WHISPERS");
    const call = alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "guess who",
      isMystery: true,
    });
    expect(await codeOf(call)).toBe("FEATURE_DISABLED");
    expect(await codeOf(send(alice, bob))).toBe("OK");
  });
});
