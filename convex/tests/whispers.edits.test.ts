// Chains (replyToWhisper, getChain), reactions, read receipts and deletion.
import { describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";
import { upload } from "./uploads.fixtures";

const newId = () => crypto.randomUUID();

const send = (from: Person, to: Person, content = "hello") =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content });

const reply = (from: Person, parentId: Id<"whispers">, content: string) =>
  from.as.mutation(api.whispers.replyToWhisper, { clientId: newId(), parentId, content });

const react = (who: Person, whisperId: Id<"whispers">, emoji: string, clientId?: string) =>
  who.as.mutation(api.whispers.toggleReaction, { whisperId, emoji, clientId });

const whisperDoc = (t: TestConvex, id: Id<"whispers">) => t.run((ctx) => ctx.db.get("whispers", id));

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob"), carol: await person(t, "carol") };
}

describe("replyToWhisper and getChain", () => {
  test("replies carry parent and chain root; the chain comes back in order", async () => {
    const { t, alice, bob } = await setup();
    const root = await send(alice, bob, "root");
    const first = await reply(bob, root.whisperId, "first");
    const second = await reply(alice, first.whisperId, "second");
    expect(first.conversationId).toBe(root.conversationId);
    expect(await whisperDoc(t, first.whisperId)).toMatchObject({
      parentId: root.whisperId,
      chainRootId: root.whisperId,
    });
    expect(await whisperDoc(t, second.whisperId)).toMatchObject({
      parentId: first.whisperId,
      chainRootId: root.whisperId,
      recipientId: bob.id,
    });
    const chain = await bob.as.query(api.whispers.getChain, { whisperId: second.whisperId });
    expect(chain.map((w) => w.content)).toEqual(["root", "first", "second"]);
    expect(chain.map((w) => w.fromViewer)).toEqual([false, true, false]);
    expect(await alice.as.query(api.whispers.getChain, { whisperId: root.whisperId })).toHaveLength(3);
  });

  test("participants only; exactly-once; WHISPER_CHAINS gates it", async () => {
    const { t, alice, bob, carol } = await setup();
    const root = await send(alice, bob, "root");
    expect(await codeOf(reply(carol, root.whisperId, "me too"))).toBe("NOT_FOUND");
    expect(await codeOf(carol.as.query(api.whispers.getChain, { whisperId: root.whisperId }))).toBe("NOT_FOUND");

    const args = { clientId: newId(), parentId: root.whisperId, content: "once" };
    const first = await bob.as.mutation(api.whispers.replyToWhisper, args);
    expect(await bob.as.mutation(api.whispers.replyToWhisper, args)).toEqual(first);
    expect(await t.run((ctx) => ctx.db.query("whispers").collect())).toHaveLength(2);

    await t.run((ctx) => ctx.db.insert("featureFlags", { name: "WHISPER_CHAINS", enabled: false, updatedAt: 0 }));
    expect(await codeOf(reply(bob, root.whisperId, "again"))).toBe("FEATURE_DISABLED");
  });

  test("no replies to a deleted whisper, nor to one still scheduled", async () => {
    const { alice, bob } = await setup();
    const root = await send(alice, bob, "root");
    await alice.as.mutation(api.whispers.deleteWhisper, { whisperId: root.whisperId });
    await expect(reply(bob, root.whisperId, "what?")).rejects.toThrow(/deleted/);
    const later = await alice.as.mutation(api.whispers.scheduleWhisper, {
      clientId: newId(),
      conversationId: root.conversationId,
      content: "later",
      scheduledFor: Date.now() + 60_000,
    });
    expect(await codeOf(reply(bob, later.whisperId, "early"))).toBe("NOT_FOUND");
    expect(await codeOf(reply(alice, later.whisperId, "self"))).toBe("INVALID");
  });
});

