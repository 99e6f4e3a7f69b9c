// Authorization matrix rows, part 1: accounts, moods, whispers, files, conversations, unmasking, push and sync.
import { expect } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { storeBytes, upload, wav } from "./uploads.fixtures";
import {
  actionRow,
  everyone,
  mutationRow,
  OWNER_ONLY,
  queryRow,
  viewer,
  type Case,
  type Role,
  type World,
} from "./authorization.world";

let clientSeq = 0;
/** A fresh, well-formed clientId. */
export const cid = () => `authz-${String(++clientSeq).padStart(8, "0")}`;

const HOUR = 60 * 60 * 1000;
const JOURNAL_AT = 1_700_000_000_000;

/** A delivered whisper from the owner to the partner, in their conversation. */
export async function chat(w: World): Promise<{ conversationId: Id<"conversations">; whisperId: Id<"whispers"> }> {
  return await w.owner.as.mutation(api.whispers.sendWhisper, {
    clientId: cid(),
    recipientId: w.partner.id,
    content: "hello",
  });
}

/** A whisper the owner scheduled for the partner, an hour from now. */
async function scheduled(w: World) {
  const { conversationId } = await chat(w);
  const { whisperId } = await w.owner.as.mutation(api.whispers.scheduleWhisper, {
    clientId: cid(),
    conversationId,
    content: "later",
    scheduledFor: Date.now() + HOUR,
  });
  return { conversationId, whisperId };
}

/** A mystery whisper the partner sent the owner: the owner does not know who is there. */
async function mysteryToOwner(w: World) {
  return await w.partner.as.mutation(api.whispers.sendWhisper, {
    clientId: cid(), recipientId: w.owner.id, content: "guess who", isMystery: true,
  });
}

/**
 * A voice clip the caller uploaded and registered; for callers who cannot register one (nobody
 * signed in, banned, erased) just stored bytes: they are refused before the file matters.
 */
async function callersClip(w: World, role: Role) {
  if (role === "anonymous" || role === "banned" || role === "erased") return await storeBytes(w.t, wav(5));
  return await upload(w.t, w[role], "voice", wav(5));
}

/** Every person's mood journal holds one entry, written at JOURNAL_AT. */
async function journals(w: World) {
  await w.t.run(async (ctx) => {
    for (const user of await ctx.db.query("users").collect()) {
      await ctx.db.patch("users", user._id, { moodJournal: [{ mood: "calm", at: JOURNAL_AT }] });
    }
  });
}

/** The partner asked the owner to unmask in their conversation. */
async function unmaskingAsked(w: World) {
  const { conversationId } = await chat(w);
  const { requestId } = await w.partner.as.mutation(api.unmasking.request, { conversationId });
  return { conversationId, requestId };
}

