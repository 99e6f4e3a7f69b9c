// Echo chambers: create, join, leave, remove, discover and get; limits, flags and who may act.
import { ConvexError } from "convex/values";
import { describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { readCounter } from "../lib/counters";
import { cid, chamberRow, createChamber, feedOf, memberCount, page, post } from "./echoChambers.fixtures";
import { codeOf, newTest, type Person, person, scheduledDone } from "./test.setup";

describe("create", () => {
  test("makes the creator the first member with an anonymous alias and an unguessable invite code", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const { chamberId, inviteCode } = await createChamber(ann, { name: "  Night owls ", topic: "Insomnia" });
    expect(inviteCode).toMatch(/^[A-Za-z0-9_-]{10,}$/);
    const view = await ann.as.query(api.echoChambers.get, { chamberId });
    expect(view).toMatchObject({
      name: "Night owls",
      topic: "Insomnia",
      memberCount: 1,
      isMember: true,
      membershipStatus: "active",
      inviteCode,
      isCreatorYou: true,
      maxMembers: 10,
      isPublic: true,
    });
    expect(view.yourAlias).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+ \d{2}$/);
    expect(await t.run((ctx) => readCounter(ctx, "chambers"))).toBe(1);
    const row = await chamberRow(t, chamberId);
    expect(row).toMatchObject({ topicLower: "insomnia", creatorId: ann.id });
  });

  test("invite codes differ between chambers", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const codes = new Set<string>();
    for (let i = 0; i < 5; i++) codes.add((await createChamber(ann)).inviteCode);
    expect(codes.size).toBe(5);
  });

  test("is exactly-once per clientId", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const args = { clientId: cid(), name: "Room", topic: "Cats", maxMembers: 5, isPublic: true };
    const first = await ann.as.mutation(api.echoChambers.create, args);
    const again = await ann.as.mutation(api.echoChambers.create, args);
    expect(again).toEqual(first);
    expect(await t.run((ctx) => ctx.db.query("echoChambers").collect())).toHaveLength(1);
    expect(await t.run((ctx) => ctx.db.query("chamberMembers").collect())).toHaveLength(1);
    expect(await t.run((ctx) => readCounter(ctx, "chambers"))).toBe(1);
  });

  test("is rate limited: five at once, then one every five minutes; retrying a created chamber costs nothing", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(1_700_000_000_000);
      const args = { clientId: cid(), name: "Room", topic: "Cats", maxMembers: 5, isPublic: true };
      const first = await ann.as.mutation(api.echoChambers.create, args);
      for (let i = 0; i < 4; i++) await createChamber(ann);
      const refused = await ann.as.mutation(api.echoChambers.create, { ...args, clientId: cid() }).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ConvexError);
      expect((refused as ConvexError<{ code: string; message: string }>).data).toEqual({
        code: "RATE_LIMITED",
        message: "Slow down: try again in 300 seconds.",
      });
      expect(await ann.as.mutation(api.echoChambers.create, args)).toEqual(first);
      expect(await codeOf(createChamber(bob))).toBe("OK");
      vi.setSystemTime(1_700_000_000_000 + 5 * 60_000);
      expect(await codeOf(createChamber(ann))).toBe("OK");
      expect(await codeOf(createChamber(ann))).toBe("RATE_LIMITED");
    } finally {
      vi.useRealTimers();
    }
    expect(await t.run((ctx) => ctx.db.query("echoChambers").collect())).toHaveLength(7);
  });

  test("validates name, topic, size and clientId", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const base = { name: "Room", topic: "Cats", maxMembers: 5, isPublic: true };
    const make = (extra: object) => ann.as.mutation(api.echoChambers.create, { clientId: cid(), ...base, ...extra });
    expect(await codeOf(make({ name: "   " }))).toBe("INVALID");
    expect(await codeOf(make({ name: "x".repeat(61) }))).toBe("INVALID");
    expect(await codeOf(make({ name: "x".repeat(60) }))).toBe("OK");
    expect(await codeOf(make({ topic: "" }))).toBe("INVALID");
    expect(await codeOf(make({ topic: "t".repeat(41) }))).toBe("INVALID");
    expect(await codeOf(make({ maxMembers: 1 }))).toBe("INVALID");
    expect(await codeOf(make({ maxMembers: 501 }))).toBe("INVALID");
    expect(await codeOf(make({ maxMembers: 2.5 }))).toBe("INVALID");
    expect(await codeOf(make({ maxMembers: 2 }))).toBe("OK");
    expect(await codeOf(make({ maxMembers: 500 }))).toBe("OK");
    expect(await codeOf(ann.as.mutation(api.echoChambers.create, { clientId: "bad id", ...base }))).toBe("INVALID");
  });

  test("refuses the signed out, banned people and a disabled feature", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const ben = await person(t, "ben", { banned: true });
    const args = { clientId: cid(), name: "Room", topic: "Cats", maxMembers: 5, isPublic: true };
    expect(await codeOf(t.mutation(api.echoChambers.create, args))).toBe("UNAUTHENTICATED");
    expect(await codeOf(ben.as.mutation(api.echoChambers.create, args))).toBe("BANNED");
    expect(await codeOf(ben.as.query(api.echoChambers.discover, {}))).toBe("BANNED");
    const { chamberId, inviteCode } = await createChamber(ann);
    const carl = await person(t, "carl");
    const { memberId } = await carl.as.mutation(api.echoChambers.join, { chamberId });
    await t.run((ctx) =>
      ctx.db.insert("featureFlags", { name: "ECHO_CHAMBERS", enabled: false, updatedAt: Date.now() }),
    );
    const calls = [
      ann.as.mutation(api.echoChambers.create, { ...args, clientId: cid() }),
      carl.as.mutation(api.echoChambers.join, { chamberId }),
      carl.as.mutation(api.echoChambers.joinByCode, { inviteCode }),
      carl.as.mutation(api.echoChambers.leave, { chamberId }),
      post(carl, chamberId, "hi"),
      ann.as.mutation(api.echoChambers.removeMember, { chamberId, memberId }),
    ];
    for (const call of calls) expect(await codeOf(call)).toBe("FEATURE_DISABLED");
    expect(await ann.as.query(api.echoChambers.get, { chamberId })).toMatchObject({ memberCount: 2 });
  });
});

