// Mystery whispers: the recipient never receives the hidden sender's id or profile in any payload until unmasked.
import { describe, expect, test } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";

const newId = () => crypto.randomUUID();

const mystery = (from: Person, to: Person, content: string) =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content, isMystery: true });

/** Everything the viewer can read about a conversation, as one JSON string. */
async function everythingSeenBy(viewer: Person, conversationId: Id<"conversations">, whisperId: Id<"whispers">) {
  const payloads = [
    await viewer.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 50, cursor: null },
    }),
    await viewer.as.query(api.conversations.list, {}),
    await viewer.as.query(api.conversations.get, { conversationId }),
    await viewer.as.query(api.whispers.getChain, { whisperId }),
    await viewer.as.query(api.sync.pull, { cursor: "", limit: 500 }),
  ];
  return JSON.stringify(payloads);
}

function expectNoTraceOf(json: string, hidden: Person) {
  expect(json.includes(hidden.id)).toBe(false);
  expect(json.toLowerCase().includes(hidden.username)).toBe(false);
}

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

const unmask = (t: TestConvex, conversationId: Id<"conversations">) =>
  t.run((ctx) => ctx.db.patch("conversations", conversationId, { unmasked: true }));

describe("mystery whispers", () => {
  test("the recipient's payloads carry no trace of the sender, even after replies and reactions", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId, conversationId } = await mystery(alice, bob, "guess who");
    const answer = await bob.as.mutation(api.whispers.replyToWhisper, {
      clientId: newId(),
      parentId: whisperId,
      content: "who are you?",
    });
    await alice.as.mutation(api.whispers.sendWhisper, { clientId: newId(), conversationId, content: "a friend" });
    await alice.as.mutation(api.whispers.toggleReaction, { whisperId: answer.whisperId, emoji: "😉" });
    await bob.as.mutation(api.whispers.toggleReaction, { whisperId, emoji: "🤔" });
    await alice.as.mutation(api.whispers.markRead, { conversationId });
    await alice.as.mutation(api.conversations.setPinned, { conversationId, pinned: true });

    expectNoTraceOf(await everythingSeenBy(bob, conversationId, answer.whisperId), alice);

    const [seen] = await bob.as.query(api.conversations.list, {});
    expect(seen).toMatchObject({ isMystery: true, hiddenFromViewer: true, counterpart: { displayName: "Someone" } });
    expect(seen.counterpartId).toBeUndefined();
    const chain = await bob.as.query(api.whispers.getChain, { whisperId });
    expect(chain.map((w) => [w.content, w.fromViewer, w.senderId])).toEqual([
      ["guess who", false, undefined],
      ["who are you?", true, undefined],
    ]);
    const reaction = chain[1].reactions[0];
    expect(reaction).toMatchObject({ emoji: "😉", fromViewer: false });
    expect(reaction.userId).toBeUndefined();
    // Sending into the mystery conversation keeps the sender hidden without asking again.
    const whispers = await t.run((ctx) => ctx.db.query("whispers").collect());
    expect(whispers.filter((w) => w.senderId === alice.id).every((w) => w.isMystery)).toBe(true);
  });

  test("the hidden sender sees everything of their own conversation", async () => {
    const { alice, bob } = await setup();
    const { conversationId, whisperId } = await mystery(alice, bob, "guess who");
    const [mine] = await alice.as.query(api.conversations.list, {});
    expect(mine).toMatchObject({ counterpartId: bob.id, viewerIsHidden: true, hiddenFromViewer: false });
    const page = await alice.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 5, cursor: null },
    });
    expect(page.page[0]).toMatchObject({ _id: whisperId, senderId: alice.id, recipientId: bob.id, fromViewer: true });
  });

  test("a scheduled mystery whisper stays mystery when delivered", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await alice.as.mutation(api.whispers.scheduleWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "at midnight",
      scheduledFor: Date.now() + 60_000,
      isMystery: true,
    });
    await t.run((ctx) => ctx.db.patch("whispers", whisperId, { scheduledFor: Date.now() - 1 }));
    await t.mutation(internal.whispers.processScheduledWhispers, {});
    const [conversation] = await bob.as.query(api.conversations.list, {});
    expect(conversation.hiddenFromViewer).toBe(true);
    expectNoTraceOf(await everythingSeenBy(bob, conversation._id, whisperId), alice);
  });

  test("a mystery conversation is separate from the pair's ordinary one", async () => {
    const { alice, bob } = await setup();
    const plain = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "hi",
    });
    const hidden = await mystery(alice, bob, "psst");
    expect(hidden.conversationId).not.toBe(plain.conversationId);
    expect(await bob.as.query(api.conversations.list, {})).toHaveLength(2);
    const asMystery = alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      conversationId: plain.conversationId,
      content: "x",
      isMystery: true,
    });
    expect(await codeOf(asMystery)).toBe("INVALID");
  });

  test("after an accepted unmasking the sender is known", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId, conversationId } = await mystery(alice, bob, "guess who");
    await unmask(t, conversationId);
    const [seen] = await bob.as.query(api.whispers.getChain, { whisperId });
    expect(seen.senderId).toBe(alice.id);
    const conversation = await bob.as.query(api.conversations.get, { conversationId });
    expect(conversation).toMatchObject({ counterpartId: alice.id, hiddenFromViewer: false, unmasked: true });
    expect(conversation.counterpart).toMatchObject({ username: "alice" });
  });
});