describe("toggleReaction", () => {
  test("adds, then removes, per user and emoji", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    expect(await react(bob, whisperId, "👍")).toEqual({ added: true });
    expect(await react(alice, whisperId, "👍")).toEqual({ added: true });
    expect(await react(bob, whisperId, "❤️")).toEqual({ added: true });
    expect(await react(bob, whisperId, "👍")).toEqual({ added: false });
    const reactions = (await whisperDoc(t, whisperId))!.reactions;
    expect(reactions.map(({ userId, emoji }) => ({ userId, emoji }))).toEqual([
      { userId: alice.id, emoji: "👍" },
      { userId: bob.id, emoji: "❤️" },
    ]);
    const [seen] = await alice.as.query(api.whispers.getChain, { whisperId });
    expect(seen.reactions).toMatchObject([
      { emoji: "👍", fromViewer: true, userId: alice.id },
      { emoji: "❤️", fromViewer: false, userId: bob.id },
    ]);
  });

  test("a repeated clientId does not toggle twice", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    const clientId = newId();
    expect(await react(bob, whisperId, "🔥", clientId)).toEqual({ added: true });
    expect(await react(bob, whisperId, "🔥", clientId)).toEqual({ added: true });
    expect((await whisperDoc(t, whisperId))!.reactions).toHaveLength(1);
  });

  test("is rate limited: 60 at once, then 30 a minute; a repeated clientId costs nothing", async () => {
    const { alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(1_700_000_000_000);
      const clientId = newId();
      expect(await react(bob, whisperId, "👍", clientId)).toEqual({ added: true });
      for (let i = 1; i < 60; i++) await react(bob, whisperId, "🔥");
      expect(await codeOf(react(bob, whisperId, "🔥"))).toBe("RATE_LIMITED");
      expect(await react(bob, whisperId, "👍", clientId)).toEqual({ added: true });
      expect(await codeOf(react(alice, whisperId, "🔥"))).toBe("OK");
      vi.setSystemTime(1_700_000_000_000 + 2_000);
      expect(await codeOf(react(bob, whisperId, "🔥"))).toBe("OK");
      expect(await codeOf(react(bob, whisperId, "🔥"))).toBe("RATE_LIMITED");
    } finally {
      vi.useRealTimers();
    }
  });

  test("emoji only: sequences, flags and skin tones pass; text does not", async () => {
    const { alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    for (const emoji of ["👍🏽", "🇫🇷", "👩‍👩‍👧", "❤️‍🔥", "1️⃣"]) expect(await codeOf(react(bob, whisperId, emoji))).toBe("OK");
    for (const emoji of ["", "a", "ok", "1", "👍 ok", "<b>", "😀".repeat(9)]) {
      expect(await codeOf(react(bob, whisperId, emoji))).toBe("INVALID");
    }
  });

  test("at most 20 different emoji on one whisper", async () => {
    const { alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    const emoji = [..."😀😁😂🤣😃😄😅😆😉😊😋😎😍😘🥰😗😙🥲😚🙂"];
    for (const e of emoji) await react(bob, whisperId, e);
    await expect(react(bob, whisperId, "🤗")).rejects.toThrow(/at most 20/);
    expect(await codeOf(react(bob, whisperId, "🤗"))).toBe("LIMIT_REACHED");
    expect(await codeOf(react(alice, whisperId, "😀"))).toBe("OK");
  });

  test("only participants, not across a block", async () => {
    const { t, alice, bob, carol } = await setup();
    const { whisperId } = await send(alice, bob);
    expect(await codeOf(react(carol, whisperId, "👀"))).toBe("NOT_FOUND");
    await t.run((ctx) =>
      ctx.db.insert("friends", { userId: alice.id, friendId: bob.id, status: "blocked", updatedAt: Date.now() }),
    );
    expect(await codeOf(react(bob, whisperId, "👀"))).toBe("BLOCKED");
  });
});

describe("markRead", () => {
  test("marks the viewer's unread whispers read, resets unread, and the sender sees it", async () => {
    const { alice, bob, carol } = await setup();
    const one = await send(alice, bob, "one");
    await send(alice, bob, "two");
    await bob.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      conversationId: one.conversationId,
      content: "mine",
    });
    const conversationId = one.conversationId;
    expect((await bob.as.query(api.conversations.get, { conversationId })).unreadCount).toBe(2);

    expect(await bob.as.mutation(api.whispers.markRead, { conversationId })).toEqual({ marked: 2 });
    const bobsView = await bob.as.query(api.conversations.get, { conversationId });
    expect(bobsView.unreadCount).toBe(0);
    expect(bobsView.lastReadAt).toBeTypeOf("number");
    const page = await alice.as.query(api.whispers.listConversation, {
      conversationId,
      paginationOpts: { numItems: 10, cursor: null },
    });
    const fromAlice = page.page.filter((w) => w.fromViewer);
    expect(fromAlice.every((w) => typeof w.readAt === "number")).toBe(true);
    expect(page.page.find((w) => !w.fromViewer)!.readAt).toBeUndefined();
    expect(await bob.as.mutation(api.whispers.markRead, { conversationId })).toEqual({ marked: 0 });
    expect(await codeOf(carol.as.mutation(api.whispers.markRead, { conversationId }))).toBe("NOT_FOUND");
  });
});

describe("deleteWhisper", () => {
  test("the sender leaves a tombstone for both; its image is deleted from storage", async () => {
    const { t, alice, bob, carol } = await setup();
    const image = await upload(t, alice, "image");
    const { whisperId, conversationId } = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "oops",
      imageStorageId: image,
    });
    await react(bob, whisperId, "😮");
    expect(await codeOf(bob.as.mutation(api.whispers.deleteWhisper, { whisperId }))).toBe("FORBIDDEN");
    expect(await codeOf(carol.as.mutation(api.whispers.deleteWhisper, { whisperId }))).toBe("NOT_FOUND");

    await alice.as.mutation(api.whispers.deleteWhisper, { whisperId });
    await alice.as.mutation(api.whispers.deleteWhisper, { whisperId });
    const doc = await whisperDoc(t, whisperId);
    expect(doc).toMatchObject({ content: "", isDeleted: true, reactions: [] });
    expect(doc!.imageUrl).toBeUndefined();
    expect(await t.run((ctx) => ctx.db.system.get("_storage", image))).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("files").collect())).toEqual([]);

    const [seen] = (
      await bob.as.query(api.whispers.listConversation, {
        conversationId,
        paginationOpts: { numItems: 5, cursor: null },
      })
    ).page;
    expect(seen).toMatchObject({ _id: whisperId, isDeleted: true, content: "" });
    const conversation = await bob.as.query(api.conversations.get, { conversationId });
    expect(conversation.unreadCount).toBe(0);
    expect(conversation.lastWhisper).toMatchObject({ preview: "Whisper deleted" });
    const feed = await bob.as.query(api.sync.pull, { cursor: "" });
    expect(feed.changes.find((c) => c.id === whisperId)!.doc).toMatchObject({ isDeleted: true });
  });
});
