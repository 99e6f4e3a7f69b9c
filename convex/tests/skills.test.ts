// Skill exchange: listings, search, suggested matches and the propose/accept/decline/complete flow.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { patchUser } from "../model/profiles";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";

type Level = "beginner" | "intermediate" | "advanced" | "expert";

const offer = async (who: Person, skillName: string, proficiencyLevel: Level = "advanced") =>
  (await who.as.mutation(api.skills.add, { skillName, type: "offering", proficiencyLevel })).skillId;
const seek = async (who: Person, skillName: string, proficiencyLevel: Level = "beginner") =>
  (await who.as.mutation(api.skills.add, { skillName, type: "seeking", proficiencyLevel })).skillId;

const block = (t: TestConvex, from: Person, to: Person) =>
  t.run((ctx) => ctx.db.insert("friends", { userId: from.id, friendId: to.id, status: "blocked", updatedAt: Date.now() }));

const feedDocIds = (t: TestConvex, who: Person) =>
  t.run(async (ctx) =>
    (await ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", who.id)).collect()).map(
      (row) => row.docId,
    ),
  );

describe("listings", () => {
  test("add creates one listing per skill and type; a repeat updates it", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const ben = await person(t, "ben");
    const first = await ann.as.mutation(api.skills.add, {
      skillName: "  Guitar  ",
      type: "offering",
      proficiencyLevel: "intermediate",
      description: "Folk and blues",
    });
    const again = await ann.as.mutation(api.skills.add, { skillName: "guitar", type: "offering", proficiencyLevel: "expert" });
    expect(again).toEqual(first);
    const seeking = await seek(ann, "Guitar");
    expect(seeking).not.toBe(first.skillId);
    const mine = await ann.as.query(api.skills.mine, {});
    expect(mine).toHaveLength(2);
    const guitar = mine.find((s) => s._id === first.skillId)!;
    expect(guitar).toMatchObject({ skillName: "guitar", type: "offering", proficiencyLevel: "expert", isYours: true });
    expect(guitar.description).toBeUndefined();
    expect(guitar.owner).toBeUndefined();
    expect(await feedDocIds(t, ann)).toEqual(expect.arrayContaining([first.skillId, seeking]));
    expect(await feedDocIds(t, ben)).toEqual([]);
  });

  test("validates names, descriptions and clientIds, and is exactly-once with a clientId", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const add = (extra: object) =>
      ann.as.mutation(api.skills.add, { skillName: "Chess", type: "offering", proficiencyLevel: "expert", ...extra });
    expect(await codeOf(add({ skillName: "C" }))).toBe("INVALID");
    expect(await codeOf(add({ skillName: "x".repeat(61) }))).toBe("INVALID");
    expect(await codeOf(add({ description: "d".repeat(281) }))).toBe("INVALID");
    expect(await codeOf(add({ clientId: "no" }))).toBe("INVALID");
    const clientId = "skill-client-0001";
    const first = await add({ clientId, skillName: "Go" });
    const again = await add({ clientId, skillName: "Go" });
    expect(again).toEqual(first);
    expect(await codeOf(add({ clientId, skillName: "Poker" }))).toBe("CLIENT_ID_REUSED");
    expect((await ann.as.query(api.skills.mine, {})).map((s) => s.skillName)).toEqual(["Go"]);
  });

  test("a person keeps at most 50 listings", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    for (let i = 0; i < 50; i++) await offer(ann, `Skill ${i}`);
    expect(await codeOf(offer(ann, "One more"))).toBe("LIMIT_REACHED");
    expect(await codeOf(offer(ann, "Skill 3", "expert"))).toBe("OK");
  });

  test("remove tombstones the owner's listing only; adding it again revives it", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const skillId = await offer(ann, "Baking");
    expect(await codeOf(ben.as.mutation(api.skills.remove, { skillId }))).toBe("FORBIDDEN");
    await ann.as.mutation(api.skills.remove, { skillId });
    await ann.as.mutation(api.skills.remove, { skillId });
    expect(await t.run((ctx) => ctx.db.get("skills", skillId))).toMatchObject({ isDeleted: true });
    expect(await ann.as.query(api.skills.mine, {})).toEqual([]);
    expect(await offer(ann, "baking")).toBe(skillId);
    const gone = await t.run(async (ctx) => {
      const id = await ctx.db.insert("skills", {
        userId: ann.id, skillName: "x", skillNameLower: "x", type: "offering", proficiencyLevel: "expert", updatedAt: 0,
      });
      await ctx.db.delete("skills", id);
      return id;
    });
    expect(await codeOf(ann.as.mutation(api.skills.remove, { skillId: gone }))).toBe("NOT_FOUND");
  });

  test("mutations are refused while the feature is off, and for the signed out", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const skillId = await offer(ann, "Chess");
    const { matchId } = await ben.as.mutation(api.skills.proposeMatch, { offeringSkillId: skillId });
    expect(await codeOf(t.mutation(api.skills.add, { skillName: "Go", type: "offering", proficiencyLevel: "expert" }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(await codeOf(t.query(api.skills.mine, {}))).toBe("UNAUTHENTICATED");
    await t.run((ctx) => ctx.db.insert("featureFlags", { name: "SKILL_EXCHANGE", enabled: false, updatedAt: 0 }));
    const calls = [
      offer(ann, "Go"),
      ann.as.mutation(api.skills.remove, { skillId }),
      ben.as.mutation(api.skills.proposeMatch, { offeringSkillId: skillId }),
      ann.as.mutation(api.skills.acceptMatch, { matchId }),
      ann.as.mutation(api.skills.declineMatch, { matchId }),
      ann.as.mutation(api.skills.completeMatch, { matchId }),
    ];
    for (const call of calls) expect(await codeOf(call)).toBe("FEATURE_DISABLED");
  });
});

