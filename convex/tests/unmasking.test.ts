// Unmasking: requests between conversation participants, accept/decline, and mystery senders staying hidden.
import { describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { findOrCreateConversation } from "../model/conversations";
import { areUnmasked } from "../model/visibility";
import { projectUser } from "../model/users";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";

const conversationOf = (t: TestConvex, from: Person, to: Person, mystery = false) =>
  t.run(async (ctx) => (await findOrCreateConversation(ctx, from.id, to.id, { mystery }))._id);

/** A delivered whisper from `from` to `to` in `conversationId`, inserted as whispers.ts would. */
const whisper = (t: TestConvex, conversationId: Id<"conversations">, from: Person, to: Person, content: string) =>
  t.run(async (ctx) => {
    const now = Date.now();
    return await ctx.db.insert("whispers", {
      senderId: from.id,
      recipientId: to.id,
      content,
      conversationId,
      isMystery: true,
      reactions: [],
      clientId: `w-${Math.random().toString(36).slice(2, 12)}`,
      status: "delivered",
      deliveredAt: now,
      updatedAt: now,
    });
  });

const request = (who: Person, conversationId: Id<"conversations">) =>
  who.as.mutation(api.unmasking.request, { conversationId });
const accept = (who: Person, requestId: Id<"unmaskingRequests">) => who.as.mutation(api.unmasking.accept, { requestId });
const decline = (who: Person, requestId: Id<"unmaskingRequests">) =>
  who.as.mutation(api.unmasking.decline, { requestId });
const unmasked = (t: TestConvex, a: Person, b: Person) => t.run((ctx) => areUnmasked(ctx, a.id, b.id));

/** What `who` sees of `other` through the users projector of the sync feed. */
const profileSeenBy = (t: TestConvex, who: Person, other: Person) =>
  t.run(async (ctx) => {
    const [viewer, user] = [(await ctx.db.get("users", who.id))!, (await ctx.db.get("users", other.id))!];
    return await projectUser(ctx, viewer, user);
  });

/** `who`'s whole sync feed, pulled through the public API as a client does. */
async function pullAll(who: Person) {
  const changes: { table: string; id: string; doc: unknown }[] = [];
  for (let cursor = ""; ;) {
    const page = await who.as.query(api.sync.pull, { cursor });
    changes.push(...page.changes);
    cursor = page.cursor;
    if (!page.hasMore) return changes;
  }
}

describe("request", () => {
  test("only participants ask; the other participant is the target; one pending request per conversation", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    const conversationId = await conversationOf(t, ann, ben);
    expect(await codeOf(request(cat, conversationId))).toBe("NOT_FOUND");
    const { requestId } = await request(ann, conversationId);
    const row = await t.run((ctx) => ctx.db.get("unmaskingRequests", requestId));
    expect(row).toMatchObject({ requesterId: ann.id, targetId: ben.id, status: "pending", conversationId });
    expect(await codeOf(request(ann, conversationId))).toBe("CONFLICT");
    expect(await codeOf(request(ben, conversationId))).toBe("CONFLICT");
    const [annView] = await ann.as.query(api.unmasking.forConversation, { conversationId });
    expect(annView).toMatchObject({ _id: requestId, requesterIsYou: true, targetIsYou: false, status: "pending" });
    expect(annView).toMatchObject({ requesterId: ann.id, targetId: ben.id });
    const [benView] = await ben.as.query(api.unmasking.forConversation, { conversationId });
    expect(benView).toMatchObject({ requesterIsYou: false, targetIsYou: true });
    expect(await codeOf(cat.as.query(api.unmasking.forConversation, { conversationId }))).toBe("NOT_FOUND");
    for (const who of [ann, ben]) {
      expect((await pullAll(who)).some((c) => c.id === requestId)).toBe(true);
    }
  });

  test("refuses blocked pairs, the signed out and a disabled feature", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const conversationId = await conversationOf(t, ann, ben);
    expect(await codeOf(t.mutation(api.unmasking.request, { conversationId }))).toBe("UNAUTHENTICATED");
    const { requestId } = await request(ann, conversationId);
    await t.run((ctx) => ctx.db.insert("featureFlags", { name: "UNMASKING", enabled: false, updatedAt: 0 }));
    expect(await codeOf(request(ben, conversationId))).toBe("FEATURE_DISABLED");
    expect(await codeOf(accept(ben, requestId))).toBe("FEATURE_DISABLED");
    expect(await codeOf(decline(ben, requestId))).toBe("FEATURE_DISABLED");
    await t.run(async (ctx) => {
      for (const flag of await ctx.db.query("featureFlags").collect()) await ctx.db.delete("featureFlags", flag._id);
      await ctx.db.insert("friends", { userId: ben.id, friendId: ann.id, status: "blocked", updatedAt: 0 });
    });
    expect(await codeOf(accept(ben, requestId))).toBe("BLOCKED");
    await decline(ben, requestId);
    expect(await codeOf(request(ann, conversationId))).toBe("BLOCKED");
  });
});

