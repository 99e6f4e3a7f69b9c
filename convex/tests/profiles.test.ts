// The profiles table: every write of a mirrored field keeps a person's compact row in step with their users document; erasure blanks it; the backfill; who reads it.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { findOrCreateConversation } from "../model/conversations";
import { profileFields } from "../model/profiles";
import { newTest, person, type TestConvex } from "./test.setup";

afterEach(() => {
  vi.useRealTimers();
});

const rowOf = (t: TestConvex, userId: Id<"users">) =>
  t.run((ctx) =>
    ctx.db
      .query("profiles")
      .withIndex("by_userId", (q) => q.eq("userId", userId))
      .unique(),
  );
const userOf = (t: TestConvex, userId: Id<"users">) => t.run((ctx) => ctx.db.get("users", userId));

/** Asserts `userId`'s profiles row holds what their users document says (its updatedAt included) and returns it. */
async function expectInStep(t: TestConvex, userId: Id<"users">) {
  const row = await rowOf(t, userId);
  expect(row).not.toBeNull();
  const { _id, _creationTime, ...fields } = row!;
  expect(fields).toEqual(profileFields((await userOf(t, userId))!));
  return row!;
}

/** The next mutation runs a millisecond later (updatedAt differs from the last one). */
const tick = () => new Promise((resolve) => setTimeout(resolve, 2));

const identity = { subject: "user_new", issuer: "https://test.whispers.local", givenName: "Nora", familyName: "Quist" };

describe("the row follows every write of a mirrored field", () => {
  test("sign-up, onboarding, profile edits, moods and the Clerk webhook", async () => {
    const t = newTest();
    const as = t.withIdentity(identity);
    const { _id: id } = await as.mutation(api.users.ensureViewer, {});
    expect(await expectInStep(t, id)).toMatchObject({ onboarded: false, matchable: false, firstName: "Nora" });
    await as.mutation(api.users.completeOnboarding, { username: "nora", displayName: "Nora Q", interests: ["Chess"] });
    expect(await expectInStep(t, id)).toMatchObject({ username: "nora", displayName: "Nora Q", matchable: true });
    await as.mutation(api.users.updateProfile, { career: "Nurse", lifePhase: "Student", interests: ["Chess", "Jazz"] });
    expect(await expectInStep(t, id)).toMatchObject({ career: "Nurse", lifePhase: "Student", interests: ["Chess", "Jazz"] });
    await as.mutation(api.users.updateProfile, { career: "" });
    expect(await expectInStep(t, id)).not.toHaveProperty("career");
    const calm = await as.mutation(api.users.setMood, { mood: "calm" });
    const first = await expectInStep(t, id);
    expect(first.mood).toBe("calm");
    await tick();
    // The same mood again is news to matching (most recently updated first).
    const again = await as.mutation(api.users.setMood, { mood: "calm" });
    expect((await expectInStep(t, id)).updatedAt).toBeGreaterThan(first.updatedAt);
    await as.mutation(api.users.updateMoodEntry, { at: again.at, mood: "sad" });
    expect((await expectInStep(t, id)).mood).toBe("sad");
    await as.mutation(api.users.deleteMoodEntry, { at: again.at });
    expect((await expectInStep(t, id)).mood).toBe(calm.mood);
    await t.mutation(internal.users.upsertFromClerk, { clerkId: "user_new", firstName: "Nova", lastName: "Quinn" });
    expect(await expectInStep(t, id)).toMatchObject({ firstName: "Nova", lastName: "Quinn" });
  });

  test("a ban and its lifting; a private change (the theme) leaves the row and its time alone", async () => {
    const t = newTest();
    const admin = await person(t, "root", { role: "super_admin" });
    const ann = await person(t, "ann", { mood: "happy" });
    await admin.as.mutation(api.admin.banUser, { userId: ann.id, reason: "spam" });
    expect(await expectInStep(t, ann.id)).toMatchObject({ isBanned: true, matchable: false });
    await admin.as.mutation(api.admin.unbanUser, { userId: ann.id });
    const row = await expectInStep(t, ann.id);
    expect(row).toMatchObject({ isBanned: false, matchable: true });
    await tick();
    await ann.as.mutation(api.users.setThemePreference, { themePreference: "dark" });
    expect((await userOf(t, ann.id))!.updatedAt).toBeGreaterThan(row.updatedAt);
    expect(await rowOf(t, ann.id)).toEqual(row);
  });

  test("erasure blanks it (self and admin): the tombstone username, nothing of the person, never matchable", async () => {
    const t = newTest();
    const admin = await person(t, "root", { role: "super_admin" });
    const ann = await person(t, "ann", { mood: "happy", career: "Nurse", lifePhase: "Student", interests: ["Chess"] });
    const bob = await person(t, "bob", { mood: "sad", career: "Chef", interests: ["Jazz"] });
    await ann.as.mutation(api.users.softDeleteUser, {});
    await admin.as.mutation(api.admin.softDeleteUser, { userId: bob.id, reason: "spam" });
    for (const [who, banned] of [[ann, false], [bob, true]] as const) {
      const row = await expectInStep(t, who.id);
      const { _id, _creationTime, userId: _userId, username, updatedAt: _updatedAt, ...rest } = row;
      expect(username).toBe((await userOf(t, who.id))!.username);
      expect(username).not.toBe(who.username);
      expect(rest).toEqual({ displayName: "Deleted user", interests: [], isDeleted: true, isBanned: banned, onboarded: true, matchable: false });
    }
  });
});

