// The viewer's account: first sign-in, onboarding, profile rules, mood journal, lookups and profile publishing.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { readCounter } from "../lib/counters";
import { JOURNAL_MAX } from "../model/moods";
import { codeOf, newTest, person, type TestConvex } from "./test.setup";

const newcomer = (t: TestConvex, claims: Record<string, string> = {}) =>
  t.withIdentity({ subject: "user_new", issuer: "https://test.whispers.local", ...claims });

const feedOf = (t: TestConvex, userId: Id<"users">) =>
  t.run(async (ctx) =>
    (await ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", userId)).collect()).map(
      (row) => row.docId,
    ),
  );

/** For each viewer whose feed holds `docId`: the commit timestamp of its latest change there. */
const seqsOf = async (t: TestConvex, docId: string) => {
  const rows = await t.run(async (ctx) => (await ctx.db.query("syncChanges").collect()).filter((row) => row.docId === docId));
  return new Map(rows.map((row) => [row.userId, row.commitTs]));
};

describe("ensureViewer", () => {
  test("creates the account from the identity once, counted, with a provisional username", async () => {
    const t = newTest();
    const me = newcomer(t, {
      name: "Zoë Stone",
      nickname: "zee",
      email: "zoe@example.test",
      givenName: "Zoë",
      familyName: "Stone",
    });
    const first = await me.mutation(api.users.ensureViewer, {});
    expect(first).toMatchObject({
      isSelf: true,
      email: "zoe@example.test",
      displayName: "zee",
      firstName: "Zoë",
      lastName: "Stone",
      onboarded: false,
      username: "zee",
      moodJournal: [],
      themePreference: "system",
    });
    const again = await me.mutation(api.users.ensureViewer, {});
    expect(again._id).toBe(first._id);
    const rows = await t.run((ctx) => ctx.db.query("users").collect());
    expect(rows).toHaveLength(1);
    expect(rows[0].clerkId).toBe("user_new");
    expect(await t.run((ctx) => readCounter(ctx, "users"))).toBe(1);
    expect(await feedOf(t, first._id)).toEqual([first._id]);
    expect(first).not.toHaveProperty("clerkId");
  });

  test("adds a numeric suffix when the derived username is taken (case-insensitively) and copes with no name", async () => {
    const t = newTest();
    await person(t, "Zoe");
    const me = newcomer(t, { nickname: "zoe" });
    expect((await me.mutation(api.users.ensureViewer, {})).username).toBe("zoe2");
    const bare = t.withIdentity({ subject: "user_bare", issuer: "x" });
    const profile = await bare.mutation(api.users.ensureViewer, {});
    expect(profile).toMatchObject({ username: "whisperer", email: "", displayName: "whisperer" });
    const reserved = t.withIdentity({ subject: "user_admin", issuer: "x", nickname: "admin" });
    expect((await reserved.mutation(api.users.ensureViewer, {})).username).toBe("admin2");
    // The real name and the email never become the public name: Whispers is anonymous by default.
    const named = t.withIdentity({ subject: "user_named", issuer: "x", name: "Rea Lname", email: "rea@example.test" });
    expect(await named.mutation(api.users.ensureViewer, {})).toMatchObject({
      username: "whisperer2",
      displayName: "whisperer2",
    });
  });

  test("refuses the signed out, banned and erased accounts", async () => {
    const t = newTest();
    expect(await codeOf(t.mutation(api.users.ensureViewer, {}))).toBe("UNAUTHENTICATED");
    const banned = await person(t, "bob", { banned: true });
    expect(await codeOf(banned.as.mutation(api.users.ensureViewer, {}))).toBe("BANNED");
    const gone = await person(t, "gus");
    await gone.as.mutation(api.users.softDeleteUser, {});
    expect(await codeOf(gone.as.mutation(api.users.ensureViewer, {}))).toBe("DELETED");
    expect(await t.run(async (ctx) => (await ctx.db.query("users").collect()).length)).toBe(2);
  });
});

