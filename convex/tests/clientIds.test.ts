// A clientId names one request: a retry gets the first result; other arguments or another kind of operation get CLIENT_ID_REUSED.
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { requestHash } from "../lib/idempotency";
import { codeOf, newTest, person, type TestConvex } from "./test.setup";

const cid = () => crypto.randomUUID();
const HOUR = 60 * 60 * 1000;

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

const count = (t: TestConvex, table: "whispers" | "clientOps" | "chamberMessages" | "echoChambers") =>
  t.run(async (ctx) => (await ctx.db.query(table).collect()).length);

describe("requestHash", () => {
  test("equal for equal arguments whatever their key order or undefined fields; different for another kind or value", async () => {
    const a = await requestHash("whispers:sendWhisper", { clientId: "c1", content: "hi", target: { b: 1, a: [1, "x"] } });
    const b = await requestHash("whispers:sendWhisper", { target: { a: [1, "x"], b: 1 }, content: "hi", isMystery: undefined, clientId: "c2" });
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(await requestHash("whispers:scheduleWhisper", { content: "hi", target: { b: 1, a: [1, "x"] } })).not.toBe(a);
    expect(await requestHash("whispers:sendWhisper", { content: "hi", target: { b: 1, a: ["x", 1] } })).not.toBe(a);
    expect(await requestHash("whispers:sendWhisper", { content: "hi ", target: { b: 1, a: [1, "x"] } })).not.toBe(a);
  });
});

describe("whisper creates", () => {
  test("a retry returns the first result; other content or another recipient is refused with a clear message", async () => {
    const { t, alice, bob } = await setup();
    const carol = await person(t, "carol");
    const args = { clientId: cid(), recipientId: bob.id, content: "hello" };
    const first = await alice.as.mutation(api.whispers.sendWhisper, args);
    expect(await alice.as.mutation(api.whispers.sendWhisper, { ...args })).toEqual(first);
    const refused = await alice.as.mutation(api.whispers.sendWhisper, { ...args, content: "something else" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "CLIENT_ID_REUSED",
      message: expect.stringContaining("already used for a different request"),
    });
    expect(await codeOf(alice.as.mutation(api.whispers.sendWhisper, { ...args, recipientId: carol.id }))).toBe("CLIENT_ID_REUSED");
    expect(await codeOf(alice.as.mutation(api.whispers.sendWhisper, { ...args, isMystery: true }))).toBe("CLIENT_ID_REUSED");
    expect(await count(t, "whispers")).toBe(1);
    // Another person may use the same clientId: ids are per person.
    expect(await codeOf(bob.as.mutation(api.whispers.sendWhisper, { ...args, recipientId: alice.id, content: "hey" }))).toBe("OK");
  });

  test("a scheduled whisper's clientId sent as a plain whisper (or a reply) is refused, not a return-validation crash", async () => {
    const { t, alice, bob } = await setup();
    const clientId = cid();
    const scheduled = { clientId, recipientId: bob.id, content: "later", scheduledFor: Date.now() + HOUR };
    const first = await alice.as.mutation(api.whispers.scheduleWhisper, scheduled);
    expect(first.conversationId).toBeNull();
    expect(await codeOf(alice.as.mutation(api.whispers.sendWhisper, { clientId, recipientId: bob.id, content: "later" }))).toBe(
      "CLIENT_ID_REUSED",
    );
    expect(await alice.as.mutation(api.whispers.scheduleWhisper, scheduled)).toEqual(first);

    const sent = await alice.as.mutation(api.whispers.sendWhisper, { clientId: cid(), recipientId: bob.id, content: "now" });
    const replyId = cid();
    await bob.as.mutation(api.whispers.replyToWhisper, { clientId: replyId, parentId: sent.whisperId, content: "re" });
    expect(await codeOf(bob.as.mutation(api.whispers.sendWhisper, { clientId: replyId, recipientId: alice.id, content: "re" }))).toBe(
      "CLIENT_ID_REUSED",
    );
    expect(await codeOf(alice.as.mutation(api.whispers.replyToWhisper, { clientId, parentId: sent.whisperId, content: "later" }))).toBe(
      "CLIENT_ID_REUSED",
    );
    expect(await count(t, "whispers")).toBe(3);
  });

  test("outbox:push's batched sends hash like the direct call: a retry either way answers the first result", async () => {
    const { t, alice, bob } = await setup();
    const args = { clientId: cid(), recipientId: bob.id, content: "hello" };
    const direct = await alice.as.mutation(api.whispers.sendWhisper, args);
    const results = await alice.as.mutation(api.outbox.push, {
      ops: [
        { udfPath: "whispers:sendWhisper", args },
        { udfPath: "whispers:sendWhisper", args: { ...args, content: "changed" } },
      ],
    });
    expect(results).toEqual([
      { ok: true, value: direct },
      { ok: false, error: { code: "CLIENT_ID_REUSED", message: expect.any(String) } },
    ]);
    expect(await count(t, "whispers")).toBe(1);
  });

  test("a whisper from before request hashes were kept answers any retry as before", async () => {
    const { t, alice, bob } = await setup();
    const args = { clientId: cid(), recipientId: bob.id, content: "hello" };
    const first = await alice.as.mutation(api.whispers.sendWhisper, args);
    await t.run((ctx) => ctx.db.patch("whispers", first.whisperId, { requestHash: undefined }));
    expect(await alice.as.mutation(api.whispers.sendWhisper, { ...args, content: "edited offline" })).toEqual(first);
    expect(await count(t, "whispers")).toBe(1);
  });
});