describe("the backfill (run at deploy)", () => {
  test("writes missing and stale rows in scheduled batches and leaves right ones as they are", async () => {
    vi.useFakeTimers();
    const t = newTest();
    const right = await person(t, "right", { mood: "calm" });
    const stale = await person(t, "stale", { mood: "happy" });
    const rightRow = (await rowOf(t, right.id))!;
    await t.run(async (ctx) => {
      const row = (await ctx.db
        .query("profiles")
        .withIndex("by_userId", (q) => q.eq("userId", stale.id))
        .unique())!;
      await ctx.db.patch("profiles", row._id, { mood: "sad", displayName: "Old name" });
    });
    // 250 people from before the table: more than one batch.
    const missing = await t.run(async (ctx) => {
      const ids: Id<"users">[] = [];
      for (let i = 0; i < 250; i++) {
        const username = `old${i}`;
        ids.push(
          await ctx.db.insert("users", {
            clerkId: `user_${username}`,
            username,
            usernameLower: username,
            email: `${username}@example.test`,
            displayName: `Old ${i}`,
            interests: [],
            mood: "tired",
            moodJournal: [{ mood: "tired", at: 1 }],
            themePreference: "system",
            isDeleted: false,
            onboarded: true,
            updatedAt: 1,
          }),
        );
      }
      return ids;
    });
    await t.mutation(internal.profiles.backfill, {});
    await t.finishAllScheduledFunctions(vi.runAllTimers);
    for (const id of [stale.id, ...missing]) await expectInStep(t, id);
    expect(await rowOf(t, right.id)).toEqual(rightRow);
    expect(await t.run(async (ctx) => (await ctx.db.query("profiles").collect()).length)).toBe(252);
  });

  test("until it reaches someone, views of them are read from their users document", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const oldId = await t.run(async (ctx) => {
      const id = await ctx.db.insert("users", {
        clerkId: "user_old",
        username: "old",
        usernameLower: "old",
        email: "old@example.test",
        displayName: "Old Timer",
        interests: ["Chess"],
        moodJournal: [],
        themePreference: "system",
        isDeleted: false,
        onboarded: true,
        updatedAt: 1,
      });
      await findOrCreateConversation(ctx, ann.id, id);
      return id;
    });
    const [conversation] = await ann.as.query(api.conversations.list, {});
    expect(conversation.counterpart).toMatchObject({ _id: oldId, displayName: "Old Timer", interests: ["Chess"] });
  });
});

describe("who reads it", () => {
  test("others see a public profile changed when a public field changed, not when a theme did", async () => {
    const t = newTest();
    const [ann, bob] = [await person(t, "ann"), await person(t, "bob")];
    await t.run((ctx) => findOrCreateConversation(ctx, ann.id, bob.id));
    const before = (await ann.as.query(api.conversations.list, {}))[0].counterpart;
    await tick();
    await bob.as.mutation(api.users.setThemePreference, { themePreference: "dark" });
    expect((await ann.as.query(api.conversations.list, {}))[0].counterpart).toEqual(before);
    await bob.as.mutation(api.users.updateProfile, { displayName: "Bobby" });
    const after = (await ann.as.query(api.conversations.list, {}))[0].counterpart;
    expect(after).toMatchObject({ displayName: "Bobby", updatedAt: (await userOf(t, bob.id))!.updatedAt });
  });
});