describe("me", () => {
  test("null when signed out or before the first sign-in; own profile after", async () => {
    const t = newTest();
    expect(await t.query(api.users.me, {})).toBeNull();
    const me = newcomer(t, { nickname: "Kim" });
    expect(await me.query(api.users.me, {})).toBeNull();
    await me.mutation(api.users.ensureViewer, {});
    expect(await me.query(api.users.me, {})).toMatchObject({ username: "kim", isSelf: true, isBanned: false });
  });
});

describe("usernames", () => {
  test("isUsernameAvailable explains format, reserved and taken names", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await person(t, "Bob.Smith");
    const check = (username: string) => ann.as.query(api.users.isUsernameAvailable, { username });
    expect(await check("ab")).toMatchObject({ available: false, reason: expect.stringMatching(/at least 3/) });
    expect(await check("x".repeat(25))).toMatchObject({ available: false, reason: expect.stringMatching(/at most 24/) });
    expect(await check("no spaces")).toMatchObject({ available: false, reason: expect.stringMatching(/letters, digits/) });
    expect(await check("ADMIN")).toMatchObject({ available: false, reason: expect.stringMatching(/reserved/) });
    expect(await check("bob.smith")).toMatchObject({ available: false, reason: expect.stringMatching(/taken/) });
    expect(await check("ANN")).toEqual({ available: true, reason: null });
    expect(await check("new_name.2")).toEqual({ available: true, reason: null });
    expect(await codeOf(t.query(api.users.isUsernameAvailable, { username: "abc" }))).toBe("UNAUTHENTICATED");
  });

  test("updateProfile refuses a username taken in another case, and accepts a new case of one's own", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await person(t, "bob");
    expect(await codeOf(ann.as.mutation(api.users.updateProfile, { username: "BOB" }))).toBe("CONFLICT");
    expect(await codeOf(ann.as.mutation(api.users.updateProfile, { username: "someone" }))).toBe("INVALID");
    const updated = await ann.as.mutation(api.users.updateProfile, { username: "Ann" });
    expect(updated.username).toBe("Ann");
    const row = await t.run((ctx) => ctx.db.get("users", ann.id));
    expect(row?.usernameLower).toBe("ann");
  });
});