describe("search", () => {
  test("finds others' listings by name prefix with their public profile, filtered by type", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    await offer(ann, "Guitar");
    const benOffer = await offer(ben, "Jazz guitar");
    const catSeek = await seek(cat, "Guitar");
    const found = await ann.as.query(api.skills.search, { query: "guit" });
    expect(found.map((s) => s._id).sort()).toEqual([benOffer, catSeek].sort());
    const benResult = found.find((s) => s._id === benOffer)!;
    expect(benResult).toMatchObject({ isYours: false, owner: { _id: ben.id, username: "ben", displayName: "Ben" } });
    expect(benResult.owner!.firstName).toBeUndefined();
    expect(benResult.owner!.lastName).toBeUndefined();
    const offering = await ann.as.query(api.skills.search, { query: "guitar", type: "offering" });
    expect(offering.map((s) => s._id)).toEqual([benOffer]);
    expect(await codeOf(ann.as.query(api.skills.search, { query: "  " }))).toBe("INVALID");
  });

  test("leaves out deleted listings, deleted or banned owners and people blocked either way", async () => {
    const t = newTest();
    const viewer = await person(t, "viewer");
    const people = await Promise.all(["del", "ban", "blk", "blkd", "gone", "ok"].map((n) => person(t, n)));
    const [del, ban, blk, blkd, gone, ok] = people;
    for (const p of people) await offer(p, "Painting");
    await del.as.mutation(api.skills.remove, { skillId: (await del.as.query(api.skills.mine, {}))[0]._id });
    await t.run((ctx) => patchUser(ctx, ban.id, { isBanned: true }));
    await t.run((ctx) => patchUser(ctx, gone.id, { isDeleted: true }));
    await block(t, viewer, blk);
    await block(t, blkd, viewer);
    const found = await viewer.as.query(api.skills.search, { query: "painting" });
    expect(found.map((s) => s.owner!._id)).toEqual([ok.id]);
  });
});

