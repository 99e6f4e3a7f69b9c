// Domain actions: each writes its optimistic row and its outbox entry together, offline, and folds changes to unsent rows.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { WhispersDB } from "../db/database";
import { conversationList } from "../db/queries";
import { rememberServerId } from "../db/repos/idMapRepo";
import { effectiveJournal } from "../db/repos/usersRepo";
import { PINNED_RANK } from "../db/schema";
import { freshDb } from "../test/util";
import {
  addSkill,
  cancelScheduled,
  createChamber,
  deleteMoodEntry,
  deleteWhisper,
  markRead,
  openConversationWith,
  postToChamber,
  removeSkill,
  requestFriend,
  scheduleWhisper,
  sendWhisper,
  setMood,
  setPinned,
  toggleReaction,
  updateMoodEntry,
} from ".";

const dbs: WhispersDB[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of dbs.splice(0)) db.close();
});
async function db(): Promise<WhispersDB> {
  const d = await freshDb("actions");
  dbs.push(d);
  return d;
}

describe("whisper actions", () => {
  it("sendWhisper writes a pending whisper, a local conversation and one outbox entry", async () => {
    const d = await db();
    const { entryId, localId } = await sendWhisper({ recipientId: "bob", content: "hi" }, d);
    const whisper = await d.whispers.get(localId!);
    expect(whisper).toMatchObject({ content: "hi", syncState: "pending", fromViewer: true, clientId: localId });
    const conversation = await d.conversations.get(whisper!.conversationId);
    expect(conversation).toMatchObject({ counterpartId: "bob", isLocal: true, lastWhisperPreview: "hi", lastWhisperFromViewer: true });
    const [entry] = await d.outbox.toArray();
    expect(entry).toMatchObject({
      id: entryId,
      kind: "sendWhisper",
      udfPath: "whispers:sendWhisper",
      state: "queued",
      args: { clientId: localId, recipientId: "bob", content: "hi", writtenAt: whisper!.writtenAt },
    });
    // The time it was written goes with it: shown now, and by the server's row once delivered.
    expect(whisper!.writtenAt).toBeGreaterThan(Date.now() - 5_000);
    await sendWhisper({ recipientId: "bob", content: "again" }, d);
    expect(await d.conversations.count()).toBe(1);
  });

  it("writes nothing when the transaction fails part-way", async () => {
    const d = await db();
    // The outbox write fails in IndexedDB itself (the action's tables are bound to its transaction).
    vi.spyOn(IDBObjectStore.prototype, "add").mockImplementationOnce(() => {
      throw new Error("disk trouble");
    });
    await expect(sendWhisper({ recipientId: "bob", content: "lost?" }, d)).rejects.toThrow(/disk trouble/);
    expect(await d.whispers.count()).toBe(0);
    expect(await d.conversations.count()).toBe(0);
    expect(await d.outbox.count()).toBe(0);
  });

  it("withdraws an unsent scheduled or normal whisper instead of queueing a cancel/delete", async () => {
    const d = await db();
    const scheduled = await scheduleWhisper({ recipientId: "bob", content: "later", scheduledFor: Date.now() + 60_000 }, d);
    expect((await d.whispers.get(scheduled.localId!))?.status).toBe("scheduled");
    expect(await cancelScheduled(scheduled.localId!, d)).toBeNull();
    const sent = await sendWhisper({ recipientId: "bob", content: "oops" }, d);
    expect(await deleteWhisper(sent.localId!, d)).toBeNull();
    expect(await d.whispers.count()).toBe(0);
    expect(await d.outbox.count()).toBe(0);
    expect(await d.conversations.count()).toBe(0);
  });

  it("queues a delete for a whisper the server has, hiding it at once", async () => {
    const d = await db();
    await d.conversations.put({ id: "c1", syncState: "synced", status: "active", isMystery: false, counterpartHidden: false, isPinned: false, isArchived: false, unreadCount: 2, lastActivityAt: 1, listRank: 1 });
    await d.whispers.put({ id: "w1", clientId: "w1", conversationId: "c1", sortKey: 1, status: "delivered", fromViewer: true, content: "x", reactions: [], syncState: "synced" });
    const queued = await deleteWhisper("w1", d);
    expect(queued).not.toBeNull();
    expect((await d.whispers.get("w1"))?.isDeleted).toBe(true);
    expect((await d.outbox.toArray())[0]?.args).toEqual({ whisperId: "w1" });

    await markRead("c1", d);
    expect((await d.conversations.get("c1"))?.unreadCount).toBe(0);
    expect(await markRead("c1", d)).toBeNull();

    await setPinned("c1", true, d);
    expect((await d.conversations.get("c1"))?.listRank).toBeGreaterThanOrEqual(PINNED_RANK);
  });

  it("pins a conversation by the id a screen still holds after the server re-keyed it", async () => {
    const d = await db();
    const { localId } = await sendWhisper({ recipientId: "bob", content: "first" }, d);
    const localConversation = (await d.whispers.get(localId!))!.conversationId;
    // The first whisper was acknowledged: the conversation now lives under its server id.
    const row = (await d.conversations.get(localConversation))!;
    await d.conversations.delete(localConversation);
    await d.conversations.put({ ...row, id: "c-server", isLocal: false });
    await rememberServerId(d, localConversation, "c-server", "conversations");

    await setPinned(localConversation, true, d);
    expect((await d.conversations.get("c-server"))?.isPinned).toBe(true);
    expect(await d.conversations.get(localConversation)).toBeUndefined();
    const pin = (await d.outbox.toArray()).find((e) => e.kind === "setPinned");
    expect(pin).toMatchObject({ args: { conversationId: "c-server", pinned: true }, target: { table: "conversations", id: "c-server" } });
    expect(pin?.refs).toBeUndefined();
  });

  it("sends to the conversation a screen still names by its id from before the server re-keyed it", async () => {
    const d = await db();
    const { localId } = await sendWhisper({ recipientId: "bob", content: "first" }, d);
    const localConversation = (await d.whispers.get(localId!))!.conversationId;
    const row = (await d.conversations.get(localConversation))!;
    await d.conversations.delete(localConversation);
    await d.conversations.put({ ...row, id: "c-server", isLocal: false });
    await rememberServerId(d, localConversation, "c-server", "conversations");

    const second = await sendWhisper({ conversationId: localConversation, content: "second" }, d);
    expect((await d.whispers.get(second.localId!))?.conversationId).toBe("c-server");
    expect(await d.conversations.count()).toBe(1);
  });

  it("toggles a reaction on and off", async () => {
    const d = await db();
    const { localId } = await sendWhisper({ recipientId: "bob", content: "r" }, d);
    await toggleReaction(localId!, "💜", d);
    expect((await d.whispers.get(localId!))?.reactions.map((r) => r.emoji)).toEqual(["💜"]);
    await toggleReaction(localId!, "💜", d);
    expect((await d.whispers.get(localId!))?.reactions).toEqual([]);
    const entries = await d.outbox.toArray();
    expect(entries.map((e) => e.kind)).toEqual(["sendWhisper", "toggleReaction", "toggleReaction"]);
    expect(entries[1]?.refs).toEqual([{ arg: "whisperId", localId, table: "whispers" }]);
  });
});

