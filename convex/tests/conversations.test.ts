// Conversations: list order and projection, per-participant pin/archive, close/reopen, authorization.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";
import { upload } from "./uploads.fixtures";

const newId = () => crypto.randomUUID();

const send = (from: Person, to: Person, content = "hello") =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content });

const touch = (t: TestConvex, conversationId: Id<"conversations">, lastWhisperAt: number) =>
  t.run((ctx) => ctx.db.patch("conversations", conversationId, { lastWhisperAt }));

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob"), carol: await person(t, "carol") };
}

describe("conversations.list and get", () => {
  test("pinned first, then the most recent; each with counterpart and last whisper", async () => {
    const { t, alice, bob, carol } = await setup();
    const dave = await person(t, "dave");
    const withBob = await send(alice, bob, "to bob");
    const withCarol = await send(carol, alice, "x".repeat(300));
    const withDave = await send(alice, dave, "to dave");
    await touch(t, withBob.conversationId, 3000);
    await touch(t, withCarol.conversationId, 2000);
    await touch(t, withDave.conversationId, 1000);
    await alice.as.mutation(api.conversations.setPinned, { conversationId: withDave.conversationId, pinned: true });

    const list = await alice.as.query(api.conversations.list, {});
    expect(list.map((c) => c._id)).toEqual([withDave.conversationId, withBob.conversationId, withCarol.conversationId]);
    expect(list[0]).toMatchObject({
      isPinned: true,
      counterpartId: dave.id,
      initiatedByViewer: true,
      status: "initiated",
    });
    expect(list[0].counterpart).toMatchObject({ _id: dave.id, username: "dave", displayName: "Dave" });
    expect(list[0].counterpart).not.toHaveProperty("firstName");
    const fromCarol = list[2];
    expect(fromCarol).toMatchObject({ unreadCount: 1, initiatedByViewer: false, hiddenFromViewer: false });
    expect(fromCarol.lastWhisper!.preview).toHaveLength(120);
    expect(fromCarol.lastWhisper!.fromViewer).toBe(false);
    expect(JSON.stringify(list)).not.toContain("participantIds");

    expect(await alice.as.query(api.conversations.get, { conversationId: withBob.conversationId })).toMatchObject({
      _id: withBob.conversationId,
      lastWhisper: { preview: "to bob", fromViewer: true },
    });
  });

  test("the last whisper summary names voice and image whispers", async () => {
    const { t, alice, bob } = await setup();
    const { conversationId } = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      recipientId: bob.id,
      content: "",
      imageStorageId: await upload(t, alice, "image"),
    });
    expect((await bob.as.query(api.conversations.get, { conversationId })).lastWhisper!.preview).toBe("Image");
    await alice.as.mutation(api.whispers.sendVoiceWhisper, {
      clientId: newId(),
      conversationId,
      audioStorageId: await upload(t, alice, "voice"),
      audioDuration: 4,
      isVoiceModulated: false,
    });
    expect((await bob.as.query(api.conversations.get, { conversationId })).lastWhisper!.preview).toBe("Voice whisper");
  });

  test("only participants; signed-out callers are refused", async () => {
    const { alice, bob, carol } = await setup();
    const { conversationId } = await send(alice, bob);
    expect(await codeOf(carol.as.query(api.conversations.get, { conversationId }))).toBe("NOT_FOUND");
    expect(await carol.as.query(api.conversations.list, {})).toEqual([]);
    for (const call of [
      carol.as.mutation(api.conversations.setPinned, { conversationId, pinned: true }),
      carol.as.mutation(api.conversations.setArchived, { conversationId, archived: true }),
      carol.as.mutation(api.conversations.close, { conversationId }),
      carol.as.mutation(api.conversations.reopen, { conversationId }),
      carol.as.query(api.whispers.listConversation, { conversationId, paginationOpts: { numItems: 5, cursor: null } }),
    ]) {
      expect(await codeOf(call)).toBe("NOT_FOUND");
    }
    expect(await codeOf(bob.as.query(api.conversations.list, {}))).toBe("OK");
  });

  test("anonymous and banned viewers are refused", async () => {
    const { t, alice, bob } = await setup();
    const { conversationId } = await send(alice, bob);
    const anonymous = newTest();
    expect(await codeOf(anonymous.query(api.conversations.list, {}))).toBe("UNAUTHENTICATED");
    await t.run((ctx) => ctx.db.patch("users", bob.id, { isBanned: true }));
    expect(await codeOf(bob.as.query(api.conversations.get, { conversationId }))).toBe("BANNED");
  });
});

describe("pin and archive", () => {
  test("each participant's choice changes only their own view and feed", async () => {
    const { t, alice, bob } = await setup();
    const { conversationId } = await send(alice, bob);
    const before = await t.run((ctx) => ctx.db.query("syncChanges").collect());

    await alice.as.mutation(api.conversations.setPinned, { conversationId, pinned: true });
    await alice.as.mutation(api.conversations.setArchived, { conversationId, archived: true });
    expect(await alice.as.query(api.conversations.get, { conversationId })).toMatchObject({
      isPinned: true,
      isArchived: true,
    });
    expect(await bob.as.query(api.conversations.get, { conversationId })).toMatchObject({
      isPinned: false,
      isArchived: false,
    });
    const bobsHeadBefore = before.filter((row) => row.userId === bob.id).map((row) => row.commitTs);
    const after = await t.run((ctx) => ctx.db.query("syncChanges").collect());
    expect(after.filter((row) => row.userId === bob.id).map((row) => row.commitTs)).toEqual(bobsHeadBefore);

    await bob.as.mutation(api.conversations.setArchived, { conversationId, archived: true });
    await alice.as.mutation(api.conversations.setPinned, { conversationId, pinned: false });
    expect(await bob.as.query(api.conversations.get, { conversationId })).toMatchObject({ isArchived: true });
    expect(await alice.as.query(api.conversations.get, { conversationId })).toMatchObject({
      isPinned: false,
      isArchived: true,
    });
  });
});

describe("close and reopen", () => {
  test("either participant closes and reopens; status returns to what it was", async () => {
    const { t, alice, bob } = await setup();
    const { conversationId } = await send(alice, bob);
    const status = async () => (await t.run((ctx) => ctx.db.get("conversations", conversationId)))!.status;

    await bob.as.mutation(api.conversations.close, { conversationId });
    await bob.as.mutation(api.conversations.close, { conversationId });
    expect(await status()).toBe("closed");
    expect(await bob.as.query(api.conversations.get, { conversationId })).toMatchObject({ closedByViewer: true });
    expect(await alice.as.query(api.conversations.get, { conversationId })).toMatchObject({ closedByViewer: false });
    await alice.as.mutation(api.conversations.reopen, { conversationId });
    expect(await status()).toBe("initiated");

    await bob.as.mutation(api.whispers.sendWhisper, { clientId: newId(), conversationId, content: "hi back" });
    expect(await status()).toBe("active");
    await alice.as.mutation(api.conversations.close, { conversationId });
    expect(
      await codeOf(bob.as.mutation(api.whispers.sendWhisper, { clientId: newId(), conversationId, content: "?" })),
    ).toBe("CONFLICT");
    await bob.as.mutation(api.conversations.reopen, { conversationId });
    await bob.as.mutation(api.conversations.reopen, { conversationId });
    expect(await status()).toBe("active");
  });
});
