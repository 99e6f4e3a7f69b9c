// Editing a sent whisper's text (whispers:editWhisper): who may, for how long, by which rules, exactly once, mystery senders kept hidden.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { EDIT_WINDOW_MS } from "../lib/editWindow";
import { MAX_CONTENT } from "../lib/textLimits";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";
import { upload, wav } from "./uploads.fixtures";

const newId = () => crypto.randomUUID();
const T0 = 1_700_000_000_000;

const send = (from: Person, to: Person, content = "helo", extra: { isMystery?: boolean; writtenAt?: number } = {}) =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content, ...extra });

const edit = (who: Person, whisperId: Id<"whispers">, content: string, clientId = newId()) =>
  who.as.mutation(api.whispers.editWhisper, { whisperId, content, clientId });

const whisperDoc = async (t: TestConvex, id: Id<"whispers">) => (await t.run((ctx) => ctx.db.get("whispers", id)))!;

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob"), carol: await person(t, "carol") };
}

/** The whisper as `viewer` sees it (projectWhisper: what the sync feed carries too). */
async function seenBy(viewer: Person, whisperId: Id<"whispers">) {
  const [seen] = await viewer.as.query(api.whispers.getChain, { whisperId });
  return seen;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("editWhisper", () => {
  test("the sender changes the text: both see it, with editedAt, in the same place", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const { t, alice, bob } = await setup();
    const { whisperId, conversationId } = await send(alice, bob, "helo");
    await send(bob, alice, "hi!");
    vi.setSystemTime(T0 + 60_000);
    expect(await edit(alice, whisperId, "hello")).toEqual({ editedAt: T0 + 60_000 });
    expect(await whisperDoc(t, whisperId)).toMatchObject({
      content: "hello",
      editedAt: T0 + 60_000,
      updatedAt: T0 + 60_000,
      deliveredAt: T0,
    });
    for (const viewer of [alice, bob]) {
      expect(await seenBy(viewer, whisperId)).toMatchObject({ content: "hello", editedAt: T0 + 60_000 });
      const { page } = await viewer.as.query(api.whispers.listConversation, {
        conversationId,
        paginationOpts: { numItems: 10, cursor: null },
      });
      expect(page.map((w) => w.content)).toEqual(["hi!", "hello"]);
    }
    expect((await bob.as.query(api.conversations.get, { conversationId })).unreadCount).toBe(1);
  });

  test("only its sender: the recipient is refused, a stranger and a signed-out caller learn nothing", async () => {
    const { t, alice, bob, carol } = await setup();
    const { whisperId } = await send(alice, bob);
    const before = await whisperDoc(t, whisperId);
    expect(await codeOf(edit(bob, whisperId, "I wrote this"))).toBe("FORBIDDEN");
    expect(await codeOf(edit(carol, whisperId, "me too"))).toBe("NOT_FOUND");
    const anonymous = t.mutation(api.whispers.editWhisper, { whisperId, content: "anyone", clientId: newId() });
    expect(await codeOf(anonymous)).toBe("UNAUTHENTICATED");
    expect(await whisperDoc(t, whisperId)).toEqual(before);
  });

  test(`for ${EDIT_WINDOW_MS / 60_000} minutes after delivery, by the server's clock (not when it was written)`, async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const { t, alice, bob } = await setup();
    // Written offline ten minutes before it reached the server: the window starts at delivery.
    const { whisperId } = await send(alice, bob, "one", { writtenAt: T0 - 10 * 60_000 });
    vi.setSystemTime(T0 + EDIT_WINDOW_MS);
    expect(await codeOf(edit(alice, whisperId, "two"))).toBe("OK");
    vi.setSystemTime(T0 + EDIT_WINDOW_MS + 1);
    await expect(edit(alice, whisperId, "three")).rejects.toThrow(/can no longer be edited.*15 minutes/);
    expect((await whisperDoc(t, whisperId)).content).toBe("two");
  });

  test("the text follows the rules of sending; the same text again changes nothing", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob, "draft");
    expect(await codeOf(edit(alice, whisperId, "   "))).toBe("INVALID");
    await expect(edit(alice, whisperId, "x".repeat(MAX_CONTENT + 1))).rejects.toThrow(/at most 2000 characters/);
    expect(await codeOf(edit(alice, whisperId, "x".repeat(MAX_CONTENT)))).toBe("OK");
    vi.setSystemTime(T0 + 1_000);
    expect(await edit(alice, whisperId, "  final  ")).toEqual({ editedAt: T0 + 1_000 });
    expect((await whisperDoc(t, whisperId)).content).toBe("final");
    vi.setSystemTime(T0 + 2_000);
    expect(await edit(alice, whisperId, "final ")).toEqual({ editedAt: T0 + 1_000 });
    expect(await whisperDoc(t, whisperId)).toMatchObject({ editedAt: T0 + 1_000, updatedAt: T0 + 1_000 });
  });

  test("text only: a caption can be changed or removed; media without text has nothing to edit", async () => {
    const { t, alice, bob } = await setup();
    const image = await upload(t, alice, "image");
    const captioned = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(), recipientId: bob.id, content: "look", imageStorageId: image,
    });
    expect(await codeOf(edit(alice, captioned.whisperId, "look at this"))).toBe("OK");
    expect(await codeOf(edit(alice, captioned.whisperId, ""))).toBe("OK");
    expect(await whisperDoc(t, captioned.whisperId)).toMatchObject({ content: "", imageStorageId: image });
    await expect(edit(alice, captioned.whisperId, "back")).rejects.toThrow(/no text to edit/);

    const audioStorageId = await upload(t, alice, "voice", wav(3));
    const voice = await alice.as.mutation(api.whispers.sendVoiceWhisper, {
      clientId: newId(), recipientId: bob.id, audioStorageId, audioDuration: 3, isVoiceModulated: false,
    });
    expect(await codeOf(edit(alice, voice.whisperId, "a caption"))).toBe("INVALID");
  });

  test("not a deleted whisper, nor a scheduled or cancelled one", async () => {
    const { alice, bob } = await setup();
    const { whisperId, conversationId } = await send(alice, bob);
    await alice.as.mutation(api.whispers.deleteWhisper, { whisperId });
    await expect(edit(alice, whisperId, "undo")).rejects.toThrow(/deleted/);
    const later = await alice.as.mutation(api.whispers.scheduleWhisper, {
      clientId: newId(), conversationId, content: "later", scheduledFor: Date.now() + 60_000,
    });
    await expect(edit(alice, later.whisperId, "sooner")).rejects.toThrow(/scheduled whisper can't be edited/);
    await alice.as.mutation(api.whispers.cancelScheduledWhisper, { whisperId: later.whisperId });
    expect(await codeOf(edit(alice, later.whisperId, "never"))).toBe("INVALID");
  });

  test("not across a block", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    await bob.as.mutation(api.friends.block, { userId: alice.id });
    expect(await codeOf(edit(alice, whisperId, "please"))).toBe("BLOCKED");
    expect((await whisperDoc(t, whisperId)).content).toBe("helo");
  });

  test("exactly once per clientId: a late retry cannot bring older text back; another request under it is refused", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    const clientId = newId();
    const first = await edit(alice, whisperId, "first", clientId);
    await edit(alice, whisperId, "second");
    expect(await edit(alice, whisperId, "first", clientId)).toEqual(first);
    expect((await whisperDoc(t, whisperId)).content).toBe("second");
    expect(await codeOf(edit(alice, whisperId, "third", clientId))).toBe("CLIENT_ID_REUSED");
  });

  test("through the outbox: a batch sent twice applies its edit once", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(T0);
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob);
    const ops = [
      { udfPath: "whispers:editWhisper", args: { whisperId, content: "hello", clientId: newId() } },
      { udfPath: "whispers:toggleReaction", args: { whisperId, emoji: "👋", clientId: newId() } },
    ];
    vi.setSystemTime(T0 + 1_000);
    const results = await alice.as.mutation(api.outbox.push, { ops });
    expect(results[0]).toEqual({ ok: true, value: { editedAt: T0 + 1_000 } });
    await edit(alice, whisperId, "hello, Bob");
    vi.setSystemTime(T0 + 2_000);
    expect(await alice.as.mutation(api.outbox.push, { ops })).toEqual(results);
    expect(await whisperDoc(t, whisperId)).toMatchObject({ content: "hello, Bob", reactions: [{ emoji: "👋" }] });
  });

  test("a mystery whisper's edit reaches its recipient without its sender; refusals read the same as elsewhere", async () => {
    const { alice, bob } = await setup();
    const masked = await send(alice, bob, "guess who", { isMystery: true });
    const plain = await send(alice, bob, "plain");
    await edit(alice, masked.whisperId, "guess who is here");
    const seen = await seenBy(bob, masked.whisperId);
    expect(seen).toMatchObject({ content: "guess who is here", isMystery: true, fromViewer: false });
    expect(seen.editedAt).toBeTypeOf("number");
    const payload = JSON.stringify([
      seen,
      await bob.as.query(api.conversations.get, { conversationId: masked.conversationId }),
    ]);
    expect(payload).not.toContain(alice.id);
    expect(payload.toLowerCase()).not.toContain("alice");
    const refusal = async (whisperId: Id<"whispers">) => {
      try {
        await edit(bob, whisperId, "mine now");
      } catch (error) {
        return (error as { data: unknown }).data;
      }
    };
    expect(await refusal(masked.whisperId)).toEqual(await refusal(plain.whisperId));
  });
});