describe("completeOnboarding and updateProfile", () => {
  test("onboarding sets the chosen fields, trims and de-duplicates interests", async () => {
    const t = newTest();
    const me = newcomer(t, { nickname: "Kim" });
    await me.mutation(api.users.ensureViewer, {});
    const profile = await me.mutation(api.users.completeOnboarding, {
      username: "kim_w",
      displayName: "  Kim  ",
      career: "Nurse",
      interests: ["Hiking", " hiking ", "", "Chess"],
      lifePhase: "parent",
      firstName: "Kim",
      lastName: "W",
    });
    expect(profile).toMatchObject({
      username: "kim_w",
      displayName: "Kim",
      career: "Nurse",
      interests: ["Hiking", "Chess"],
      lifePhase: "parent",
      onboarded: true,
    });
  });

  test("enforces every length limit", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const update = (fields: object) => codeOf(ann.as.mutation(api.users.updateProfile, fields));
    expect(await update({ displayName: "x".repeat(51) })).toBe("INVALID");
    expect(await update({ displayName: "   " })).toBe("INVALID");
    expect(await update({ career: "x".repeat(81) })).toBe("INVALID");
    expect(await update({ lifePhase: "x".repeat(41) })).toBe("INVALID");
    expect(await update({ firstName: "x".repeat(51) })).toBe("INVALID");
    expect(await update({ interests: ["x".repeat(41)] })).toBe("INVALID");
    expect(await update({ interests: Array.from({ length: 21 }, (_, i) => `i${i}`) })).toBe("INVALID");
    expect(await update({ displayName: "x".repeat(50), career: "x".repeat(80), lifePhase: "x".repeat(40) })).toBe("OK");
  });

  test("an empty optional field clears it; left-out fields stay", async () => {
    const t = newTest();
    const ann = await person(t, "ann", { career: "Chef", lifePhase: "student" });
    const profile = await ann.as.mutation(api.users.updateProfile, { career: "" });
    expect(profile.career).toBeUndefined();
    expect(profile.lifePhase).toBe("student");
  });

  test("a profile change reaches conversation partners and friends, never a mystery recipient or blocked people", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const [partner, mysteryRecipient, friend, blocker] = await Promise.all(
      ["pat", "mia", "fay", "bo"].map((name) => person(t, name)),
    );
    await t.run(async (ctx) => {
      const { findOrCreateConversation } = await import("../model/conversations");
      await findOrCreateConversation(ctx, ann.id, partner.id);
      await findOrCreateConversation(ctx, ann.id, mysteryRecipient.id, { mystery: true });
      await findOrCreateConversation(ctx, blocker.id, ann.id);
      await ctx.db.insert("friends", { userId: friend.id, friendId: ann.id, status: "accepted", updatedAt: 0 });
      await ctx.db.insert("friends", { userId: blocker.id, friendId: ann.id, status: "blocked", updatedAt: 0 });
    });
    const before = await seqsOf(t, ann.id);
    await ann.as.mutation(api.users.updateProfile, { career: "Pilot" });
    const after = await seqsOf(t, ann.id);
    const reached = [...after.keys()].filter((userId) => after.get(userId) !== before.get(userId));
    expect(reached.sort()).toEqual([ann.id, partner.id, friend.id].sort());
    expect(after.has(mysteryRecipient.id)).toBe(false);
  });

  test("the theme is private: only the viewer's feed hears about it", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const pat = await person(t, "pat");
    await t.run(async (ctx) => {
      const { findOrCreateConversation } = await import("../model/conversations");
      await findOrCreateConversation(ctx, ann.id, pat.id);
    });
    const before = await feedOf(t, pat.id);
    await ann.as.mutation(api.users.setThemePreference, { themePreference: "dark" });
    expect((await ann.as.query(api.users.me, {}))?.themePreference).toBe("dark");
    expect(await feedOf(t, pat.id)).toEqual(before);
    expect(await feedOf(t, ann.id)).toContain(ann.id);
  });

  test("anonymous, banned and erased callers are refused", async () => {
    const t = newTest();
    const banned = await person(t, "bob", { banned: true });
    const calls = (as: TestConvex | ReturnType<TestConvex["withIdentity"]>) => [
      as.mutation(api.users.updateProfile, { career: "x" }),
      as.mutation(api.users.completeOnboarding, { username: "abc", displayName: "A" }),
      as.mutation(api.users.setThemePreference, { themePreference: "dark" }),
      as.mutation(api.users.setMood, { mood: "happy" }),
      as.mutation(api.users.updateMoodEntry, { at: 1, mood: "happy" }),
      as.mutation(api.users.deleteMoodEntry, { at: 1 }),
      as.query(api.users.findByUsername, { username: "bob" }),
      as.mutation(api.users.softDeleteUser, {}),
      as.mutation(api.dataExports.request, {}),
      as.query(api.dataExports.current, {}),
    ];
    for (const call of calls(t)) expect(await codeOf(call)).toBe("UNAUTHENTICATED");
    for (const call of calls(banned.as)) expect(await codeOf(call)).toBe("BANNED");
  });
});