test("an erased or banned counterpart cannot be asked", async () => {
  const t = newTest();
  const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
  const withBen = await conversationOf(t, ann, ben);
  const withCat = await conversationOf(t, ann, cat);
  await t.run(async (ctx) => {
    await ctx.db.patch("users", ben.id, { isDeleted: true });
    await ctx.db.patch("users", cat.id, { isBanned: true });
  });
  expect(await codeOf(request(ann, withBen))).toBe("NOT_FOUND");
  expect(await codeOf(request(ann, withCat))).toBe("NOT_FOUND");
});

describe("accept and decline", () => {
  test("the target accepts: names are revealed both ways and the conversation is unmasked", async () => {
    const t = newTest();
    const ann = await person(t, "ann", { firstName: "Annabel", lastName: "Lee" });
    const ben = await person(t, "ben", { firstName: "Benedict", lastName: "Moss" });
    const cat = await person(t, "cat");
    const conversationId = await conversationOf(t, ann, ben);
    expect(await profileSeenBy(t, ann, ben)).not.toHaveProperty("firstName");
    const { requestId } = await request(ann, conversationId);
    expect(await codeOf(accept(ann, requestId))).toBe("FORBIDDEN");
    expect(await codeOf(accept(cat, requestId))).toBe("NOT_FOUND");
    expect(await unmasked(t, ann, ben)).toBe(false);
    await accept(ben, requestId);
    await accept(ben, requestId); // idempotent
    expect(await unmasked(t, ann, ben)).toBe(true);
    expect(await unmasked(t, ben, ann)).toBe(true);
    expect(await unmasked(t, ann, cat)).toBe(false);
    const row = await t.run((ctx) => ctx.db.get("unmaskingRequests", requestId));
    expect(row).toMatchObject({ status: "accepted" });
    expect(row!.respondedAt).toBeGreaterThan(0);
    expect(await t.run((ctx) => ctx.db.get("conversations", conversationId))).toMatchObject({ unmasked: true });
    expect(await profileSeenBy(t, ann, ben)).toMatchObject({ firstName: "Benedict", lastName: "Moss" });
    expect(await profileSeenBy(t, ben, ann)).toMatchObject({ firstName: "Annabel", lastName: "Lee" });
    const annFeed = await pullAll(ann);
    expect(annFeed.find((c) => c.id === ben.id)?.doc).toMatchObject({ firstName: "Benedict" });
    expect(annFeed.find((c) => c.id === requestId)?.doc).toMatchObject({ status: "accepted", requesterIsYou: true });
    expect(annFeed.some((c) => c.id === conversationId)).toBe(true);
    expect(await codeOf(decline(ben, requestId))).toBe("CONFLICT");
    expect(await codeOf(request(ann, conversationId))).toBe("CONFLICT");
  });

  test("the target declines; the requester may ask again", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const conversationId = await conversationOf(t, ann, ben);
    const { requestId } = await request(ann, conversationId);
    expect(await codeOf(decline(ann, requestId))).toBe("FORBIDDEN");
    await decline(ben, requestId);
    await decline(ben, requestId); // idempotent
    expect(await codeOf(accept(ben, requestId))).toBe("CONFLICT");
    expect(await unmasked(t, ann, ben)).toBe(false);
    expect(await profileSeenBy(t, ann, ben)).not.toHaveProperty("firstName");
    await expect(request(ann, conversationId)).rejects.toThrow(/ask again in 24 hours/);
    // The target may ask the other way round at once.
    expect(await codeOf(request(ben, conversationId))).toBe("OK");
    const benAsked = (await ben.as.query(api.unmasking.forConversation, { conversationId }))[0];
    await decline(ann, benAsked._id);
    // A day later the requester may ask again.
    await t.run((ctx) => ctx.db.patch("unmaskingRequests", requestId, { respondedAt: Date.now() - 24 * 3_600_000 - 1 }));
    const again = await request(ann, conversationId);
    expect(again.requestId).not.toBe(requestId);
    const views = await ann.as.query(api.unmasking.forConversation, { conversationId });
    expect(views.map((v) => v.status)).toEqual(["pending", "declined", "declined"]);
  });
});