describe("joining", () => {
  test("join adds a public chamber's member once; a private chamber is not found", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const open = await createChamber(ann);
    const closed = await createChamber(ann, { isPublic: false });
    const first = await ben.as.mutation(api.echoChambers.join, { chamberId: open.chamberId });
    const again = await ben.as.mutation(api.echoChambers.join, { chamberId: open.chamberId });
    expect(again).toEqual(first);
    expect(await memberCount(t, open.chamberId)).toBe(2);
    expect(await codeOf(ben.as.mutation(api.echoChambers.join, { chamberId: closed.chamberId }))).toBe("NOT_FOUND");
    expect(await codeOf(ben.as.query(api.echoChambers.get, { chamberId: closed.chamberId }))).toBe("NOT_FOUND");
    const aliases = (await ann.as.query(api.echoChambers.members, { chamberId: open.chamberId })).map((m) => m.alias);
    expect(new Set(aliases).size).toBe(2);
  });

  test("joinByCode works for private chambers and refuses unknown codes", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const closed = await createChamber(ann, { isPublic: false });
    const joined = await ben.as.mutation(api.echoChambers.joinByCode, { inviteCode: closed.inviteCode });
    expect(joined.chamberId).toBe(closed.chamberId);
    const view = await ben.as.query(api.echoChambers.get, { chamberId: closed.chamberId });
    expect(view).toMatchObject({ isMember: true, memberCount: 2, inviteCode: closed.inviteCode, yourAlias: joined.alias });
    expect(view.isCreatorYou).toBeUndefined();
    expect(await codeOf(ben.as.mutation(api.echoChambers.joinByCode, { inviteCode: "nope-nope-nope" }))).toBe(
      "NOT_FOUND",
    );
  });

  test("maxMembers is enforced for both ways in; an existing member still gets in", async () => {
    const t = newTest();
    const owner = await person(t, "owner");
    const { chamberId, inviteCode } = await createChamber(owner, { maxMembers: 4 });
    const people: Person[] = [];
    for (let i = 0; i < 3; i++) people.push(await person(t, `member${i}`));
    for (const p of people) await p.as.mutation(api.echoChambers.join, { chamberId });
    expect(await memberCount(t, chamberId)).toBe(4);
    const late = await person(t, "late");
    const full = late.as.mutation(api.echoChambers.join, { chamberId });
    await expect(full).rejects.toThrow(/This chamber is full\./);
    expect(await codeOf(late.as.mutation(api.echoChambers.joinByCode, { inviteCode }))).toBe("LIMIT_REACHED");
    expect(await codeOf(people[0].as.mutation(api.echoChambers.join, { chamberId }))).toBe("OK");
    await people[0].as.mutation(api.echoChambers.leave, { chamberId });
    expect(await codeOf(late.as.mutation(api.echoChambers.join, { chamberId }))).toBe("OK");
    expect(await memberCount(t, chamberId)).toBe(4);
    expect(await codeOf(people[0].as.mutation(api.echoChambers.join, { chamberId }))).toBe("LIMIT_REACHED");
  });

  test("far from the limit a join reads only the folded count; a join past the limit is undone, in commit order; the fold brings the count back", async () => {
    const t = newTest();
    const owner = await person(t, "owner");
    const { chamberId } = await createChamber(owner, { maxMembers: 20 });
    const people: Person[] = [];
    for (let i = 0; i < 19; i++) people.push(await person(t, `member${i}`));
    for (const p of people) await p.as.mutation(api.echoChambers.join, { chamberId });
    // No fold ran: the stored count is 0, so the 21st join is let through and settled after.
    expect((await chamberRow(t, chamberId))!.memberCount).toBe(0);
    const late = await person(t, "late");
    const { memberId } = await late.as.mutation(api.echoChambers.join, { chamberId });
    await scheduledDone(t);
    expect(await t.run((ctx) => ctx.db.get("chamberMembers", memberId))).toMatchObject({ status: "left" });
    expect(await memberCount(t, chamberId)).toBe(20);
    expect(await late.as.query(api.echoChambers.get, { chamberId })).toMatchObject({ isMember: false, membershipStatus: "left", memberCount: 20 });
    const lateFeed = await feedOf(t, late);
    expect(lateFeed.find((c) => c.docId === chamberId)?.doc).toMatchObject({ isMember: false });
    expect(lateFeed.filter((c) => c.table === "chamberMembers").map((c) => c.docId)).toEqual([memberId]);
    expect((await feedOf(t, people[0])).some((c) => c.docId === memberId)).toBe(false);
    // The fold takes the deltas older than a few seconds only (younger ones may still be committing).
    expect(await t.mutation(internal.echoChambers.foldMemberCounts, {})).toEqual({ folded: 0, more: false });
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 10_000);
      expect(await t.mutation(internal.echoChambers.foldMemberCounts, {})).toEqual({ folded: 22, more: false });
    } finally {
      vi.useRealTimers();
    }
    expect((await chamberRow(t, chamberId))!.memberCount).toBe(20);
    expect(await memberCount(t, chamberId)).toBe(20);
    // Near the limit by the folded count, a join counts the members: refused at once.
    expect(await codeOf((await person(t, "later")).as.mutation(api.echoChambers.join, { chamberId }))).toBe("LIMIT_REACHED");
  });

  test("a member who left rejoins under the same alias", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const { chamberId } = await createChamber(ann);
    const first = await ben.as.mutation(api.echoChambers.join, { chamberId });
    await ben.as.mutation(api.echoChambers.leave, { chamberId });
    await ben.as.mutation(api.echoChambers.leave, { chamberId }); // idempotent
    expect(await memberCount(t, chamberId)).toBe(1);
    const left = await ben.as.query(api.echoChambers.get, { chamberId });
    expect(left).toMatchObject({ isMember: false, membershipStatus: "left" });
    expect(left.inviteCode).toBeUndefined();
    expect(await codeOf(ben.as.query(api.echoChambers.members, { chamberId }))).toBe("FORBIDDEN");
    const back = await ben.as.mutation(api.echoChambers.join, { chamberId });
    expect(back).toEqual(first);
  });

  test("leave refuses someone who never joined; the creator may leave and the chamber stays", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    const { chamberId } = await createChamber(ann);
    const closed = await createChamber(ann, { isPublic: false });
    expect(await codeOf(ben.as.mutation(api.echoChambers.leave, { chamberId }))).toBe("NOT_FOUND");
    expect(await codeOf(ben.as.mutation(api.echoChambers.leave, { chamberId: closed.chamberId }))).toBe("NOT_FOUND");
    const { memberId } = await cat.as.mutation(api.echoChambers.join, { chamberId });
    await ann.as.mutation(api.echoChambers.leave, { chamberId });
    const stays = (await chamberRow(t, chamberId))!;
    expect(await memberCount(t, chamberId)).toBe(1);
    expect(stays.isDeleted).toBeUndefined();
    expect(await cat.as.query(api.echoChambers.get, { chamberId })).toMatchObject({ isMember: true });
    // A creator who left has no powers until they rejoin.
    const remove = () => ann.as.mutation(api.echoChambers.removeMember, { chamberId, memberId });
    expect(await codeOf(remove())).toBe("FORBIDDEN");
    await ann.as.mutation(api.echoChambers.join, { chamberId });
    expect(await codeOf(remove())).toBe("OK");
  });
});