const SUBSCRIPTION_KEYS = { p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM", auth: "tBHItJI5svbpez7KI4CCXg" };

const accounts: Case[] = [
  mutationRow(api.users.ensureViewer, "", () => ({}), viewer("OK")),
  queryRow(api.users.me, "", () => ({}), everyone("SOME", { anonymous: "NONE" })),
  queryRow(api.users.isUsernameAvailable, "", () => ({ username: "fresh_name" }), viewer("OK")),
  mutationRow(api.users.completeOnboarding, "", () => ({ username: "fresh_name", displayName: "Fresh" }), viewer("OK")),
  mutationRow(api.users.updateProfile, "", () => ({ displayName: "Renamed" }), viewer("OK")),
  mutationRow(api.users.setThemePreference, "", () => ({ themePreference: "dark" as const }), viewer("OK")),
  mutationRow(api.users.setMood, "", () => ({ mood: "happy", note: "sunny", clientId: cid() }), viewer("OK")),
  mutationRow(api.users.updateMoodEntry, "own journal", async (w) => {
    await journals(w);
    return { at: JOURNAL_AT, mood: "hopeful" };
  }, viewer("OK")),
  mutationRow(api.users.deleteMoodEntry, "own journal", async (w) => {
    await journals(w);
    return { at: JOURNAL_AT };
  }, viewer("OK")),
  queryRow(api.users.findByUsername, "the owner", (w) => ({ username: w.owner.username }), viewer("SOME", { blocked: "NONE" })),
  queryRow(api.users.findByUsername, "a banned person", (w) => ({ username: w.banned.username }), viewer("NONE")),
  // The only super admin may not erase themselves (CONFLICT): someone must be left to run the app.
  mutationRow(api.users.softDeleteUser, "self", () => ({}), viewer("OK", { superAdmin: "CONFLICT" })),
  mutationRow(api.dataExports.request, "", () => ({}), viewer("OK")),
  queryRow(api.dataExports.current, "the owner's export", async (w) => {
    await w.owner.as.mutation(api.dataExports.request, {});
    return {};
  }, viewer("NONE", { owner: "SOME" })),
  queryRow(api.moods.findMoodMatch, "", () => ({}), viewer("OK"), (w, role, value) => {
    const ids = (value as { user: { _id: string } }[]).map((match) => match.user._id);
    expect(ids).not.toContain(w.banned.id);
    expect(ids).not.toContain(w.erased.id);
    if (role === "blocked") expect(ids).not.toContain(w.owner.id);
    if (role === "unrelated") expect(ids).toContain(w.owner.id);
  }),
];

const whispers: Case[] = [
  mutationRow(api.whispers.sendWhisper, "to the owner", (w) => ({ clientId: cid(), recipientId: w.owner.id, content: "hi" }),
    viewer("OK", { owner: "INVALID", blocked: "BLOCKED" })),
  mutationRow(api.whispers.sendWhisper, "into the owner's conversation", async (w) => ({
    clientId: cid(), conversationId: (await chat(w)).conversationId, content: "hi",
  }), OWNER_ONLY),
  mutationRow(api.whispers.sendWhisper, "a mystery whisper to the owner", (w) => ({
    clientId: cid(), recipientId: w.owner.id, content: "guess who", isMystery: true,
  }), viewer("OK", { owner: "INVALID", blocked: "BLOCKED" })),
  mutationRow(api.whispers.sendVoiceWhisper, "to the owner", async (w, role) => ({
    clientId: cid(), recipientId: w.owner.id, audioStorageId: await callersClip(w, role),
    audioDuration: 5, isVoiceModulated: true,
  }), viewer("OK", { owner: "INVALID", blocked: "BLOCKED" })),
  mutationRow(api.whispers.sendVoiceWhisper, "with the owner's audio file", async (w) => {
    const audioStorageId = await upload(w.t, w.owner, "voice", wav(5));
    await w.owner.as.mutation(api.whispers.sendVoiceWhisper, {
      clientId: cid(), recipientId: w.partner.id, audioStorageId, audioDuration: 5, isVoiceModulated: false,
    });
    return { clientId: cid(), recipientId: w.partner.id, audioStorageId, audioDuration: 5, isVoiceModulated: false };
  }, viewer("FORBIDDEN", { owner: "CONFLICT" })),
  mutationRow(api.whispers.scheduleWhisper, "to the owner", (w) => ({
    clientId: cid(), recipientId: w.owner.id, content: "soon", scheduledFor: Date.now() + HOUR,
  }), viewer("OK", { owner: "INVALID", blocked: "BLOCKED" })),
  mutationRow(api.whispers.scheduleWhisper, "into the owner's conversation", async (w) => ({
    clientId: cid(), conversationId: (await chat(w)).conversationId, content: "soon", scheduledFor: Date.now() + HOUR,
  }), OWNER_ONLY),
  mutationRow(api.whispers.cancelScheduledWhisper, "the owner's", async (w) => ({ whisperId: (await scheduled(w)).whisperId }), OWNER_ONLY),
  mutationRow(api.whispers.replyToWhisper, "the owner's whisper", async (w) => ({
    clientId: cid(), parentId: (await chat(w)).whisperId, content: "re",
  }), OWNER_ONLY),
  mutationRow(api.whispers.toggleReaction, "the owner's whisper", async (w) => ({
    whisperId: (await chat(w)).whisperId, emoji: "👍", clientId: cid(),
  }), OWNER_ONLY),
  mutationRow(api.whispers.markRead, "the owner's conversation", async (w) => ({ conversationId: (await chat(w)).conversationId }), OWNER_ONLY),
  mutationRow(api.whispers.deleteWhisper, "the owner's whisper", async (w) => ({ whisperId: (await chat(w)).whisperId }), OWNER_ONLY),
  mutationRow(api.whispers.editWhisper, "the owner's whisper", async (w) => ({
    whisperId: (await chat(w)).whisperId, content: "hello again", clientId: cid(),
  }), OWNER_ONLY),
  mutationRow(api.whispers.editWhisper, "a mystery whisper to the owner", async (w) => ({
    whisperId: (await mysteryToOwner(w)).whisperId, content: "it was me", clientId: cid(),
  }), viewer("NOT_FOUND", { owner: "FORBIDDEN" })),
  queryRow(api.whispers.listConversation, "the owner's conversation", async (w) => ({
    conversationId: (await chat(w)).conversationId, paginationOpts: { numItems: 10, cursor: null },
  }), viewer("NOT_FOUND", { owner: "SOME" })),
  queryRow(api.whispers.getChain, "the owner's whisper", async (w) => ({ whisperId: (await chat(w)).whisperId }),
    viewer("NOT_FOUND", { owner: "SOME" })),
  queryRow(api.whispers.listScheduled, "", async (w) => {
    await scheduled(w);
    return {};
  }, viewer("NONE", { owner: "SOME" })),
  mutationRow(api.files.generateUploadUrl, "", () => ({}), viewer("OK")),
  mutationRow(api.files.generateVoiceUploadUrl, "", () => ({}), viewer("OK")),
  actionRow(api.files.registerUpload, "an upload the caller made", async (w) => ({
    storageId: await storeBytes(w.t, wav(5)), kind: "voice" as const,
  }), viewer("OK")),
  actionRow(api.files.registerUpload, "the owner's registered upload", async (w) => ({
    storageId: await upload(w.t, w.owner, "voice", wav(5)), kind: "voice" as const,
  }), viewer("FORBIDDEN", { owner: "OK" })),
];

const conversationId = async (w: World) => ({ conversationId: (await chat(w)).conversationId });

const conversations: Case[] = [
  queryRow(api.conversations.list, "", async (w) => {
    await chat(w);
    return {};
  }, viewer("NONE", { owner: "SOME" })),
  queryRow(api.conversations.get, "the owner's", conversationId, viewer("NOT_FOUND", { owner: "SOME" })),
  mutationRow(api.conversations.setPinned, "the owner's", async (w) => ({ ...(await conversationId(w)), pinned: true }), OWNER_ONLY),
  mutationRow(api.conversations.setArchived, "the owner's", async (w) => ({ ...(await conversationId(w)), archived: true }), OWNER_ONLY),
  mutationRow(api.conversations.close, "the owner's", conversationId, OWNER_ONLY),
  mutationRow(api.conversations.reopen, "the owner's, closed", async (w) => {
    const args = await conversationId(w);
    await w.owner.as.mutation(api.conversations.close, args);
    return args;
  }, OWNER_ONLY),
  mutationRow(api.unmasking.request, "in the owner's conversation", conversationId, OWNER_ONLY),
  mutationRow(api.unmasking.accept, "asked of the owner", async (w) => ({ requestId: (await unmaskingAsked(w)).requestId }), OWNER_ONLY),
  mutationRow(api.unmasking.decline, "asked of the owner", async (w) => ({ requestId: (await unmaskingAsked(w)).requestId }), OWNER_ONLY),
  queryRow(api.unmasking.forConversation, "the owner's conversation", async (w) => ({
    conversationId: (await unmaskingAsked(w)).conversationId,
  }), viewer("NOT_FOUND", { owner: "SOME" })),
  // "Block this sender": only a participant blocks a masked mystery conversation.
  mutationRow(api.conversations.block, "the owner's mystery conversation", async (w) => ({
    conversationId: (await mysteryToOwner(w)).conversationId,
  }), OWNER_ONLY),
  // Both know who is in an ordinary conversation: the person is blocked, not the conversation.
  mutationRow(api.conversations.block, "the owner's ordinary conversation", conversationId, viewer("NOT_FOUND", { owner: "INVALID" })),
  mutationRow(api.conversations.unblock, "the owner's blocked mystery conversation", async (w) => {
    const { conversationId } = await mysteryToOwner(w);
    await w.owner.as.mutation(api.conversations.block, { conversationId });
    return { conversationId };
  }, OWNER_ONLY),
];

const devices: Case[] = [
  mutationRow(api.push.saveSubscription, "", () => ({
    endpoint: "https://fcm.googleapis.com/fcm/send/new-device", keys: SUBSCRIPTION_KEYS, userAgent: "Firefox",
  }), viewer("OK")),
  // Only the owner of an endpoint removes it; anyone else's call changes nothing.
  mutationRow(api.push.removeSubscription, "the owner's endpoint", async (w) => {
    const endpoint = "https://fcm.googleapis.com/fcm/send/olive";
    await w.owner.as.mutation(api.push.saveSubscription, { endpoint, keys: SUBSCRIPTION_KEYS });
    return { endpoint };
  }, viewer("NOOP", { owner: "OK" })),
  queryRow(api.push.vapidPublicKey, "", () => ({}), everyone("OK")),
  // A push runs each op as the caller would run it directly: into the owner's conversation only
  // the owner gets through; for everyone else the op is refused on its own (the push resolves
  // with that op's error) and nothing is written.
  mutationRow(api.outbox.push, "a whisper into the owner's conversation", async (w) => ({
    ops: [{ udfPath: "whispers:sendWhisper", args: { clientId: cid(), conversationId: (await chat(w)).conversationId, content: "hi" } }],
  }), viewer("NOOP", { owner: "OK" }), (_w, role, value) => {
    const [outcome] = value as { ok: boolean; error?: { code: string } }[];
    if (role === "owner") expect(outcome).toMatchObject({ ok: true });
    else expect(outcome).toMatchObject({ ok: false, error: { code: role === "newcomer" ? "ONBOARDING_REQUIRED" : "NOT_FOUND" } });
  }),
  mutationRow(api.outbox.push, "a function outside the outbox's list", () => ({
    ops: [{ udfPath: "admin:banUser", args: {} }],
  }), viewer("INVALID")),
  queryRow(api.sync.pull, "", async (w) => {
    await chat(w);
    return { cursor: "" };
  }, viewer("OK"), (w, role, value) => {
    const { changes } = value as { changes: unknown[] };
    // Only the owner acted: nobody else's feed holds anything (the blocked person is not told either).
    if (role === "owner") expect(changes.length).toBeGreaterThan(0);
    else expect(changes).toEqual([]);
  }),
];

/**
 * Resources the owner shared with "bob" before blocking him: neither may reach the other through
 * them any more (BLOCKED, both ways), though each still reads their own history; third parties
 * still learn nothing (NOT_FOUND).
 */
async function sharedBeforeBlock<T>(w: World, make: () => Promise<T>): Promise<T> {
  await w.owner.as.mutation(api.friends.unblock, { userId: w.blocked.id });
  const made = await make();
  await w.owner.as.mutation(api.friends.block, { userId: w.blocked.id });
  return made;
}

/** bob whispered the owner, then the owner blocked him. */
const bobWhispered = (w: World) =>
  sharedBeforeBlock(w, () =>
    w.blocked.as.mutation(api.whispers.sendWhisper, { clientId: cid(), recipientId: w.owner.id, content: "hey" }),
  );

/** bob sent the owner a mystery whisper, then the owner blocked bob (not knowing it was him). */
const bobWhisperedMystery = (w: World) =>
  sharedBeforeBlock(w, () =>
    w.blocked.as.mutation(api.whispers.sendWhisper, {
      clientId: cid(), recipientId: w.owner.id, content: "guess who", isMystery: true,
    }),
  );

const BOTH_BLOCKED = viewer("NOT_FOUND", { owner: "BLOCKED", blocked: "BLOCKED" });
/**
 * A person-level block never reaches into a masked conversation (model/visibility.ts): a refusal
 * there would tell the owner that the person they blocked is its hidden sender.
 */
const BOTH_REACH = viewer("NOT_FOUND", { owner: "OK", blocked: "OK" });
const BOTH_READ = viewer("NOT_FOUND", { owner: "SOME", blocked: "SOME" });

const acrossBlock: Case[] = [
  mutationRow(api.whispers.sendWhisper, "into a conversation across a block", async (w) => ({
    clientId: cid(), conversationId: (await bobWhispered(w)).conversationId, content: "still there?",
  }), BOTH_BLOCKED),
  mutationRow(api.whispers.scheduleWhisper, "into a conversation across a block", async (w) => ({
    clientId: cid(), conversationId: (await bobWhispered(w)).conversationId, content: "later", scheduledFor: Date.now() + HOUR,
  }), BOTH_BLOCKED),
  mutationRow(api.whispers.replyToWhisper, "a whisper across a block", async (w) => ({
    clientId: cid(), parentId: (await bobWhispered(w)).whisperId, content: "re",
  }), BOTH_BLOCKED),
  mutationRow(api.whispers.toggleReaction, "a whisper across a block", async (w) => ({
    whisperId: (await bobWhispered(w)).whisperId, emoji: "👍",
  }), BOTH_BLOCKED),
  mutationRow(api.whispers.editWhisper, "bob's whisper across a block", async (w) => ({
    whisperId: (await bobWhispered(w)).whisperId, content: "hey?", clientId: cid(),
  }), viewer("NOT_FOUND", { owner: "FORBIDDEN", blocked: "BLOCKED" })),
  mutationRow(api.unmasking.request, "across a block", async (w) => ({
    conversationId: (await bobWhispered(w)).conversationId,
  }), BOTH_BLOCKED),
  mutationRow(api.unmasking.accept, "bob asked before the block", async (w) => {
    const requestId = await sharedBeforeBlock(w, async () => {
      const { conversationId } = await w.blocked.as.mutation(api.whispers.sendWhisper, {
        clientId: cid(), recipientId: w.owner.id, content: "hey",
      });
      return (await w.blocked.as.mutation(api.unmasking.request, { conversationId })).requestId;
    });
    return { requestId };
  }, viewer("NOT_FOUND", { owner: "BLOCKED", blocked: "FORBIDDEN" })),
  queryRow(api.whispers.listConversation, "across a block", async (w) => ({
    conversationId: (await bobWhispered(w)).conversationId, paginationOpts: { numItems: 10, cursor: null },
  }), BOTH_READ),
  queryRow(api.conversations.get, "across a block", async (w) => ({ conversationId: (await bobWhispered(w)).conversationId }), BOTH_READ),
  mutationRow(api.whispers.deleteWhisper, "bob's whisper across a block", async (w) => ({
    whisperId: (await bobWhispered(w)).whisperId,
  }), viewer("NOT_FOUND", { owner: "FORBIDDEN", blocked: "OK" })),
  mutationRow(api.whispers.sendWhisper, "into a masked conversation across a block", async (w) => ({
    clientId: cid(), conversationId: (await bobWhisperedMystery(w)).conversationId, content: "who is it?",
  }), BOTH_REACH),
  mutationRow(api.whispers.replyToWhisper, "a masked whisper across a block", async (w) => ({
    clientId: cid(), parentId: (await bobWhisperedMystery(w)).whisperId, content: "re",
  }), viewer("NOT_FOUND", { owner: "OK", blocked: "OK" })),
  mutationRow(api.whispers.toggleReaction, "a masked whisper across a block", async (w) => ({
    whisperId: (await bobWhisperedMystery(w)).whisperId, emoji: "👍",
  }), BOTH_REACH),
  mutationRow(api.whispers.editWhisper, "bob's masked whisper across a block", async (w) => ({
    whisperId: (await bobWhisperedMystery(w)).whisperId, content: "guess again", clientId: cid(),
  }), viewer("NOT_FOUND", { owner: "FORBIDDEN", blocked: "OK" })),
  mutationRow(api.unmasking.request, "in a masked conversation across a block", async (w) => ({
    conversationId: (await bobWhisperedMystery(w)).conversationId,
  }), BOTH_REACH),
  // What stops a masked conversation is a block of the conversation itself, in both directions.
  mutationRow(api.whispers.sendWhisper, "into a masked conversation the owner blocked", async (w) => {
    const { conversationId } = await bobWhisperedMystery(w);
    await w.owner.as.mutation(api.conversations.block, { conversationId });
    return { clientId: cid(), conversationId, content: "still there?" };
  }, BOTH_BLOCKED),
];

/** People who may not be reached: banned and erased accounts (NOT_FOUND for everyone). */
const unreachable: Case[] = [
  mutationRow(api.whispers.sendWhisper, "to a banned person", (w) => ({ clientId: cid(), recipientId: w.banned.id, content: "hi" }),
    viewer("NOT_FOUND")),
  mutationRow(api.whispers.sendWhisper, "to an erased person", (w) => ({ clientId: cid(), recipientId: w.erased.id, content: "hi" }),
    viewer("NOT_FOUND")),
  mutationRow(api.whispers.sendWhisper, "to the owner's conversation after the partner was banned", async (w) => {
    const { conversationId } = await chat(w);
    await w.admin.as.mutation(api.admin.banUser, { userId: w.partner.id, reason: "spam" });
    return { clientId: cid(), conversationId, content: "hi" };
  }, viewer("NOT_FOUND")),
  mutationRow(api.friends.request, "to a banned person", (w) => ({ userId: w.banned.id }), viewer("NOT_FOUND", { banned: "BANNED" })),
];

export const MESSAGING_CASES: Case[] = [...accounts, ...whispers, ...conversations, ...devices, ...acrossBlock, ...unreachable];