describe("mystery conversations", () => {
  test("the recipient asks without ever learning the hidden sender's id until the sender accepts", async () => {
    const t = newTest();
    const sender = await person(t, "sender", { firstName: "Secret", lastName: "Admirer" });
    const recipient = await person(t, "recipient");
    const conversationId = await conversationOf(t, sender, recipient, true);
    const w1 = await whisper(t, conversationId, sender, recipient, "guess who");
    const w2 = await whisper(t, conversationId, sender, recipient, "still me");
    const asked = await request(recipient, conversationId);
    expect(JSON.stringify(asked)).not.toContain(sender.id);
    const views = await recipient.as.query(api.unmasking.forConversation, { conversationId });
    expect(views[0]).toMatchObject({ requesterIsYou: true, targetIsYou: false, status: "pending" });
    expect(JSON.stringify(views)).not.toContain(sender.id);
    expect(JSON.stringify(await pullAll(recipient))).not.toContain(sender.id);
    const senderViews = await sender.as.query(api.unmasking.forConversation, { conversationId });
    expect(senderViews[0]).toMatchObject({ targetIsYou: true, requesterId: recipient.id, targetId: sender.id });

    await accept(sender, asked.requestId);
    const after = await recipient.as.query(api.unmasking.forConversation, { conversationId });
    expect(after[0]).toMatchObject({ status: "accepted", requesterId: recipient.id, targetId: sender.id });
    const feed = await pullAll(recipient);
    for (const id of [w1, w2]) expect(feed.find((c) => c.id === id)?.doc).toMatchObject({ senderId: sender.id });
    expect(feed.find((c) => c.id === sender.id)?.doc).toMatchObject({ firstName: "Secret", lastName: "Admirer" });
  });

  test("a long mystery conversation is republished to the recipient page by page", async () => {
    vi.useFakeTimers();
    try {
      const t = newTest();
      const [sender, recipient] = [await person(t, "sender"), await person(t, "recipient")];
      const conversationId = await conversationOf(t, sender, recipient, true);
      const ids: Id<"whispers">[] = [];
      for (let i = 0; i < 450; i++) ids.push(await whisper(t, conversationId, sender, recipient, `w${i}`));
      const { requestId } = await request(recipient, conversationId);
      await t.run(async (ctx) => {
        for (const row of await ctx.db.query("syncChanges").collect()) await ctx.db.delete("syncChanges", row._id);
      });
      await accept(sender, requestId);
      await t.finishAllScheduledFunctions(vi.runAllTimers);
      const published = await t.run(async (ctx) =>
        (await ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", recipient.id)).collect())
          .filter((row) => row.table === "whispers")
          .map((row) => row.docId),
      );
      expect(published.sort()).toEqual([...ids].sort());
    } finally {
      vi.useRealTimers();
    }
  });

  test("the hidden sender may ask, and the recipient sees no id in that request either", async () => {
    const t = newTest();
    const [sender, recipient] = [await person(t, "sender"), await person(t, "recipient")];
    const conversationId = await conversationOf(t, sender, recipient, true);
    const { requestId } = await request(sender, conversationId);
    const [view] = await recipient.as.query(api.unmasking.forConversation, { conversationId });
    expect(view).toMatchObject({ _id: requestId, requesterIsYou: false, targetIsYou: true });
    expect(JSON.stringify(view)).not.toContain(sender.id);
    await decline(recipient, requestId);
    expect((await t.run((ctx) => ctx.db.get("conversations", conversationId)))!.unmasked).toBeUndefined();
  });

  test("an unmasking elsewhere neither unmasks nor betrays a mystery conversation", async () => {
    const t = newTest();
    const [sender, recipient] = [await person(t, "sender"), await person(t, "recipient")];
    const ordinary = await conversationOf(t, sender, recipient);
    const { requestId } = await request(sender, ordinary);
    await accept(recipient, requestId);
    const mystery = await conversationOf(t, sender, recipient, true);
    // The answer is the same as for any stranger: a request can be filed.
    const asked = await request(recipient, mystery);
    expect(JSON.stringify(await recipient.as.query(api.unmasking.forConversation, { conversationId: mystery }))).not.toContain(
      sender.id,
    );
    await accept(sender, asked.requestId);
    expect(await t.run((ctx) => ctx.db.get("conversations", mystery))).toMatchObject({ unmasked: true });
  });
});

describe("masked conversations answer by their own rules (model/visibility.ts)", () => {
  test("a person-level block either way changes no unmasking answer inside one; a conversation block does", async () => {
    const t = newTest();
    const [sender, recipient] = [await person(t, "sender"), await person(t, "recipient")];
    const conversationId = await conversationOf(t, sender, recipient, true);
    await recipient.as.mutation(api.friends.block, { userId: sender.id });
    await sender.as.mutation(api.friends.block, { userId: recipient.id });
    const { requestId } = await request(sender, conversationId);
    // The recipient answers as they would any hidden sender: a refusal here would name the one they blocked.
    expect(await codeOf(decline(recipient, requestId))).toBe("OK");
    const asked = await request(recipient, conversationId);
    await recipient.as.mutation(api.conversations.block, { conversationId });
    expect(await codeOf(accept(sender, asked.requestId))).toBe("BLOCKED");
    await recipient.as.mutation(api.conversations.unblock, { conversationId });
    await accept(sender, asked.requestId);
    // Unmasked, both know who is there: the person-level blocks apply again.
    expect(await codeOf(request(recipient, conversationId))).toBe("CONFLICT");
    expect(
      await codeOf(recipient.as.mutation(api.whispers.sendWhisper, { clientId: "after-unmask-1", conversationId, content: "so it was you" })),
    ).toBe("BLOCKED");
  });
});