describe("suggestedMatches", () => {
  test("pairs offering with seeking for the same skill, ranked by teacher proficiency then mutual", async () => {
    const t = newTest();
    const me = await person(t, "me");
    const [novice, pro, mutualPro, blocked, banned] = await Promise.all(
      ["novice", "pro", "mutualpro", "blocked", "banned"].map((n) => person(t, n)),
    );
    const mySeek = await seek(me, "Spanish");
    await offer(me, "Cooking", "intermediate");
    await offer(novice, "spanish", "beginner");
    const proOffer = await offer(pro, "Spanish", "expert");
    const mutualOffer = await offer(mutualPro, "Spanish", "expert");
    await seek(mutualPro, "cooking");
    await offer(blocked, "Spanish", "expert");
    await offer(banned, "Spanish", "expert");
    await block(t, blocked, me);
    await t.run((ctx) => patchUser(ctx, banned.id, { isBanned: true }));
    await seek(me, "Knitting"); // nobody offers it
    const suggestions = await me.as.query(api.skills.suggestedMatches, {});
    expect(suggestions.map((s) => s.theirSkill.owner!.username)).toEqual(["mutualpro", "pro", "mutualpro", "novice"]);
    expect(suggestions[0]).toMatchObject({
      yourSkill: { _id: mySeek, isYours: true },
      theirSkill: { _id: mutualOffer },
      teacherIsYou: false,
      mutual: true,
    });
    expect(suggestions[1]).toMatchObject({ theirSkill: { _id: proOffer }, mutual: false });
    // I teach Cooking (intermediate) to mutualpro: ranked by my proficiency.
    expect(suggestions[2]).toMatchObject({ teacherIsYou: true, mutual: true, yourSkill: { skillName: "Cooking" } });
    expect(JSON.stringify(suggestions)).not.toContain(blocked.id);
    expect(JSON.stringify(suggestions)).not.toContain(banned.id);
  });
});

