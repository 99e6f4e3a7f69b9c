// GDPR: erasure leaves nothing of the person readable (rows and public functions), in batches; and the data export.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { bumpCounter, readCounter } from "../lib/counters";
import { findOrCreateConversation } from "../model/conversations";
import { liveMemberCount } from "../model/echoChambers";
import { eraseUser, FIRST_BUDGET, STALLED_MS } from "../model/erasure";
import { exportOf, latestJob, runScheduled } from "./dataExports.fixtures";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";
import { PNG, storeBytes, upload, wav } from "./uploads.fixtures";

afterEach(() => {
  vi.useRealTimers();
});

const SECRET = "ann's secret words";
const NOTE = "ann's private mood note";

type World = {
  ann: Person;
  bob: Person;
  conversationId: Id<"conversations">;
  mysteryId: Id<"conversations">;
  chamberId: Id<"echoChambers">;
  image: Id<"_storage">;
  voice: Id<"_storage">;
  bobWhisper: Id<"whispers">;
};

let clientSeq = 0;
const whisper = (
  from: Id<"users">,
  to: Id<"users">,
  conversationId: Id<"conversations">,
  extra: Record<string, unknown> = {},
) => ({
  senderId: from,
  recipientId: to,
  conversationId,
  content: SECRET,
  reactions: [],
  clientId: `client-${String(++clientSeq).padStart(6, "0")}`,
  status: "delivered" as const,
  deliveredAt: Date.now(),
  updatedAt: Date.now(),
  ...extra,
});

/** Ann has whispers (text, image, voice, scheduled, mystery), reactions, a chamber, skills, friends, requests. */
async function world(t: TestConvex): Promise<World> {
  const ann = await person(t, "ann", { firstName: "Annabel", lastName: "Quill", career: "Cartographer", mood: "sad", interests: ["Origami"] });
  const bob = await person(t, "bob", { interests: ["origami"] });
  await ann.as.mutation(api.users.setMood, { mood: "lonely", note: NOTE, clientId: "mood-00000001" });
  const image = await storeBytes(t, PNG, "image/png");
  const voice = await storeBytes(t, wav(2), "audio/wav");
  const ids = await t.run(async (ctx) => {
    const now = Date.now();
    const conversation = await findOrCreateConversation(ctx, ann.id, bob.id);
    const mystery = await findOrCreateConversation(ctx, ann.id, bob.id, { mystery: true });
    await ctx.db.insert("files", { storageId: image, ownerId: ann.id, kind: "image", updatedAt: now });
    await ctx.db.insert("files", { storageId: voice, ownerId: ann.id, kind: "voice", updatedAt: now });
    await ctx.db.insert("whispers", whisper(ann.id, bob.id, conversation._id, { imageStorageId: image, imageUrl: "https://x/img" }));
    await ctx.db.insert("whispers", whisper(ann.id, bob.id, conversation._id, { audioStorageId: voice, audioDuration: 3, content: "" }));
    await ctx.db.insert("whispers", whisper(ann.id, bob.id, mystery._id, { isMystery: true }));
    await ctx.db.insert("whispers", whisper(ann.id, bob.id, conversation._id, { status: "scheduled", scheduledFor: now + 60_000, deliveredAt: undefined }));
    const bobWhisper = await ctx.db.insert(
      "whispers",
      whisper(bob.id, ann.id, conversation._id, { content: "bob's words", reactions: [{ userId: ann.id, emoji: "💜", at: now }] }),
    );
    const chamberId = await ctx.db.insert("echoChambers", {
      name: "Night owls", topic: "sleep", topicLower: "sleep", creatorId: bob.id, inviteCode: "code-1234567",
      maxMembers: 10, isPublic: true, memberCount: 2, updatedAt: now,
    });
    for (const [userId, alias] of [[ann.id, "Quiet Fox"], [bob.id, "Blue Owl"]] as const) {
      await ctx.db.insert("chamberMembers", { chamberId, userId, alias, status: "active", joinedAt: now, updatedAt: now });
    }
    await ctx.db.insert("chamberMessages", { chamberId, authorId: ann.id, alias: "Quiet Fox", content: SECRET, clientId: "msg-00000001", updatedAt: now });
    const offering = await ctx.db.insert("skills", {
      userId: ann.id, skillName: "Maps", skillNameLower: "maps", type: "offering", proficiencyLevel: "expert",
      description: SECRET, updatedAt: now,
    });
    await ctx.db.insert("skillMatches", {
      teacherId: ann.id, learnerId: bob.id, offeringSkillId: offering, skillName: "Maps", proposerId: bob.id,
      status: "pending", updatedAt: now,
    });
    await ctx.db.insert("friends", { userId: ann.id, friendId: bob.id, status: "accepted", updatedAt: now });
    await ctx.db.insert("unmaskingRequests", {
      requesterId: ann.id, targetId: bob.id, conversationId: conversation._id, status: "pending", updatedAt: now,
    });
    await ctx.db.insert("pushSubscriptions", { userId: ann.id, endpoint: "https://push/ann", p256dh: "k", auth: "a", updatedAt: now });
    await ctx.db.insert("adminRequests", { userId: ann.id, requestType: "admin", reason: SECRET, status: "pending", updatedAt: now });
    await bumpCounter(ctx, "pendingAdminRequests", 1);
    return { conversationId: conversation._id, mysteryId: mystery._id, chamberId, bobWhisper };
  });
  return { ann, bob, image, voice, ...ids };
}