describe("removeMember", () => {
  test("only the creator removes, never themselves; the removed cannot rejoin or read", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    const { chamberId, inviteCode } = await createChamber(ann);
    const other = await createChamber(ann);
    const benJoin = await ben.as.mutation(api.echoChambers.join, { chamberId });
    const catJoin = await cat.as.mutation(api.echoChambers.join, { chamberId });
    const annMember = (await ann.as.query(api.echoChambers.members, { chamberId })).find((m) => m.isYou)!;
    const remove = (who: Person, memberId: Id<"chamberMembers">, chamber = chamberId) =>
      who.as.mutation(api.echoChambers.removeMember, { chamberId: chamber, memberId });
    expect(await codeOf(remove(cat, benJoin.memberId))).toBe("FORBIDDEN");
    expect(await codeOf(remove(ann, annMember._id))).toBe("INVALID");
    expect(await codeOf(remove(ann, benJoin.memberId, other.chamberId))).toBe("NOT_FOUND");
    await remove(ann, benJoin.memberId);
    await remove(ann, benJoin.memberId); // idempotent
    expect(await memberCount(t, chamberId)).toBe(2);
    await expect(ben.as.mutation(api.echoChambers.join, { chamberId })).rejects.toThrow(/removed/);
    expect(await codeOf(ben.as.mutation(api.echoChambers.joinByCode, { inviteCode }))).toBe("FORBIDDEN");
    expect(await codeOf(post(ben, chamberId, "hello?"))).toBe("FORBIDDEN");
    expect(await codeOf(page(ben, chamberId))).toBe("FORBIDDEN");
    expect(await ben.as.query(api.echoChambers.get, { chamberId })).toMatchObject({
      isMember: false,
      membershipStatus: "removed",
    });
    // The removal reached the remaining members and the removed person.
    const catFeed = await feedOf(t, cat);
    expect(catFeed.find((c) => c.docId === benJoin.memberId)?.doc).toMatchObject({ status: "removed", isYou: false });
    const benFeed = await feedOf(t, ben);
    expect(benFeed.find((c) => c.docId === benJoin.memberId)?.doc).toMatchObject({ status: "removed", isYou: true });
    expect(benFeed.find((c) => c.docId === chamberId)?.doc).toMatchObject({ isMember: false, memberCount: 2 });
    // A member who already left can still be removed, so they cannot come back.
    await cat.as.mutation(api.echoChambers.leave, { chamberId });
    await remove(ann, catJoin.memberId);
    expect(await memberCount(t, chamberId)).toBe(1);
    expect(await codeOf(cat.as.mutation(api.echoChambers.join, { chamberId }))).toBe("FORBIDDEN");
  });
});