describe("mood journal", () => {
  test("setMood appends entries with notes and sets the current mood; unknown moods and long notes are refused", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const first = await ann.as.mutation(api.users.setMood, { mood: "calm", note: "  tea  " });
    const second = await ann.as.mutation(api.users.setMood, { mood: "tired" });
    expect(first).toMatchObject({ mood: "calm", note: "tea" });
    expect(second.at).toBeGreaterThan(first.at);
    const me = await ann.as.query(api.users.me, {});
    expect(me?.mood).toBe("tired");
    expect(me?.moodJournal).toEqual([first, second]);
    expect(await codeOf(ann.as.mutation(api.users.setMood, { mood: "ecstatic" }))).toBe("INVALID");
    expect(await codeOf(ann.as.mutation(api.users.setMood, { mood: "sad", note: "x".repeat(281) }))).toBe("INVALID");
  });

  test("setMood with a clientId is exactly-once", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const clientId = "c0ffee00-1111-2222";
    const first = await ann.as.mutation(api.users.setMood, { mood: "hopeful", clientId });
    const again = await ann.as.mutation(api.users.setMood, { mood: "hopeful", clientId });
    expect(again).toEqual(first);
    expect((await ann.as.query(api.users.me, {}))?.moodJournal).toHaveLength(1);
    expect(await codeOf(ann.as.mutation(api.users.setMood, { mood: "sad", clientId: "bad id" }))).toBe("INVALID");
  });

  test("the journal keeps the latest entries only", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    await t.run((ctx) =>
      ctx.db.patch("users", ann.id, {
        moodJournal: Array.from({ length: JOURNAL_MAX }, (_, i) => ({ mood: "calm", at: i + 1 })),
      }),
    );
    await ann.as.mutation(api.users.setMood, { mood: "happy" });
    const journal = (await ann.as.query(api.users.me, {}))!.moodJournal;
    expect(journal).toHaveLength(JOURNAL_MAX);
    expect(journal[0].at).toBe(2);
    expect(journal[journal.length - 1].mood).toBe("happy");
  });

  test("updateMoodEntry and deleteMoodEntry edit by `at`; the latest entry drives the current mood", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const a = await ann.as.mutation(api.users.setMood, { mood: "sad" });
    const b = await ann.as.mutation(api.users.setMood, { mood: "lonely", note: "quiet day" });
    await ann.as.mutation(api.users.updateMoodEntry, { at: a.at, mood: "anxious", note: "exam" });
    let me = await ann.as.query(api.users.me, {});
    expect(me?.moodJournal[0]).toEqual({ mood: "anxious", note: "exam", at: a.at });
    expect(me?.mood).toBe("lonely");
    await ann.as.mutation(api.users.updateMoodEntry, { at: b.at, mood: "grateful" });
    me = await ann.as.query(api.users.me, {});
    expect(me?.moodJournal[1]).toEqual({ mood: "grateful", at: b.at });
    expect(me?.mood).toBe("grateful");
    await ann.as.mutation(api.users.deleteMoodEntry, { at: b.at });
    me = await ann.as.query(api.users.me, {});
    expect(me?.moodJournal).toHaveLength(1);
    expect(me?.mood).toBe("anxious");
    await ann.as.mutation(api.users.deleteMoodEntry, { at: a.at });
    expect((await ann.as.query(api.users.me, {}))?.mood).toBeUndefined();
    expect(await codeOf(ann.as.mutation(api.users.deleteMoodEntry, { at: a.at }))).toBe("NOT_FOUND");
    expect(await codeOf(ann.as.mutation(api.users.updateMoodEntry, { at: 123, mood: "sad" }))).toBe("NOT_FOUND");
    expect(await codeOf(ann.as.mutation(api.users.updateMoodEntry, { at: a.at, mood: "meh" }))).toBe("INVALID");
  });
});

