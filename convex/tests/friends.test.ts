// Friendships: requests, accept/decline/remove, blocks (never told to the blocked), lists and feed projections.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { LIMITS } from "../lib/rateLimit";
import { projectFriend } from "../model/friends";
import { codeOf, newTest, person, type TestConvex } from "./test.setup";

const rows = (t: TestConvex) =>
  t.run(async (ctx) =>
    (await ctx.db.query("friends").collect()).map(({ userId, friendId, status }) => ({ userId, friendId, status })),
  );

/** The friends rows in `userId`'s feed, as that viewer's projection (null = tombstone). */
const friendFeed = (t: TestConvex, userId: Id<"users">) =>
  t.run(async (ctx) => {
    const viewer = (await ctx.db.get("users", userId))!;
    const changes = await ctx.db.query("syncChanges").withIndex("by_user_commit", (q) => q.eq("userId", userId)).collect();
    const result: Record<string, unknown> = {};
    for (const change of changes.filter((c) => c.table === "friends")) {
      const doc = await ctx.db.get("friends", change.docId as Id<"friends">);
      result[change.docId] = doc ? await projectFriend(ctx, viewer, doc) : null;
    }
    return result;
  });

describe("request and accept", () => {
  test("a request is pending for both; the recipient accepts; both see the friendship", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    expect(await ann.as.mutation(api.friends.request, { userId: bob.id })).toEqual({ status: "pending" });
    expect(await ann.as.mutation(api.friends.request, { userId: bob.id })).toEqual({ status: "pending" });
    expect(await rows(t)).toEqual([{ userId: ann.id, friendId: bob.id, status: "pending" }]);

    const bobLists = await bob.as.query(api.friends.list, {});
    expect(bobLists.incoming.map((f) => [f.otherId, f.profile.username, f.direction])).toEqual([[ann.id, "ann", "incoming"]]);
    expect((await ann.as.query(api.friends.list, {})).outgoing.map((f) => f.otherId)).toEqual([bob.id]);

    expect(await codeOf(ann.as.mutation(api.friends.accept, { userId: bob.id }))).toBe("NOT_FOUND");
    await bob.as.mutation(api.friends.accept, { userId: ann.id });
    expect(await rows(t)).toEqual([{ userId: ann.id, friendId: bob.id, status: "accepted" }]);
    expect((await ann.as.query(api.friends.list, {})).friends.map((f) => f.otherId)).toEqual([bob.id]);
    expect((await bob.as.query(api.friends.list, {})).friends.map((f) => f.otherId)).toEqual([ann.id]);
    expect(await ann.as.mutation(api.friends.request, { userId: bob.id })).toEqual({ status: "accepted" });
    expect(Object.values(await friendFeed(t, ann.id))[0]).toMatchObject({ status: "accepted", direction: "outgoing" });
    expect(Object.values(await friendFeed(t, bob.id))[0]).toMatchObject({ status: "accepted", direction: "incoming" });
  });

  test("requesting someone who already asked you accepts their request", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    expect(await bob.as.mutation(api.friends.request, { userId: ann.id })).toEqual({ status: "accepted" });
    expect(await rows(t)).toEqual([{ userId: ann.id, friendId: bob.id, status: "accepted" }]);
  });

  test("refuses oneself, unknown, banned and erased people, and callers who may not act", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const banned = await person(t, "ban", { banned: true });
    const gone = await person(t, "gus");
    await gone.as.mutation(api.users.softDeleteUser, {});
    expect(await codeOf(ann.as.mutation(api.friends.request, { userId: ann.id }))).toBe("INVALID");
    expect(await codeOf(ann.as.mutation(api.friends.request, { userId: banned.id }))).toBe("NOT_FOUND");
    expect(await codeOf(ann.as.mutation(api.friends.request, { userId: gone.id }))).toBe("NOT_FOUND");
    expect(await codeOf(t.mutation(api.friends.request, { userId: gone.id }))).toBe("UNAUTHENTICATED");
    expect(await codeOf(banned.as.mutation(api.friends.request, { userId: ann.id }))).toBe("BANNED");
    expect(await codeOf(gone.as.mutation(api.friends.request, { userId: ann.id }))).toBe("DELETED");
    expect(await codeOf(t.query(api.friends.list, {}))).toBe("UNAUTHENTICATED");
  });

  test("new requests are rate limited", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const others = [];
    for (let i = 0; i <= LIMITS.friendRequest.capacity; i++) others.push(await person(t, `p${i}x`));
    for (const other of others.slice(0, LIMITS.friendRequest.capacity)) {
      await ann.as.mutation(api.friends.request, { userId: other.id });
    }
    const last = others[others.length - 1];
    expect(await codeOf(ann.as.mutation(api.friends.request, { userId: last.id }))).toBe("RATE_LIMITED");
  });
});

