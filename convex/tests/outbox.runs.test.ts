// outbox:push's shared path for consecutive text whispers: the same outcome as the direct calls, with one announcement per conversation.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { readCounter } from "../lib/counters";
import { newTest, person, type Person, type TestConvex } from "./test.setup";
import { upload } from "./uploads.fixtures";

type Op = { udfPath: string; args: Record<string, unknown> };
const text = (to: Person, content: string): Op => ({
  udfPath: "whispers:sendWhisper",
  args: { clientId: `client-${content.slice(0, 20)}`, recipientId: to.id, content },
});

/** Alice, Bob and Carol, and a queue as an offline phone builds it: runs to two people, a refusal, an image and a reaction in between. */
async function world() {
  const t = newTest();
  const [alice, bob, carol] = [await person(t, "alice"), await person(t, "bob"), await person(t, "carol")];
  const image = await upload(t, alice, "image");
  const ops: Op[] = [
    text(bob, "b1"),
    text(bob, "b2"),
    text(carol, "c1"),
    text(carol, "x".repeat(5000)),
    { udfPath: "whispers:sendWhisper", args: { clientId: "client-img", recipientId: bob.id, content: "", imageStorageId: image } },
    text(bob, "b3"),
    text(carol, "c2"),
  ];
  return { t, alice, bob, carol, ops };
}

/** What every reader of the state sees, without ids or times. */
async function stateOf(t: TestConvex, people: Person[]) {
  return await t.run(async (ctx) => {
    const names = new Map<string, string>(people.map((p) => [p.id, p.username]));
    const whispers = await ctx.db.query("whispers").collect();
    const contentOf = new Map<string, string>(whispers.map((w) => [w._id, w.content || "(image)"]));
    const conversations = await ctx.db.query("conversations").collect();
    const nameOfConversation = (id: Id<"conversations">) => {
      const c = conversations.find((x) => x._id === id)!;
      return c.participantIds.map((p) => names.get(p)).join("+");
    };
    const participants = await ctx.db.query("conversationParticipants").collect();
    const feeds: Record<string, string[]> = {};
    for (const p of people) {
      const changes = await ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", p.id)).collect();
      // Per conversation, the order its whispers reached the feed.
      for (const c of changes.filter((c) => c.table === "whispers")) {
        const w = whispers.find((x) => x._id === c.docId)!;
        (feeds[`${p.username} ${nameOfConversation(w.conversationId!)}`] ??= []).push(contentOf.get(w._id)!);
      }
      feeds[`${p.username} tables`] = [...new Set(changes.map((c) => `${c.table}:${c.docId}`))].map((k) => k.split(":")[0]!).sort();
    }
    return {
      whispers: whispers.map((w) => `${names.get(w.senderId)}→${names.get(w.recipientId)} ${contentOf.get(w._id)} ${w.status}`).sort(),
      conversations: conversations.map((c) => `${nameOfConversation(c._id)} ${c.status} ${c.lastWhisperAt !== undefined}`).sort(),
      unread: participants.map((p) => `${names.get(p.userId)} in ${nameOfConversation(p.conversationId)}: ${p.unreadCount}`).sort(),
      whisperCount: await readCounter(ctx, "whispers"),
      feeds,
    };
  });
}

const notificationsScheduled = (t: TestConvex) =>
  t.run(async (ctx) => (await ctx.db.system.query("_scheduled_functions").collect()).filter((f) => f.name.includes("sendWhisperNotification")).length);

describe("outbox:push, runs of text whispers", () => {
  test("leave the same state as the same calls made one by one, and notify once per conversation", async () => {
    const direct = await world();
    for (const op of direct.ops) {
      await direct.alice.as.mutation(api.whispers.sendWhisper, op.args as never).catch(() => null);
    }
    const pushed = await world();
    const results = await pushed.alice.as.mutation(api.outbox.push, { ops: pushed.ops });
    expect(results.map((r) => (r.ok ? "ok" : "error" in r ? r.error.code : "not run"))).toEqual(["ok", "ok", "ok", "INVALID", "ok", "ok", "ok"]);

    const people = (w: Awaited<ReturnType<typeof world>>) => [w.alice, w.bob, w.carol];
    const expected = await stateOf(direct.t, people(direct));
    expect(await stateOf(pushed.t, people(pushed))).toEqual(expected);
    expect(expected.feeds["bob alice+bob"]).toEqual(["b1", "b2", "(image)", "b3"]);
    expect(expected.unread).toContain("bob in alice+bob: 4");
    expect(expected.whisperCount).toBe(6);

    expect(await notificationsScheduled(direct.t)).toBe(6);
    // b1 b2 c1 | image (its own call) | b3 c2: one per conversation of each run, one for the image.
    expect(await notificationsScheduled(pushed.t)).toBe(5);
  });

  test("a repeated clientId inside one push answers the first result and writes once", async () => {
    const { t, alice, bob } = await world();
    const once = text(bob, "same");
    const results = await alice.as.mutation(api.outbox.push, { ops: [once, text(bob, "other"), once] });
    expect(results[2]).toEqual(results[0]);
    const contents = await t.run(async (ctx) => (await ctx.db.query("whispers").collect()).map((w) => w.content));
    expect(contents).toEqual(["same", "other"]);
  });

  test("a refused run op takes no rate-limit token, a send to a blocked person refuses only that op", async () => {
    const { t, alice, bob, carol } = await world();
    await t.run((ctx) => ctx.db.insert("friends", { userId: carol.id, friendId: alice.id, status: "blocked", updatedAt: Date.now() }));
    const results = await alice.as.mutation(api.outbox.push, { ops: [text(bob, "b1"), text(carol, "c1"), text(bob, "b2")] });
    expect(results.map((r) => (r.ok ? "ok" : "error" in r ? r.error.code : "not run"))).toEqual(["ok", "BLOCKED", "ok"]);
    const bucket = await t.run(async (ctx) => (await ctx.db.query("rateLimits").collect()).find((r) => r.key.startsWith("whisper:")));
    expect(bucket!.tokens).toBeCloseTo(118, 0);
  });
});