describe("profile, social, chamber and skill actions", () => {
  it("keeps mood journal changes pending and edits unsent ones in place", async () => {
    const d = await db();
    await d.me.put({ id: "me", syncState: "synced", username: "a", displayName: "A", interests: [], moodJournal: [{ mood: "calm", at: 1 }], themePreference: "system" });
    await setMood("happy", "sunny day", d);
    const me = (await d.me.get("me"))!;
    expect(me.mood).toBe("happy");
    const added = effectiveJournal(me).find((e) => e.pending)!;
    expect(added).toMatchObject({ mood: "happy", note: "sunny day" });

    await updateMoodEntry(added.at, "excited", undefined, d);
    const entries = await d.outbox.toArray();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.args).toMatchObject({ mood: "excited" });
    expect(effectiveJournal((await d.me.get("me"))!)[0]).toMatchObject({ mood: "excited", pending: true });

    expect(await deleteMoodEntry(added.at, d)).toBeNull();
    expect(await d.outbox.count()).toBe(0);
    await deleteMoodEntry(1, d);
    expect(effectiveJournal((await d.me.get("me"))!)).toEqual([]);
  });

  it("creates friends, chambers, posts and skills locally, pending", async () => {
    const d = await db();
    await requestFriend("u2", d);
    expect(await d.friends.where("otherUserId").equals("u2").first()).toMatchObject({ status: "pending", syncState: "pending" });
    const chamber = await createChamber({ name: "Night owls", topic: "sleep", maxMembers: 10, isPublic: true }, d);
    const post = await postToChamber(chamber.localId!, "hello owls", d);
    expect(await d.chamberMessages.get(post.localId!)).toMatchObject({ chamberId: chamber.localId, fromYou: true });
    const postEntry = (await d.outbox.toArray()).find((e) => e.kind === "postToChamber");
    expect(postEntry?.refs).toEqual([{ arg: "chamberId", localId: chamber.localId }]);
    const skill = await addSkill({ skillName: "Guitar", type: "offering", proficiencyLevel: "advanced" }, d);
    expect(await removeSkill(skill.localId!, d)).toBeNull();
    expect(await d.skills.count()).toBe(0);
  });
});

describe("openConversationWith", () => {
  it("makes a hidden draft that the first whisper turns into a listed, pending conversation", async () => {
    const d = await db();
    const id = await openConversationWith({ _id: "u9", username: "nina", displayName: "Nina" }, false, d);
    expect(await openConversationWith({ _id: "u9", username: "nina", displayName: "Nina" }, false, d)).toBe(id);
    const list = () =>
      new Promise<Array<{ id: string; counterpart?: { displayName: string } }>>((resolve) => {
        const sub = conversationList(false, d).subscribe((rows) => {
          sub.unsubscribe();
          resolve(rows);
        });
      });
    expect(await list()).toEqual([]);
    await sendWhisper({ conversationId: id, content: "hi Nina" }, d);
    const rows = await list();
    expect(rows.map((c) => c.id)).toEqual([id]);
    expect(rows[0]?.counterpart?.displayName).toBe("Nina");
    expect((await d.outbox.toArray())[0]?.args).toMatchObject({ recipientId: "u9" });
  });
});