/** Everything Bob can read through public functions, as one string. */
async function bobsView(t: TestConvex, w: World): Promise<string> {
  const { bob } = w;
  const paging = { numItems: 100, cursor: null };
  const parts: unknown[] = [
    await bob.as.query(api.sync.pull, { cursor: "", limit: 500 }),
    await bob.as.query(api.whispers.listConversation, { conversationId: w.conversationId, paginationOpts: paging }),
    await bob.as.query(api.whispers.listConversation, { conversationId: w.mysteryId, paginationOpts: paging }),
    await bob.as.query(api.echoChambers.listMessages, { chamberId: w.chamberId, paginationOpts: paging }),
    await bob.as.query(api.friends.list, {}),
    await bob.as.query(api.moods.findMoodMatch, { limit: 50 }),
    await exportOf(t, bob),
  ];
  return JSON.stringify(parts);
}

// Not listed: her chamber alias (a random per-chamber pseudonym) and the skill name of Bob's own match.
const PII = [SECRET, NOTE, "Annabel", "Quill", "Cartographer", "Origami", "ann@example.test", "\"ann\""];

describe("softDeleteUser (self)", () => {
  test("Bob can read Ann's content before, and nothing of hers after", async () => {
    const t = newTest();
    const w = await world(t);
    const before = await bobsView(t, w);
    expect(before).toContain(SECRET);
    expect(before).toContain("Cartographer");
    expect(before).toContain("Origami");

    await w.ann.as.mutation(api.users.softDeleteUser, {});
    const after = await bobsView(t, w);
    for (const text of PII) expect(after).not.toContain(text);
    expect(after).toContain("bob's words");
    expect(await w.bob.as.query(api.users.findByUsername, { username: "ann" })).toBeNull();
  });

  test("the rows themselves hold no PII or content of hers; files, subscriptions and friendships are gone", async () => {
    const t = newTest();
    const w = await world(t);
    const { ann } = w;
    await ann.as.mutation(api.users.softDeleteUser, {});
    const state = await t.run(async (ctx) => ({
      user: (await ctx.db.get("users", ann.id))!,
      whispers: await ctx.db.query("whispers").withIndex("by_senderId", (q) => q.eq("senderId", ann.id)).collect(),
      bobWhisper: (await ctx.db.get("whispers", w.bobWhisper))!,
      files: await ctx.db.query("files").collect(),
      stored: [await ctx.db.system.get("_storage", w.image), await ctx.db.system.get("_storage", w.voice)],
      subscriptions: await ctx.db.query("pushSubscriptions").collect(),
      messages: await ctx.db.query("chamberMessages").collect(),
      members: await ctx.db.query("chamberMembers").collect(),
      chamberCount: await liveMemberCount(ctx, (await ctx.db.get("echoChambers", w.chamberId))!),
      skills: await ctx.db.query("skills").collect(),
      matches: await ctx.db.query("skillMatches").collect(),
      friends: await ctx.db.query("friends").collect(),
      unmasking: await ctx.db.query("unmaskingRequests").collect(),
      adminRequests: await ctx.db.query("adminRequests").collect(),
      ownFeed: await ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", ann.id)).collect(),
      pending: await readCounter(ctx, "pendingAdminRequests"),
      receipts: await ctx.db.query("clientOps").collect(),
    }));
    const { user } = state;
    expect(user).toMatchObject({
      email: "",
      displayName: "Deleted user",
      interests: [],
      moodJournal: [],
      isDeleted: true,
      clerkId: ann.clerkId,
    });
    expect(user.username).toMatch(/^deleted-[0-9a-f]{16}$/);
    expect(user.usernameLower).toBe(user.username);
    for (const field of ["firstName", "lastName", "career", "lifePhase", "mood", "pushNotificationToken"] as const) {
      expect(user[field]).toBeUndefined();
    }
    expect(user.deletedAt).toBeTypeOf("number");
    expect(state.whispers).toHaveLength(4);
    for (const row of state.whispers) {
      expect(row).toMatchObject({ content: "", isDeleted: true });
      expect(row.imageUrl ?? row.imageStorageId ?? row.audioStorageId).toBeUndefined();
      expect(row.status).not.toBe("scheduled");
    }
    expect(state.bobWhisper.reactions).toEqual([]);
    expect(state.bobWhisper.content).toBe("bob's words");
    expect(state.files).toEqual([]);
    expect(state.stored).toEqual([null, null]);
    expect(state.subscriptions).toEqual([]);
    expect(state.messages[0]).toMatchObject({ content: "", isDeleted: true });
    expect(state.members.find((m) => m.userId === ann.id)?.status).toBe("left");
    expect(state.chamberCount).toBe(1);
    expect(state.skills[0]).toMatchObject({ isDeleted: true });
    expect(state.skills[0].description).toBeUndefined();
    expect(state.matches[0].status).toBe("declined");
    expect(state.friends).toEqual([]);
    expect(state.unmasking[0].status).toBe("declined");
    expect(state.adminRequests[0]).toMatchObject({ status: "rejected" });
    expect(state.adminRequests[0].reason).toBeUndefined();
    expect(state.pending).toBe(0);
    expect(state.receipts).toEqual([]);
    expect(state.ownFeed).toEqual([]);
  });

  test("the erased account is refused everywhere and a second erasure changes nothing", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await ann.as.mutation(api.users.softDeleteUser, {});
    expect(await codeOf(ann.as.mutation(api.users.softDeleteUser, {}))).toBe("DELETED");
    expect(await codeOf(ann.as.query(api.friends.list, {}))).toBe("DELETED");
    expect(await codeOf(ann.as.mutation(api.dataExports.request, {}))).toBe("DELETED");
    expect(await ann.as.query(api.users.me, {})).toMatchObject({ isDeleted: true, displayName: "Deleted user", email: "" });
    const before = await t.run((ctx) => ctx.db.get("users", ann.id));
    await t.run((ctx) => eraseUser(ctx, ann.id));
    expect(await t.run((ctx) => ctx.db.get("users", ann.id))).toEqual(before);
  });

  test("the last super admin cannot erase themselves", async () => {
    const t = newTest();
    const boss = await person(t, "boss", { role: "super_admin" });
    expect(await codeOf(boss.as.mutation(api.users.softDeleteUser, {}))).toBe("CONFLICT");
    const other = await person(t, "deputy", { role: "super_admin" });
    expect(await codeOf(other.as.mutation(api.users.softDeleteUser, {}))).toBe("OK");
    const roles = await t.run((ctx) => ctx.db.query("adminRoles").collect());
    expect(roles.map((r) => r.userId)).toEqual([boss.id]);
  });
});