describe("blocking and a hidden sender (model/visibility.ts)", () => {
  const say = (who: Person, conversationId: Id<"conversations">, content = "hi") =>
    who.as.mutation(api.whispers.sendWhisper, { clientId: newId(), conversationId, content });
  const errorOf = async (call: Promise<unknown>) => {
    try {
      await call;
      return "OK";
    } catch (error) {
      return JSON.stringify((error as { data?: unknown }).data);
    }
  };

  test("a person-level block never reaches into a masked conversation: the same answers whoever is blocked", async () => {
    const { t, alice, bob } = await setup();
    const carol = await person(t, "carol");
    const { conversationId, whisperId } = await mystery(alice, bob, "guess who");
    const answers = async () => [
      await errorOf(say(bob, conversationId)),
      await errorOf(bob.as.mutation(api.whispers.replyToWhisper, { clientId: newId(), parentId: whisperId, content: "re" })),
      await errorOf(bob.as.mutation(api.whispers.toggleReaction, { whisperId, emoji: "👀" })),
    ];
    const unblocked = await answers();
    await bob.as.mutation(api.friends.block, { userId: carol.id });
    const carolBlocked = await answers();
    await bob.as.mutation(api.friends.unblock, { userId: carol.id });
    await bob.as.mutation(api.friends.block, { userId: alice.id });
    expect(await answers()).toEqual(carolBlocked);
    expect(carolBlocked).toEqual(unblocked);
    expect(unblocked).toEqual(["OK", "OK", "OK"]);
    // The hidden sender's side: bob's block of a person does not stop their masked thread either.
    expect(await codeOf(say(alice, conversationId))).toBe("OK");
    // Nor does a ban of the hidden sender change what the recipient is told.
    await t.run((ctx) => ctx.db.patch("users", alice.id, { isBanned: true }));
    expect(await codeOf(say(bob, conversationId))).toBe("OK");
    expect(await codeOf(bob.as.mutation(api.unmasking.request, { conversationId }))).toBe("OK");
  });

  test("someone the recipient blocked cannot start a mystery conversation with them", async () => {
    const { alice, bob } = await setup();
    await bob.as.mutation(api.friends.block, { userId: alice.id });
    expect(await codeOf(mystery(alice, bob, "it's me"))).toBe("BLOCKED");
    expect(await bob.as.query(api.conversations.list, {})).toEqual([]);
  });

  test("'Block this sender' stops the masked conversation both ways, never naming anyone", async () => {
    const { t, alice, bob } = await setup();
    const { conversationId } = await mystery(alice, bob, "guess who");
    const scheduled = await bob.as.mutation(api.whispers.scheduleWhisper, {
      clientId: newId(), conversationId, content: "later", scheduledFor: Date.now() + 60_000,
    });
    await bob.as.mutation(api.conversations.block, { conversationId });
    await bob.as.mutation(api.conversations.block, { conversationId }); // idempotent
    expect(await bob.as.query(api.conversations.get, { conversationId })).toMatchObject({ blockedByViewer: true });
    expect(await alice.as.query(api.conversations.get, { conversationId })).not.toHaveProperty("blockedByViewer");
    expect((await bob.as.query(api.friends.list, {})).blocked).toEqual([]);
    expect(await errorOf(say(bob, conversationId))).toBe(
      JSON.stringify({ code: "BLOCKED", message: "You blocked this conversation. Unblock it to whisper here again." }),
    );
    expect(await errorOf(bob.as.mutation(api.unmasking.request, { conversationId }))).toContain("BLOCKED");
    // The hidden sender is refused as by any block, also when writing to bob "anew" as a mystery.
    expect(await errorOf(say(alice, conversationId))).toBe(
      JSON.stringify({ code: "BLOCKED", message: "You can't reach this person." }),
    );
    expect(await codeOf(mystery(alice, bob, "again"))).toBe("BLOCKED");
    expect(await codeOf(alice.as.mutation(api.unmasking.request, { conversationId }))).toBe("BLOCKED");
    // bob's scheduled whisper into it is cancelled when due, with the reason for bob only.
    await t.run((ctx) => ctx.db.patch("whispers", scheduled.whisperId, { scheduledFor: Date.now() - 1 }));
    await t.mutation(internal.whispers.processScheduledWhispers, {});
    const cancelled = await t.run((ctx) => ctx.db.get("whispers", scheduled.whisperId));
    expect(cancelled).toMatchObject({ status: "cancelled", cancelReason: "You blocked this conversation. Unblock it to whisper here again." });
    await bob.as.mutation(api.conversations.unblock, { conversationId });
    // Again (an outbox retry after a lost answer): settles, changes nothing.
    expect(await codeOf(bob.as.mutation(api.conversations.unblock, { conversationId }))).toBe("OK");
    expect(await codeOf(say(alice, conversationId))).toBe("OK");
    expect(await codeOf(say(bob, conversationId))).toBe("OK");
  });

  test("an ordinary conversation is not blocked on its own; after an unmasking person-level blocks apply", async () => {
    const { t, alice, bob } = await setup();
    const plain = await alice.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: bob.id, content: "hi" });
    expect(await codeOf(bob.as.mutation(api.conversations.block, { conversationId: plain.conversationId }))).toBe("INVALID");
    const { conversationId } = await mystery(alice, bob, "guess who");
    await bob.as.mutation(api.friends.block, { userId: alice.id });
    expect(await codeOf(say(bob, conversationId))).toBe("OK");
    await unmask(t, conversationId);
    expect(await codeOf(say(bob, conversationId))).toBe("BLOCKED");
    expect(await codeOf(say(alice, conversationId))).toBe("BLOCKED");
  });
});
