// Feature flags: anyone reads them, only admins switch them, and a switched-off feature is refused by the server.
import { describe, expect, test } from "vitest";
import { api } from "../_generated/api";
import { FEATURES, requireFeature } from "../lib/flags";
import { codeOf, newTest, person } from "./test.setup";

describe("featureFlags.list", () => {
  test("anyone, even signed out, gets every feature, on by default", async () => {
    const t = newTest();
    const flags = await t.query(api.featureFlags.list, {});
    expect(flags).toEqual(
      Object.entries(FEATURES).map(([name, label]) => ({ name, label, enabled: true })),
    );
    const ann = await person(t, "ann");
    expect(await ann.as.query(api.featureFlags.list, {})).toEqual(flags);
  });
});

describe("featureFlags.set", () => {
  test("an admin turns a feature off and on again; the list shows it with updatedAt", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    await admin.as.mutation(api.featureFlags.set, { name: "VOICE_WHISPERS", enabled: false });
    const off = await t.query(api.featureFlags.list, {});
    const voice = off.find((flag) => flag.name === "VOICE_WHISPERS");
    expect(voice).toMatchObject({ label: "Voice whispers", enabled: false });
    expect(voice!.updatedAt).toBeTypeOf("number");
    expect(off.filter((flag) => !flag.enabled)).toHaveLength(1);

    await admin.as.mutation(api.featureFlags.set, { name: "VOICE_WHISPERS", enabled: true });
    expect((await t.query(api.featureFlags.list, {})).every((flag) => flag.enabled)).toBe(true);
    const rows = await t.run((ctx) => ctx.db.query("featureFlags").collect());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "VOICE_WHISPERS", enabled: true, updatedBy: admin.id });
  });

  test("refuses non-admins, the signed out and unknown flags", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    const boss = await person(t, "bea", { role: "super_admin" });
    expect(await codeOf(ann.as.mutation(api.featureFlags.set, { name: "MOOD_MATCH", enabled: false }))).toBe("FORBIDDEN");
    expect(await codeOf(t.mutation(api.featureFlags.set, { name: "MOOD_MATCH", enabled: false }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(await codeOf(admin.as.mutation(api.featureFlags.set, { name: "TIME_TRAVEL", enabled: false }))).toBe(
      "INVALID",
    );
    expect(await codeOf(admin.as.mutation(api.featureFlags.set, { name: "toString", enabled: false }))).toBe("INVALID");
    expect(await codeOf(boss.as.mutation(api.featureFlags.set, { name: "MOOD_MATCH", enabled: false }))).toBe("OK");
    expect(await t.run((ctx) => ctx.db.query("featureFlags").collect())).toHaveLength(1);
  });
});

describe("the server gate", () => {
  test("requireFeature refuses a switched-off feature", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    await t.run((ctx) => requireFeature(ctx, "UNMASKING"));
    await admin.as.mutation(api.featureFlags.set, { name: "UNMASKING", enabled: false });
    expect(await codeOf(t.run((ctx) => requireFeature(ctx, "UNMASKING")))).toBe("FEATURE_DISABLED");
    await t.run((ctx) => requireFeature(ctx, "SKILL_EXCHANGE"));
  });

  test("a gated mutation is refused while its feature is off", async () => {
    const t = newTest();
    const admin = await person(t, "ada", { role: "admin" });
    const ann = await person(t, "ann");
    const create = (clientId: string) =>
      ann.as.mutation(api.echoChambers.create, { clientId, name: "Night owls", topic: "sleep", maxMembers: 10, isPublic: true });
    await admin.as.mutation(api.featureFlags.set, { name: "ECHO_CHAMBERS", enabled: false });
    expect(await codeOf(create("chamber-0001"))).toBe("FEATURE_DISABLED");
    expect(await t.run((ctx) => ctx.db.query("echoChambers").collect())).toEqual([]);
    await admin.as.mutation(api.featureFlags.set, { name: "ECHO_CHAMBERS", enabled: true });
    expect(await codeOf(create("chamber-0002"))).toBe("OK");
  });
});