describe("matches", () => {
  async function setup() {
    const t = newTest();
    const [teacher, learner, stranger] = [await person(t, "teacher"), await person(t, "learner"), await person(t, "stranger")];
    const offeringSkillId = await offer(teacher, "Piano", "expert");
    const seekingSkillId = await seek(learner, "piano");
    return { t, teacher, learner, stranger, offeringSkillId, seekingSkillId };
  }

  test("the learner proposes, the teacher accepts: a conversation opens; then either completes", async () => {
    const { t, teacher, learner, stranger, offeringSkillId } = await setup();
    const { matchId } = await learner.as.mutation(api.skills.proposeMatch, { offeringSkillId });
    expect(await codeOf(learner.as.mutation(api.skills.proposeMatch, { offeringSkillId }))).toBe("CONFLICT");
    expect(await codeOf(learner.as.mutation(api.skills.acceptMatch, { matchId }))).toBe("FORBIDDEN");
    expect(await codeOf(stranger.as.mutation(api.skills.acceptMatch, { matchId }))).toBe("NOT_FOUND");
    expect(await codeOf(teacher.as.mutation(api.skills.completeMatch, { matchId }))).toBe("CONFLICT");
    const [teacherView] = await teacher.as.query(api.skills.myMatches, {});
    expect(teacherView).toMatchObject({
      _id: matchId, status: "pending", teacherIsYou: true, proposedByYou: false, skillName: "Piano",
      counterpart: { _id: learner.id, username: "learner" },
    });
    const { conversationId } = await teacher.as.mutation(api.skills.acceptMatch, { matchId });
    expect(await teacher.as.mutation(api.skills.acceptMatch, { matchId })).toEqual({ conversationId });
    const conversation = await t.run((ctx) => ctx.db.get("conversations", conversationId));
    expect(conversation!.participantIds.sort()).toEqual([teacher.id, learner.id].sort());
    expect(conversation!.initiatorId).toBe(learner.id);
    const [learnerView] = await learner.as.query(api.skills.myMatches, {});
    expect(learnerView).toMatchObject({ status: "accepted", conversationId, teacherIsYou: false, proposedByYou: true });
    expect(await codeOf(teacher.as.mutation(api.skills.declineMatch, { matchId }))).toBe("CONFLICT");
    expect(await codeOf(stranger.as.mutation(api.skills.completeMatch, { matchId }))).toBe("NOT_FOUND");
    await learner.as.mutation(api.skills.completeMatch, { matchId });
    await teacher.as.mutation(api.skills.completeMatch, { matchId });
    expect((await teacher.as.query(api.skills.myMatches, {}))[0].status).toBe("completed");
    // A completed match no longer blocks a new one.
    expect(await codeOf(learner.as.mutation(api.skills.proposeMatch, { offeringSkillId }))).toBe("OK");
    for (const who of [teacher, learner]) expect(await feedDocIds(t, who)).toContain(matchId);
    expect(await feedDocIds(t, stranger)).not.toContain(matchId);
  });

  test("the teacher proposes to a seeking listing; the learner declines and may be asked again", async () => {
    const { teacher, learner, offeringSkillId, seekingSkillId } = await setup();
    const { matchId } = await teacher.as.mutation(api.skills.proposeMatch, { offeringSkillId, seekingSkillId });
    expect(await codeOf(teacher.as.mutation(api.skills.declineMatch, { matchId }))).toBe("FORBIDDEN");
    await learner.as.mutation(api.skills.declineMatch, { matchId });
    await learner.as.mutation(api.skills.declineMatch, { matchId });
    expect(await codeOf(learner.as.mutation(api.skills.acceptMatch, { matchId }))).toBe("CONFLICT");
    expect((await learner.as.query(api.skills.myMatches, {}))[0]).toMatchObject({ status: "declined", teacherIsYou: false });
    expect(await codeOf(teacher.as.mutation(api.skills.proposeMatch, { offeringSkillId, seekingSkillId }))).toBe("OK");
  });

  test("refuses bad pairs, outsiders, removed listings, blocks and banned people", async () => {
    const { t, teacher, learner, stranger, offeringSkillId, seekingSkillId } = await setup();
    const propose = (who: Person, args: { offeringSkillId: Id<"skills">; seekingSkillId?: Id<"skills"> }) =>
      who.as.mutation(api.skills.proposeMatch, args);
    expect(await codeOf(propose(teacher, { offeringSkillId }))).toBe("INVALID");
    expect(await codeOf(propose(learner, { offeringSkillId: seekingSkillId }))).toBe("INVALID");
    expect(await codeOf(propose(learner, { offeringSkillId, seekingSkillId: offeringSkillId }))).toBe("INVALID");
    const violin = await seek(learner, "Violin");
    expect(await codeOf(propose(teacher, { offeringSkillId, seekingSkillId: violin }))).toBe("INVALID");
    expect(await codeOf(propose(stranger, { offeringSkillId, seekingSkillId }))).toBe("FORBIDDEN");
    const clientId = "propose-client-01";
    const first = await learner.as.mutation(api.skills.proposeMatch, { offeringSkillId, clientId });
    expect(await learner.as.mutation(api.skills.proposeMatch, { offeringSkillId, clientId })).toEqual(first);
    await block(t, teacher, learner);
    expect(await codeOf(teacher.as.mutation(api.skills.acceptMatch, { matchId: first.matchId }))).toBe("BLOCKED");
    const drums = await offer(teacher, "Drums");
    expect(await codeOf(propose(learner, { offeringSkillId: drums }))).toBe("BLOCKED");
    const flute = await offer(stranger, "Flute");
    await stranger.as.mutation(api.skills.remove, { skillId: flute });
    expect(await codeOf(propose(learner, { offeringSkillId: flute }))).toBe("NOT_FOUND");
    const banned = await person(t, "banned");
    const harp = await offer(banned, "Harp");
    await t.run((ctx) => ctx.db.patch("users", banned.id, { isBanned: true }));
    expect(await codeOf(propose(learner, { offeringSkillId: harp }))).toBe("NOT_FOUND");
  });

  test("accepting fails once the teacher removed the listing", async () => {
    const { teacher, learner, offeringSkillId } = await setup();
    const { matchId } = await learner.as.mutation(api.skills.proposeMatch, { offeringSkillId });
    await teacher.as.mutation(api.skills.remove, { skillId: offeringSkillId });
    expect(await codeOf(teacher.as.mutation(api.skills.acceptMatch, { matchId }))).toBe("CONFLICT");
  });
});