describe("decline and remove", () => {
  test("only the recipient declines; the row goes and both feeds get a tombstone", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    expect(await codeOf(ann.as.mutation(api.friends.decline, { userId: bob.id }))).toBe("NOT_FOUND");
    await bob.as.mutation(api.friends.decline, { userId: ann.id });
    expect(await rows(t)).toEqual([]);
    expect(Object.values(await friendFeed(t, ann.id))).toEqual([null]);
    expect(Object.values(await friendFeed(t, bob.id))).toEqual([null]);
    expect(await codeOf(bob.as.mutation(api.friends.decline, { userId: ann.id }))).toBe("NOT_FOUND");
  });

  test("either friend removes the friendship; the requester may withdraw, the recipient may not 'remove' a request", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    expect(await codeOf(bob.as.mutation(api.friends.remove, { userId: ann.id }))).toBe("NOT_FOUND");
    await ann.as.mutation(api.friends.remove, { userId: bob.id });
    expect(await rows(t)).toEqual([]);
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    await bob.as.mutation(api.friends.accept, { userId: ann.id });
    await bob.as.mutation(api.friends.remove, { userId: ann.id });
    expect(await rows(t)).toEqual([]);
    expect(await codeOf(bob.as.mutation(api.friends.remove, { userId: ann.id }))).toBe("NOT_FOUND");
  });
});

describe("block and unblock", () => {
  test("block ends the friendship, stops requests both ways and is never shown to the blocked person", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    await bob.as.mutation(api.friends.accept, { userId: ann.id });
    await bob.as.mutation(api.friends.block, { userId: ann.id });
    await bob.as.mutation(api.friends.block, { userId: ann.id });
    expect(await rows(t)).toEqual([{ userId: bob.id, friendId: ann.id, status: "blocked" }]);

    expect(await codeOf(ann.as.mutation(api.friends.request, { userId: bob.id }))).toBe("BLOCKED");
    expect(await codeOf(bob.as.mutation(api.friends.request, { userId: ann.id }))).toBe("BLOCKED");

    const annLists = await ann.as.query(api.friends.list, {});
    expect(annLists).toEqual({ friends: [], incoming: [], outgoing: [], blocked: [] });
    expect((await bob.as.query(api.friends.list, {})).blocked.map((f) => f.otherId)).toEqual([ann.id]);
    // Ann's feed only says the friendship ended: the block row is not in it, or projects to nothing.
    expect(Object.values(await friendFeed(t, ann.id)).every((doc) => doc === null)).toBe(true);
    expect(Object.values(await friendFeed(t, bob.id))).toContainEqual(expect.objectContaining({ status: "blocked" }));
  });

  test("blocking keeps the other person's own block; unblock lifts only the viewer's", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await ann.as.mutation(api.friends.block, { userId: bob.id });
    await bob.as.mutation(api.friends.block, { userId: ann.id });
    expect(await rows(t)).toHaveLength(2);
    await ann.as.mutation(api.friends.unblock, { userId: bob.id });
    expect(await rows(t)).toEqual([{ userId: bob.id, friendId: ann.id, status: "blocked" }]);
    expect(await codeOf(ann.as.mutation(api.friends.request, { userId: bob.id }))).toBe("BLOCKED");
    expect(await codeOf(ann.as.mutation(api.friends.unblock, { userId: bob.id }))).toBe("NOT_FOUND");
    await bob.as.mutation(api.friends.unblock, { userId: ann.id });
    expect(await ann.as.mutation(api.friends.request, { userId: bob.id })).toEqual({ status: "pending" });
  });

  test("a pending request cannot be accepted after a block", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    await ann.as.mutation(api.friends.block, { userId: bob.id });
    expect(await codeOf(bob.as.mutation(api.friends.accept, { userId: ann.id }))).toBe("NOT_FOUND");
    expect(await codeOf(ann.as.mutation(api.friends.block, { userId: ann.id }))).toBe("INVALID");
  });
});

describe("projectFriend", () => {
  test("is null for people who are not a party", async () => {
    const t = newTest();
    const ann = await person(t, "ann");
    const bob = await person(t, "bob");
    const eve = await person(t, "eve");
    await ann.as.mutation(api.friends.request, { userId: bob.id });
    const seen = await t.run(async (ctx) => {
      const row = (await ctx.db.query("friends").first())!;
      return await projectFriend(ctx, (await ctx.db.get("users", eve.id))!, row);
    });
    expect(seen).toBeNull();
  });
});
