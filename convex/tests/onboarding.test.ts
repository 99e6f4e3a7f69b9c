// Onboarding before social actions: a newcomer is refused ONBOARDING_REQUIRED (also inside outbox:push) until completeOnboarding, never from protecting themselves.
import { ConvexError } from "convex/values";
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { codeOf, newTest, person } from "./test.setup";

const cid = () => crypto.randomUUID();

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), nora: await person(t, "nora", { onboarded: false }) };
}

describe("a newcomer (signed in, not onboarded)", () => {
  test("is refused social actions with a message that says what to do, and nothing is written", async () => {
    const { t, alice, nora } = await setup();
    const refused = await nora.as.mutation(api.friends.request, { userId: alice.id }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConvexError);
    expect((refused as ConvexError<{ code: string; message: string }>).data).toEqual({
      code: "ONBOARDING_REQUIRED",
      message: "Finish setting up your profile first: choose a username and a display name.",
    });
    const calls = [
      () => nora.as.mutation(api.whispers.sendWhisper, { clientId: cid(), recipientId: alice.id, content: "hi" }),
      () => nora.as.mutation(api.echoChambers.create, { clientId: cid(), name: "Room", topic: "Cats", maxMembers: 5, isPublic: true }),
      () => nora.as.mutation(api.skills.add, { skillName: "Chess", type: "offering", proficiencyLevel: "expert" }),
      () => nora.as.query(api.moods.findMoodMatch, {}),
    ];
    for (const call of calls) expect(await codeOf(call())).toBe("ONBOARDING_REQUIRED");
    const written = await t.run(async (ctx) => ({
      friends: await ctx.db.query("friends").collect(),
      whispers: await ctx.db.query("whispers").collect(),
      chambers: await ctx.db.query("echoChambers").collect(),
      skills: await ctx.db.query("skills").collect(),
    }));
    expect(written).toEqual({ friends: [], whispers: [], chambers: [], skills: [] });
  });

  test("may still protect themselves and look after their own account", async () => {
    const { alice, nora } = await setup();
    await alice.as.mutation(api.friends.request, { userId: nora.id });
    expect(await codeOf(nora.as.mutation(api.friends.decline, { userId: alice.id }))).toBe("OK");
    expect(await codeOf(nora.as.mutation(api.friends.block, { userId: alice.id }))).toBe("OK");
    expect(await codeOf(nora.as.mutation(api.users.setMood, { mood: "calm" }))).toBe("OK");
    expect(await codeOf(nora.as.mutation(api.users.setThemePreference, { themePreference: "dark" }))).toBe("OK");
  });

  test("outbox:push refuses a batched whisper on its own, and one queued after completeOnboarding goes through", async () => {
    const { t, alice, nora } = await setup();
    const whisper = (content: string) => ({ udfPath: "whispers:sendWhisper", args: { clientId: cid(), recipientId: alice.id, content } });
    const [alone] = await nora.as.mutation(api.outbox.push, { ops: [whisper("too early")] });
    expect(alone).toEqual({ ok: false, error: { code: "ONBOARDING_REQUIRED", message: expect.any(String) } });

    const results = await nora.as.mutation(api.outbox.push, {
      ops: [
        { udfPath: "users:completeOnboarding", args: { username: "nora_n", displayName: "Nora" } },
        whisper("hello"),
        { udfPath: "friends:request", args: { userId: alice.id } },
      ],
    });
    expect(results.map((result) => result.ok)).toEqual([true, true, true]);
    expect(await t.run(async (ctx) => (await ctx.db.query("whispers").collect()).map((w) => w.content))).toEqual(["hello"]);
  });
});