describe("findByUsername", () => {
  test("finds people case-insensitively; null for unknown, blocked either way, banned, erased and not onboarded", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "Bob", { career: "Baker" });
    const found = await ann.as.query(api.users.findByUsername, { username: " bob " });
    expect(found).toMatchObject({ _id: bob.id, username: "Bob", career: "Baker", isDeleted: false });
    expect(found).not.toHaveProperty("email");
    expect(found).not.toHaveProperty("firstName");
    expect(await ann.as.query(api.users.findByUsername, { username: "nobody" })).toBeNull();

    await bob.as.mutation(api.friends.block, { userId: ann.id });
    expect(await ann.as.query(api.users.findByUsername, { username: "bob" })).toBeNull();
    await bob.as.mutation(api.friends.unblock, { userId: ann.id });
    await ann.as.mutation(api.friends.block, { userId: bob.id });
    expect(await ann.as.query(api.users.findByUsername, { username: "bob" })).toBeNull();

    await person(t, "ban", { banned: true });
    expect(await ann.as.query(api.users.findByUsername, { username: "ban" })).toBeNull();
    const fresh = newcomer(t, { name: "newbie" });
    await fresh.mutation(api.users.ensureViewer, {});
    expect(await ann.as.query(api.users.findByUsername, { username: "newbie" })).toBeNull();
  });

  test("reveals first and last name only after an accepted unmasking", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob", { firstName: "Robert", lastName: "Stone" });
    await t.run(async (ctx) => {
      const { findOrCreateConversation } = await import("../model/conversations");
      const conversation = await findOrCreateConversation(ctx, ann.id, bob.id);
      await ctx.db.insert("unmaskingRequests", {
        requesterId: ann.id,
        targetId: bob.id,
        conversationId: conversation._id,
        status: "accepted",
        updatedAt: 0,
      });
    });
    expect(await ann.as.query(api.users.findByUsername, { username: "bob" })).toMatchObject({
      firstName: "Robert",
      lastName: "Stone",
    });
  });
});

describe("projectUser", () => {
  const project = (t: TestConvex, viewerId: Id<"users">, userId: Id<"users">) =>
    t.run(async (ctx) => {
      const { projectUser } = await import("../model/users");
      return await projectUser(ctx, (await ctx.db.get("users", viewerId))!, (await ctx.db.get("users", userId))!);
    });

  test("self: the whole own profile; others: the public profile, names only after an unmasking", async () => {
    const t = newTest();
    const ann = await person(t, "ann", { mood: "calm" });
    const bob = await person(t, "bob", { firstName: "Robert" });
    expect(await project(t, ann.id, ann.id)).toMatchObject({ isSelf: true, email: "ann@example.test", moodJournal: [{ mood: "calm" }] });
    const seen = await project(t, ann.id, bob.id);
    expect(seen).toMatchObject({ _id: bob.id, username: "bob" });
    expect(seen).not.toHaveProperty("email");
    expect(seen).not.toHaveProperty("firstName");
    expect(seen).not.toHaveProperty("moodJournal");
    await t.run(async (ctx) => {
      const { findOrCreateConversation } = await import("../model/conversations");
      const conversation = await findOrCreateConversation(ctx, ann.id, bob.id);
      await ctx.db.insert("unmaskingRequests", {
        requesterId: bob.id, targetId: ann.id, conversationId: conversation._id, status: "accepted", updatedAt: 0,
      });
    });
    expect(await project(t, ann.id, bob.id)).toMatchObject({ firstName: "Robert" });
  });

  test("null when blocked either way, never because someone is a hidden mystery sender", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await t.run(async (ctx) => {
      const { findOrCreateConversation } = await import("../model/conversations");
      await findOrCreateConversation(ctx, ann.id, bob.id, { mystery: true });
    });
    // A tombstone only for the hidden sender would tell the recipient who it is (model/visibility.ts).
    expect(await project(t, bob.id, ann.id)).toMatchObject({ _id: ann.id });
    expect(await project(t, bob.id, ann.id)).not.toHaveProperty("firstName");
    expect(await project(t, ann.id, bob.id)).toMatchObject({ _id: bob.id });
    await bob.as.mutation(api.friends.block, { userId: ann.id });
    expect(await project(t, bob.id, ann.id)).toBeNull();
    expect(await project(t, ann.id, bob.id)).toBeNull();
  });
});