describe("eraseUser", () => {
  test("thousands of whispers are erased in scheduled batches; the account in the first transaction", async () => {
    vi.useFakeTimers();
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const total = FIRST_BUDGET * 2 + 250;
    await t.run(async (ctx) => {
      const conversation = await findOrCreateConversation(ctx, ann.id, bob.id);
      for (let i = 0; i < total; i++) await ctx.db.insert("whispers", whisper(ann.id, bob.id, conversation._id));
    });
    await ann.as.mutation(api.users.softDeleteUser, {});
    const countLeft = () =>
      t.run(async (ctx) => (await ctx.db.query("whispers").collect()).filter((w) => w.content !== "").length);
    expect(await t.run(async (ctx) => (await ctx.db.get("users", ann.id))?.isDeleted)).toBe(true);
    expect(await countLeft()).toBe(total - FIRST_BUDGET);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await countLeft()).toBe(0);
    // Bob's feed heard about every tombstone.
    const feed = await t.run((ctx) =>
      ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", bob.id)).collect(),
    );
    expect(feed.filter((row) => row.table === "whispers")).toHaveLength(total);
  });

  test("a batch that failed is scheduled again by the sweep and the erasure finishes; a stale duplicate does nothing; the account says it is being erased until then", async () => {
    vi.useFakeTimers();
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await t.run(async (ctx) => {
      const conversation = await findOrCreateConversation(ctx, ann.id, bob.id);
      for (let i = 0; i < FIRST_BUDGET + 50; i++) await ctx.db.insert("whispers", whisper(ann.id, bob.id, conversation._id));
    });
    const countLeft = () => t.run(async (ctx) => (await ctx.db.query("whispers").collect()).filter((w) => w.content !== "").length);
    expect(await ann.as.mutation(api.users.softDeleteUser, {})).toEqual({ erasing: true });
    expect(await ann.as.query(api.users.me, {})).toMatchObject({ isDeleted: true, erasing: true });
    // Its next batch fails (cancelled here: like a batch that threw, it leaves nothing scheduled after it).
    await t.run(async (ctx) => {
      for (const job of await ctx.db.system.query("_scheduled_functions").collect()) {
        if (job.name.includes("continueErasure") && job.state.kind === "pending") await ctx.scheduler.cancel(job._id);
      }
    });
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await countLeft()).toBe(50);
    // A late duplicate of a batch already run changes nothing; the sweep leaves an erasure that moved recently.
    await t.mutation(internal.erasure.continueErasure, { userId: ann.id, batch: 0 });
    expect(await countLeft()).toBe(50);
    expect(await t.mutation(internal.erasure.resumeStalled, {})).toBe(0);
    vi.advanceTimersByTime(STALLED_MS + 1);
    expect(await t.mutation(internal.erasure.resumeStalled, {})).toBe(1);
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    expect(await countLeft()).toBe(0);
    expect(await ann.as.query(api.users.me, {})).toMatchObject({ isDeleted: true, erasing: false });
    expect(await t.run((ctx) => ctx.db.query("erasures").collect())).toEqual([]);
    expect(await t.mutation(internal.erasure.resumeStalled, {})).toBe(0);
  });

  test("uploads not attached to anything are deleted by the erasing transaction itself, not left to the sweep", async () => {
    vi.useFakeTimers();
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    // Enough whispers that the first transaction's budget ends before the step for files.
    await t.run(async (ctx) => {
      const conversation = await findOrCreateConversation(ctx, ann.id, bob.id);
      for (let i = 0; i < FIRST_BUDGET * 2; i++) await ctx.db.insert("whispers", whisper(ann.id, bob.id, conversation._id));
    });
    const pending = [await upload(t, ann, "image"), await upload(t, ann, "voice")];
    const stranger = await storeBytes(t, PNG);
    await ann.as.mutation(api.users.softDeleteUser, {});
    // Nothing scheduled has run: the files are gone in the same transaction as the account.
    for (const storageId of pending) expect(await t.run((ctx) => ctx.db.system.get("_storage", storageId))).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("files").collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.system.get("_storage", stranger))).not.toBeNull();
    vi.useRealTimers();
  });

  test("admin mode also bans, counted once", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await t.run((ctx) => eraseUser(ctx, ann.id, { reason: "spam", ban: true }));
    await t.run((ctx) => eraseUser(ctx, ann.id, { reason: "spam", ban: true }));
    const user = await t.run((ctx) => ctx.db.get("users", ann.id));
    expect(user).toMatchObject({ isDeleted: true, isBanned: true, banReason: "spam" });
    expect(await t.run((ctx) => readCounter(ctx, "bannedUsers"))).toBe(1);
  });
});

