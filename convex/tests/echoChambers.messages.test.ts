// Echo chamber messages: posting, listing, feeds, rate limits, blocks, erased authors and anonymity.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { cid, chamberRow, createChamber, feedOf, page, post } from "./echoChambers.fixtures";
import { patchUser } from "../model/profiles";
import { codeOf, newTest, person } from "./test.setup";

describe("messages", () => {
  test("post reaches every active member, exactly once per clientId, newest first", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    const { chamberId } = await createChamber(ann);
    const benAlias = (await ben.as.mutation(api.echoChambers.join, { chamberId })).alias;
    await cat.as.mutation(api.echoChambers.join, { chamberId });
    await cat.as.mutation(api.echoChambers.leave, { chamberId });
    const clientId = cid();
    const first = await post(ben, chamberId, "  hello room  ", clientId);
    const again = await post(ben, chamberId, "  hello room  ", clientId);
    expect(again).toEqual(first);
    expect(await codeOf(post(ben, chamberId, "hello room", clientId))).toBe("CLIENT_ID_REUSED");
    expect(await t.run((ctx) => ctx.db.query("chamberMessages").collect())).toHaveLength(1);
    await post(ann, chamberId, "second");
    const benPage = await page(ben, chamberId);
    expect(benPage.page.map((m) => m.content)).toEqual(["second", "hello room"]);
    expect(benPage.page[1]).toMatchObject({ alias: benAlias, fromYou: true, clientId });
    expect(benPage.page[0].fromYou).toBe(false);
    expect(benPage.page[0].clientId).toBeUndefined();
    const paged = await page(ben, chamberId, 1);
    expect(paged.page).toHaveLength(1);
    expect((await page(ben, chamberId, 1, paged.continueCursor)).page[0].content).toBe("hello room");
    const annFeed = await feedOf(t, ann);
    expect(annFeed.find((c) => c.docId === first.messageId)?.doc).toMatchObject({ content: "hello room" });
    const catFeed = await feedOf(t, cat);
    expect(catFeed.some((c) => c.table === "chamberMessages")).toBe(false);
  });

  test("a new member's feed gets the other members and the recent messages", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const { chamberId } = await createChamber(ann);
    const { messageId } = await post(ann, chamberId, "before you came");
    await ben.as.mutation(api.echoChambers.join, { chamberId });
    const feed = await feedOf(t, ben);
    expect(feed.find((c) => c.docId === messageId)?.doc).toMatchObject({ content: "before you came" });
    expect(feed.filter((c) => c.table === "chamberMembers")).toHaveLength(2);
  });

  test("validates content and membership", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const { chamberId } = await createChamber(ann);
    const closed = await createChamber(ann, { isPublic: false });
    expect(await codeOf(post(ann, chamberId, "   "))).toBe("INVALID");
    expect(await codeOf(post(ann, chamberId, "x".repeat(1001)))).toBe("INVALID");
    expect(await codeOf(post(ann, chamberId, "x".repeat(1000)))).toBe("OK");
    expect(await codeOf(post(ben, chamberId, "hi"))).toBe("FORBIDDEN");
    expect(await codeOf(post(ben, closed.chamberId, "hi"))).toBe("NOT_FOUND");
    expect(await codeOf(page(ben, closed.chamberId))).toBe("NOT_FOUND");
    expect(await codeOf(ben.as.query(api.echoChambers.members, { chamberId }))).toBe("FORBIDDEN");
    expect(await codeOf(ann.as.mutation(api.echoChambers.post, { chamberId, clientId: "x", content: "hi" }))).toBe(
      "INVALID",
    );
  });

  test("is rate limited", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const { chamberId } = await createChamber(ann);
    for (let i = 0; i < 60; i++) await post(ann, chamberId, `message ${i}`);
    await expect(post(ann, chamberId, "one too many")).rejects.toThrow(/Slow down/);
  });

  test("messages from someone blocked either way are hidden for the viewer only", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    const { chamberId } = await createChamber(ann);
    await ben.as.mutation(api.echoChambers.join, { chamberId });
    await cat.as.mutation(api.echoChambers.join, { chamberId });
    await t.run((ctx) =>
      ctx.db.insert("friends", { userId: ann.id, friendId: cat.id, status: "blocked", updatedAt: Date.now() }),
    );
    await post(cat, chamberId, "from cat");
    await post(ann, chamberId, "from ann");
    const annSees = (await page(ann, chamberId)).page;
    expect(annSees.find((m) => !m.fromYou)).toMatchObject({ content: "", hiddenBecauseBlocked: true });
    const catSees = (await page(cat, chamberId)).page;
    expect(catSees.find((m) => !m.fromYou)).toMatchObject({ content: "", hiddenBecauseBlocked: true });
    const benSees = (await page(ben, chamberId)).page;
    expect(benSees.map((m) => m.content).sort()).toEqual(["from ann", "from cat"]);
    expect(benSees.some((m) => m.hiddenBecauseBlocked)).toBe(false);
  });

  test("blocks hide messages also for a viewer with more friend rows than a page reads at once", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "ann"), await person(t, "ben"), await person(t, "cat")];
    const { chamberId } = await createChamber(ann);
    await ben.as.mutation(api.echoChambers.join, { chamberId });
    await cat.as.mutation(api.echoChambers.join, { chamberId });
    await t.run(async (ctx) => {
      // 201 requests to ann (more than model/visibility.ts reads in one go), then cat blocks ann.
      for (let i = 0; i < 201; i++) {
        const fan = await ctx.db.insert("users", {
          clerkId: `user_fan${i}`,
          username: `fan${i}`,
          usernameLower: `fan${i}`,
          email: "",
          displayName: `Fan ${i}`,
          interests: [],
          moodJournal: [],
          themePreference: "system",
          isDeleted: false,
          onboarded: true,
          updatedAt: 1,
        });
        await ctx.db.insert("friends", { userId: fan, friendId: ann.id, status: "pending", updatedAt: Date.now() });
      }
      await ctx.db.insert("friends", { userId: cat.id, friendId: ann.id, status: "blocked", updatedAt: Date.now() });
    });
    await post(cat, chamberId, "from cat");
    await post(ben, chamberId, "from ben");
    const annSees = (await page(ann, chamberId)).page;
    expect(annSees.map((m) => m.content).sort()).toEqual(["", "from ben"]);
  });

  test("an erased author's messages disappear", async () => {
    const t = newTest();
    const [ann, ben] = [await person(t, "ann"), await person(t, "ben")];
    const { chamberId } = await createChamber(ann);
    await ben.as.mutation(api.echoChambers.join, { chamberId });
    await post(ben, chamberId, "soon gone");
    await t.run((ctx) => patchUser(ctx, ben.id, { isDeleted: true }));
    expect((await page(ann, chamberId)).page).toEqual([]);
  });
});