describe("receipts (operations that create no row of their own)", () => {
  test("a reaction's retry returns the first result; another emoji or whisper is refused", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await alice.as.mutation(api.whispers.sendWhisper, { clientId: cid(), recipientId: bob.id, content: "hi" });
    const other = await alice.as.mutation(api.whispers.sendWhisper, { clientId: cid(), recipientId: bob.id, content: "again" });
    const clientId = cid();
    expect(await bob.as.mutation(api.whispers.toggleReaction, { whisperId, emoji: "👍", clientId })).toEqual({ added: true });
    expect(await bob.as.mutation(api.whispers.toggleReaction, { whisperId, emoji: "👍", clientId })).toEqual({ added: true });
    expect(await codeOf(bob.as.mutation(api.whispers.toggleReaction, { whisperId, emoji: "🔥", clientId }))).toBe("CLIENT_ID_REUSED");
    expect(await codeOf(bob.as.mutation(api.whispers.toggleReaction, { whisperId: other.whisperId, emoji: "👍", clientId }))).toBe(
      "CLIENT_ID_REUSED",
    );
    expect(await count(t, "clientOps")).toBe(1);
  });

  test("a receipt's clientId used for another kind of operation is refused, not answered with the other result", async () => {
    const { alice, bob } = await setup();
    const { whisperId } = await alice.as.mutation(api.whispers.sendWhisper, { clientId: cid(), recipientId: bob.id, content: "hi" });
    const clientId = cid();
    await bob.as.mutation(api.whispers.toggleReaction, { whisperId, emoji: "👍", clientId });
    expect(await codeOf(bob.as.mutation(api.users.setMood, { mood: "happy", clientId }))).toBe("CLIENT_ID_REUSED");
    expect(await codeOf(bob.as.mutation(api.skills.add, { skillName: "Chess", type: "offering", proficiencyLevel: "expert", clientId }))).toBe(
      "CLIENT_ID_REUSED",
    );
    const create = { clientId, name: "Room", topic: "Cats", maxMembers: 5, isPublic: true };
    expect(await codeOf(bob.as.mutation(api.echoChambers.create, create))).toBe("CLIENT_ID_REUSED");
  });

  test("creating a chamber: a retry returns the chamber, another name is refused", async () => {
    const { t, alice } = await setup();
    const create = { clientId: cid(), name: "Room", topic: "Cats", maxMembers: 5, isPublic: true };
    const first = await alice.as.mutation(api.echoChambers.create, create);
    expect(await alice.as.mutation(api.echoChambers.create, create)).toEqual(first);
    expect(await codeOf(alice.as.mutation(api.echoChambers.create, { ...create, name: "Other room" }))).toBe("CLIENT_ID_REUSED");
    expect(await count(t, "echoChambers")).toBe(1);
  });

  test("a receipt from before request hashes were kept answers any retry as before", async () => {
    const { t, alice } = await setup();
    const clientId = cid();
    const entry = await alice.as.mutation(api.users.setMood, { mood: "happy", clientId });
    await t.run(async (ctx) => {
      const receipt = (await ctx.db.query("clientOps").collect())[0]!;
      await ctx.db.patch("clientOps", receipt._id, { requestHash: undefined });
    });
    expect(await alice.as.mutation(api.users.setMood, { mood: "calm", clientId })).toEqual(entry);
  });
});

describe("chamber messages", () => {
  test("a retry returns the first message; other content or another chamber is refused", async () => {
    const { t, alice } = await setup();
    const room = await alice.as.mutation(api.echoChambers.create, { clientId: cid(), name: "Room", topic: "Cats", maxMembers: 5, isPublic: true });
    const hall = await alice.as.mutation(api.echoChambers.create, { clientId: cid(), name: "Hall", topic: "Dogs", maxMembers: 5, isPublic: true });
    const args = { chamberId: room.chamberId, clientId: cid(), content: "hello" };
    const first = await alice.as.mutation(api.echoChambers.post, args);
    expect(await alice.as.mutation(api.echoChambers.post, args)).toEqual(first);
    expect(await codeOf(alice.as.mutation(api.echoChambers.post, { ...args, content: "bye" }))).toBe("CLIENT_ID_REUSED");
    expect(await codeOf(alice.as.mutation(api.echoChambers.post, { ...args, chamberId: hall.chamberId }))).toBe("CLIENT_ID_REUSED");
    expect(await count(t, "chamberMessages")).toBe(1);
    await t.run((ctx) => ctx.db.patch("chamberMessages", first.messageId, { requestHash: undefined }));
    expect(await alice.as.mutation(api.echoChambers.post, { ...args, content: "bye" })).toEqual(first);
  });
});
