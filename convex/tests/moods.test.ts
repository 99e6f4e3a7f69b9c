// Mood matching: scoring parts, who is never matched, determinism, the feature flag and limits.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { careerSimilarity, compatibleMoods, interestOverlap, moodCompatibility } from "../model/moods";
import { patchUser } from "../model/profiles";
import { codeOf, newTest, person } from "./test.setup";

describe("scoring rules", () => {
  test("mood compatibility: same mood best, complementary moods good, symmetric", () => {
    expect(moodCompatibility("sad", "sad")).toBe(1);
    expect(moodCompatibility("anxious", "calm")).toBe(0.8);
    expect(moodCompatibility("calm", "anxious")).toBe(0.8);
    expect(moodCompatibility("lonely", "happy")).toBe(0.8);
    expect(moodCompatibility("happy", "excited")).toBe(0.5);
    expect(moodCompatibility("angry", "sad")).toBe(0);
    expect(moodCompatibility(undefined, "sad")).toBe(0);
    expect(compatibleMoods("anxious")[0]).toBe("anxious");
    expect(compatibleMoods("anxious")).toEqual(expect.arrayContaining(["calm", "hopeful"]));
  });

  test("interests by Jaccard similarity (case-insensitive), careers same or related", () => {
    expect(interestOverlap(["Chess", "Hiking"], ["chess", "Jazz"])).toEqual({ shared: ["chess"], jaccard: 1 / 3 });
    expect(interestOverlap([], [])).toEqual({ shared: [], jaccard: 0 });
    expect(careerSimilarity("Nurse", "nurse")).toBe(1);
    expect(careerSimilarity("Data engineer", "Software Engineer")).toBe(0.5);
    expect(careerSimilarity("Chef", "Pilot")).toBe(0);
  });
});

describe("findMoodMatch", () => {
  test("ranks people by weighted parts that add up to the score, with shared interests", async () => {
    const t = newTest();
    const me = await person(t, "ann", { mood: "anxious", interests: ["Chess", "Jazz"], lifePhase: "student", career: "Nurse" });
    await person(t, "twin", { mood: "anxious", interests: ["chess", "jazz"], lifePhase: "student", career: "Nurse" });
    await person(t, "calmo", { mood: "calm", interests: ["Chess"], lifePhase: "parent", career: "Pilot" });
    await person(t, "grump", { mood: "angry", lifePhase: "retired" });
    const matches = await me.as.query(api.moods.findMoodMatch, {});
    expect(matches.map((m) => m.user.username)).toEqual(["twin", "calmo"]);
    expect(matches[0]).toMatchObject({
      score: 1,
      parts: { mood: 0.4, interests: 0.3, lifePhase: 0.15, career: 0.15 },
      sharedInterests: ["chess", "jazz"],
    });
    const calmo = matches[1];
    expect(calmo.parts).toEqual({ mood: 0.32, interests: 0.15, lifePhase: 0, career: 0 });
    expect(calmo.score).toBeCloseTo(calmo.parts.mood + calmo.parts.interests + calmo.parts.lifePhase + calmo.parts.career);
    expect(calmo.user).not.toHaveProperty("firstName");
    expect(calmo.user).not.toHaveProperty("email");
  });

  test("never self, blocked either way, erased, banned or not onboarded people", async () => {
    const t = newTest();
    const me = await person(t, "ann", { mood: "sad" });
    const blockedByMe = await person(t, "bea", { mood: "sad" });
    const blocksMe = await person(t, "cal", { mood: "sad" });
    await person(t, "ban", { mood: "sad", banned: true });
    const gone = await person(t, "gus", { mood: "sad" });
    await person(t, "ok", { mood: "sad" });
    const fresh = await person(t, "new", { mood: "sad" });
    await t.run((ctx) => patchUser(ctx, fresh.id, { onboarded: false }));
    await me.as.mutation(api.friends.block, { userId: blockedByMe.id });
    await blocksMe.as.mutation(api.friends.block, { userId: me.id });
    await gone.as.mutation(api.users.softDeleteUser, {});
    const matches = await me.as.query(api.moods.findMoodMatch, { limit: 50 });
    expect(matches.map((m) => m.user.username)).toEqual(["ok"]);
  });

  test("is deterministic: equal scores in id order, the same list every time, cut at limit", async () => {
    const t = newTest();
    const me = await person(t, "ann", { mood: "happy" });
    const ids = [];
    for (const name of ["zed", "amy", "kai", "lou"]) ids.push((await person(t, name, { mood: "happy" })).id);
    const first = await me.as.query(api.moods.findMoodMatch, { limit: 3 });
    const second = await me.as.query(api.moods.findMoodMatch, { limit: 3 });
    expect(first).toEqual(second);
    expect(first.map((m) => m.user._id)).toEqual([...ids].sort().slice(0, 3));
    expect(first.every((m) => m.score === 0.4)).toBe(true);
  });

  test("finds people through interests alone, and nobody for someone with nothing to match on", async () => {
    const t = newTest();
    const me = await person(t, "ann", { interests: ["Knitting"] });
    await person(t, "bob", { interests: ["knitting"] });
    expect((await me.as.query(api.moods.findMoodMatch, {})).map((m) => m.user.username)).toEqual(["bob"]);
    const blank = await person(t, "cy");
    expect(await blank.as.query(api.moods.findMoodMatch, {})).toEqual([]);
  });

  test("checks the limit, the MOOD_MATCH flag and the caller", async () => {
    const t = newTest();
    const me = await person(t, "ann", { mood: "happy" });
    expect(await codeOf(me.as.query(api.moods.findMoodMatch, { limit: 0 }))).toBe("INVALID");
    expect(await codeOf(me.as.query(api.moods.findMoodMatch, { limit: 51 }))).toBe("INVALID");
    expect(await codeOf(t.query(api.moods.findMoodMatch, {}))).toBe("UNAUTHENTICATED");
    const banned = await person(t, "ban", { banned: true });
    expect(await codeOf(banned.as.query(api.moods.findMoodMatch, {}))).toBe("BANNED");
    await t.run((ctx) => ctx.db.insert("featureFlags", { name: "MOOD_MATCH", enabled: false, updatedAt: 0 }));
    expect(await codeOf(me.as.query(api.moods.findMoodMatch, {}))).toBe("FEATURE_DISABLED");
  });
});