describe("anonymity", () => {
  test("no payload a member receives carries another member's id", async () => {
    const t = newTest();
    const [ann, ben, cat] = [await person(t, "zorkcreator"), await person(t, "ben"), await person(t, "quixremoved")];
    const { chamberId } = await createChamber(ann, { isPublic: false });
    const { inviteCode } = (await chamberRow(t, chamberId))!;
    await ben.as.mutation(api.echoChambers.joinByCode, { inviteCode });
    await cat.as.mutation(api.echoChambers.joinByCode, { inviteCode });
    await post(ann, chamberId, "creator speaking");
    await post(cat, chamberId, "cat speaking");
    const catMember = (await cat.as.query(api.echoChambers.members, { chamberId })).find((m) => m.isYou)!;
    await ann.as.mutation(api.echoChambers.removeMember, { chamberId, memberId: catMember._id });
    const payloads = [
      await ben.as.query(api.echoChambers.get, { chamberId }),
      await ben.as.query(api.echoChambers.members, { chamberId }),
      await page(ben, chamberId),
      await ben.as.query(api.echoChambers.discover, {}),
      await feedOf(t, ben),
    ];
    const text = JSON.stringify(payloads);
    expect(text).toContain("creator speaking");
    for (const other of [ann, cat]) {
      expect(text).not.toContain(other.id);
      expect(text).not.toContain(other.username);
    }
    expect(text).not.toContain("isCreatorYou");
  });
});