/** An export section's items, as read from the file. */
const items = (section: unknown[]) => section as Array<Record<string, unknown>>;

describe("data export", () => {
  test("exports everything of the viewer, with mystery senders still hidden", async () => {
    const t = newTest();
    const w = await world(t);
    const data = await exportOf(t, w.ann);
    expect(data.format).toBe("whispers-export/2");
    expect(data.profile).toMatchObject({ username: "ann", email: "ann@example.test", firstName: "Annabel" });
    expect(data.profile).not.toHaveProperty("clerkId");
    expect(items(data.moodJournal).map((e) => e.note)).toContain(NOTE);
    expect(data.whispersSent).toHaveLength(4);
    expect(items(data.whispersReceived).map((x) => x.content)).toEqual(["bob's words"]);
    expect(data.conversations).toHaveLength(2);
    expect(data.friends.friends).toHaveLength(1);
    expect(data.chambers[0]).toMatchObject({ alias: "Quiet Fox", status: "active" });
    expect(items(data.chamberMessages).map((m) => m.content)).toEqual([SECRET]);
    expect(items(data.skills).map((s) => s.skillName)).toEqual(["Maps"]);
    expect(data.skillMatches).toHaveLength(1);
    expect(data.unmaskingRequests).toHaveLength(1);
    expect(data.adminRequests).toHaveLength(1);
    expect(data.pushSubscriptions).toEqual([expect.objectContaining({ endpoint: "https://push/ann" })]);

    // Bob received Ann's mystery whisper: his export does not say who sent it.
    const bobs = await exportOf(t, w.bob);
    const mystery = items(bobs.whispersReceived).find((x) => x.conversationId === w.mysteryId);
    expect(mystery).toBeDefined();
    expect(mystery).not.toHaveProperty("senderId");
    const mysteryConversation = items(bobs.conversations).find((c) => c._id === w.mysteryId);
    expect(JSON.stringify(mysteryConversation)).not.toContain(w.ann.id);
    // The scheduled whisper is not delivered yet: not in Bob's export.
    expect(bobs.whispersReceived).toHaveLength(3);
  });

  test("erasure deletes the person's exports: jobs, parts and files", async () => {
    const t = newTest();
    const w = await world(t);
    await exportOf(t, w.ann);
    const done = (await latestJob(t, w.ann.id))!;
    // A second export, its first batch collected (parts written), the rest still to come.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const exportId = await w.ann.as.mutation(api.dataExports.request, {});
    await t.mutation(internal.dataExports.collect, { exportId, batch: 0 });
    expect(await latestJob(t, w.ann.id)).toMatchObject({ status: "collecting", batch: 1 });
    expect(await t.run((ctx) => ctx.db.query("dataExportParts").collect())).not.toEqual([]);
    await w.ann.as.mutation(api.users.softDeleteUser, {});
    await runScheduled(t);
    expect(await t.run((ctx) => ctx.db.query("dataExports").collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.query("dataExportParts").collect())).toEqual([]);
    expect(await t.run((ctx) => ctx.db.system.get("_storage", done.storageId!))).toBeNull();
    expect(await t.run((ctx) => ctx.db.query("files").withIndex("by_owner_pending", (q) => q.eq("ownerId", w.ann.id)).collect())).toEqual([]);
  });

  test("refuses the signed out", async () => {
    const t = newTest();
    expect(await codeOf(t.mutation(api.dataExports.request, {}))).toBe("UNAUTHENTICATED");
    expect(await codeOf(t.query(api.dataExports.current, {}))).toBe("UNAUTHENTICATED");
  });
});