describe("discover and get", () => {
  test("lists public chambers by case-insensitive topic prefix, never private ones", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const cooking = await createChamber(ann, { topic: "Cooking" });
    const cookies = await createChamber(ann, { topic: "cookies" });
    await createChamber(ann, { topic: "Chess" });
    const secret = await createChamber(ann, { topic: "Cooking", isPublic: false });
    const all = await ben.as.query(api.echoChambers.discover, {});
    expect(all).toHaveLength(3);
    const cook = await ben.as.query(api.echoChambers.discover, { topic: "COOK" });
    expect(cook.map((c) => c._id).sort()).toEqual([cooking.chamberId, cookies.chamberId].sort());
    expect(cook.every((c) => !c.isMember && c.inviteCode === undefined && c.yourAlias === undefined)).toBe(true);
    expect(JSON.stringify(all)).not.toContain(secret.chamberId);
    expect(JSON.stringify(all)).not.toContain(ann.id);
    expect(await ben.as.query(api.echoChambers.discover, { topic: "cooking" })).toHaveLength(1);
    const summary = await ben.as.query(api.echoChambers.get, { chamberId: cooking.chamberId });
    expect(summary).toMatchObject({ isMember: false, memberCount: 1 });
    expect(summary.membershipStatus).toBeUndefined();
    await t.run((ctx) => ctx.db.patch("echoChambers", cookies.chamberId, { isDeleted: true }));
    expect(await ben.as.query(api.echoChambers.discover, { topic: "cook" })).toHaveLength(1);
    expect(await codeOf(ben.as.query(api.echoChambers.get, { chamberId: cookies.chamberId }))).toBe("NOT_FOUND");
  });
});
