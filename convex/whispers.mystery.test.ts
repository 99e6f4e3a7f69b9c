// Mystery whispers: the recipient never receives the hidden sender's id or profile in any payload until unmasked.
import { describe, expect, test } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
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
    await viewer.as.query(api.sync.pull, { cursor: 0, limit: 500 }),
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
