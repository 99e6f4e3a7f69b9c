// Bad input: generated wrong-typed, huge, unknown-id and hostile arguments are refused cleanly or handled safely.
import type { FunctionReference } from "convex/server";
import { ConvexError } from "convex/values";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { Id, TableNames } from "../_generated/dataModel";
import { dump, type Dump } from "./authorization.world";
import { eraseUser } from "../model/erasure";
import { newTest, person, type Person, type TestConvex } from "./test.setup";
import { HTML, storeBytes, upload } from "./uploads.fixtures";

const NUM_RUNS = 30;
const CODES = [
  "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "INVALID", "CONFLICT", "BLOCKED", "BANNED", "DELETED",
  "RATE_LIMITED", "FEATURE_DISABLED", "LIMIT_REACHED",
];
/** No stored string may come near the 100k-character inputs: every app limit is far below this. */
const LONGEST_STORED = 5_000;

// ── The world: the caller, other people, their resources, and ids of deleted documents ───────

type World = { t: TestConvex; ann: Person; ada: Person; ids: Record<string, string> };

async function deletedId(t: TestConvex, table: TableNames, doc: Record<string, unknown>): Promise<string> {
  return await t.run(async (ctx) => {
    const id = await ctx.db.insert(table, doc as never);
    await ctx.db.delete(table, id);
    return id;
  });
}

async function buildWorld(): Promise<World> {
  const t = newTest();
  const [ann, ada, bob, cat, ben, eve] = [
    await person(t, "ann"), await person(t, "ada", { role: "admin" }), await person(t, "bob"),
    await person(t, "cat"), await person(t, "ben", { banned: true }), await person(t, "eve"),
  ];
  await t.run((ctx) => eraseUser(ctx, eve.id));
  const send = (from: Person, to: Person) =>
    from.as.mutation(api.whispers.sendWhisper, { clientId: `seed-${from.username}-${to.username}`, recipientId: to.id, content: "hi" });
  const annBob = await send(bob, ann);
  const annToBob = await send(ann, bob);
  const bobCat = await send(bob, cat);
  const chamber = (who: Person, isPublic: boolean) =>
    who.as.mutation(api.echoChambers.create, { clientId: `chamber-${who.username}`, name: "Room", topic: "Talk", maxMembers: 10, isPublic });
  const annChamber = await chamber(ann, true);
  const bobChamber = await chamber(bob, false);
  const now = Date.now();
  const ids: Record<string, string> = {
    self: ann.id, admin: ada.id, bob: bob.id, cat: cat.id, banned: ben.id, erased: eve.id,
    annBobConversation: annBob.conversationId, bobCatConversation: bobCat.conversationId,
    bobToAnn: annBob.whisperId, annToBob: annToBob.whisperId, bobToCat: bobCat.whisperId,
    annChamber: annChamber.chamberId, bobPrivateChamber: bobChamber.chamberId,
    image: await upload(t, ann, "image"), audio: await upload(t, ann, "voice"), html: await storeBytes(t, HTML, "text/html"),
    deletedUser: await deletedId(t, "users", {
      clerkId: "gone", username: "gone", usernameLower: "gone", email: "", displayName: "Gone", interests: [],
      moodJournal: [], themePreference: "system", isDeleted: false, onboarded: true, updatedAt: now,
    }),
    deletedWhisper: await deletedId(t, "whispers", {
      senderId: bob.id, recipientId: ann.id, content: "x", reactions: [], clientId: "deleted-1", status: "delivered", updatedAt: now,
    }),
    deletedConversation: await deletedId(t, "conversations", {
      participantIds: [ann.id, bob.id], status: "active", initiatorId: ann.id, participantKey: "gone", updatedAt: now,
    }),
    deletedChamber: await deletedId(t, "echoChambers", {
      name: "Gone", topic: "Gone", topicLower: "gone", creatorId: bob.id, inviteCode: "gone-code-123", maxMembers: 5,
      isPublic: true, memberCount: 0, updatedAt: now,
    }),
  };
  ids.deletedFile = await t.run(async (ctx) => {
    const storageId = await ctx.storage.store(new Blob(["x"]));
    await ctx.storage.delete(storageId);
    return storageId;
  });
  return { t, ann, ada, ids };
}

// ── Generators ────────────────────────────────────────────────────────────────────────────

/** A reference to one of the world's ids, resolved when the world exists. */
type Ref = { $ref: string };
const ABSENT = Symbol("absent");

const idRef = (...names: string[]) => fc.constantFrom(...names).map((name): Ref => ({ $ref: name }));
/** Per table: the caller's own, other people's, banned, erased and deleted documents. */
const ID_POOLS = {
  users: ["self", "admin", "bob", "cat", "banned", "erased", "deletedUser"],
  conversations: ["annBobConversation", "bobCatConversation", "deletedConversation"],
  whispers: ["bobToAnn", "annToBob", "bobToCat", "deletedWhisper"],
  echoChambers: ["annChamber", "bobPrivateChamber", "deletedChamber"],
  _storage: ["image", "audio", "html", "deletedFile"],
} as const;
type IdTable = keyof typeof ID_POOLS;
const anyId = idRef(...Object.values(ID_POOLS).flat());

const HOSTILE_TEXT = [
  "<script>alert(1)</script>", '<img src=x onerror="alert(document.cookie)">', '"><svg onload=alert(1)>',
  "javascript:alert(1)", "'; DROP TABLE users; --", "{{constructor.constructor('alert(1)')()}}", "__proto__",
  "\u0000\u0001\u0002", "\u202e\u200b\u200d", "   \n\t  ", "", "x".repeat(100_000), "😀".repeat(50_000),
  "<b>".repeat(30_000), "https://evil.example/<script>", "../../etc/passwd", "%00%2e%2e%2f",
];
const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_TEXT) },
  { weight: 1, arbitrary: fc.string({ maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 80 }) },
);
const hostileNumber = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -0, -1, 0, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 2 ** 31),
  fc.double(),
);
const wrongType = fc.oneof(
  fc.constantFrom<unknown>(null, true, false, 0, 42, "", "text", [], {}, ["x"], { x: 1 }, 1n),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), fc.integer(), { maxKeys: 3 }),
);

type Kind = "string" | "number" | "boolean" | "strings" | "keys" | IdTable;
const hostileId = (table: IdTable) =>
  fc.oneof(
    { weight: 4, arbitrary: idRef(...ID_POOLS[table]) },
    { weight: 1, arbitrary: anyId },
    { weight: 1, arbitrary: hostileString },
  );
const hostileFor: Record<Kind, fc.Arbitrary<unknown>> = {
  string: fc.oneof(hostileString, anyId),
  number: hostileNumber,
  boolean: wrongType,
  users: hostileId("users"),
  conversations: hostileId("conversations"),
  whispers: hostileId("whispers"),
  echoChambers: hostileId("echoChambers"),
  _storage: hostileId("_storage"),
  strings: fc.oneof(
    fc.array(hostileString, { maxLength: 5 }),
    fc.constant(Array.from({ length: 10_000 }, (_, i) => `interest${i}`)),
  ),
  keys: fc.record({ p256dh: hostileString, auth: fc.constantFrom("tBHItJI5svbpez7K", "x".repeat(100_000), "<script>") }),
};

type Field = { valid: fc.Arbitrary<unknown>; kind: Kind; optional?: boolean };
/** A field's valid value and what hostile values of the right type look like. */
const field = (valid: fc.Arbitrary<unknown>, kind: Kind, optional = false): Field => ({ valid, kind, optional });

/** What replaces a field: a hostile value of its type (usually), a value of the wrong type, or nothing. */
function corrupt({ kind, optional }: Field): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 4, arbitrary: hostileFor[kind] },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant(optional ? ABSENT : undefined) },
  );
}

/**
 * Valid arguments with one or two fields corrupted (so the handler, not only the validator, meets
 * hostile values), sometimes plus an extra field naming an acting user, which is never accepted.
 */
function argsOf(fields: Record<string, Field>): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(fields);
  const valid = fc.record(Object.fromEntries(names.map((name) => [name, fields[name].valid])));
  const changes = fc
    .subarray(names, { minLength: 1, maxLength: Math.min(2, names.length) })
    .chain((picked) => fc.record(Object.fromEntries(picked.map((name) => [name, corrupt(fields[name])]))));
  const extra = fc.oneof(
    { weight: 7, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("userId", "senderId", "viewerId", "__proto__x"), anyId) },
  );
  return fc.tuple(valid, changes, extra).map(([args, changed, more]) => ({
    ...args,
    ...changed,
    ...(more ? { [more[0]]: more[1] } : {}),
  }));
}

function resolve(value: unknown, ids: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => resolve(item, ids));
  if (value && typeof value === "object" && "$ref" in value) return ids[(value as Ref).$ref];
  if (value && typeof value === "object") {
    const entries = Object.entries(value).filter(([, item]) => item !== ABSENT);
    return Object.fromEntries(entries.map(([key, item]) => [key, resolve(item, ids)]));
  }
  return value;
}

// ── The property ──────────────────────────────────────────────────────────────────────────

type Target = {
  name: string;
  fn: FunctionReference<"mutation" | "query", "public">;
  kind: "mutation" | "query";
  as: "ann" | "ada";
  args: fc.Arbitrary<Record<string, unknown>>;
};

/** Where the database holds a string longer than LONGEST_STORED. */
function longStrings(state: Dump): string[] {
  const found: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string" && value.length > LONGEST_STORED) found.push(`${path} (${value.length} chars)`);
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`);
  };
  walk(state, "db");
  return found;
}

async function attempt(target: Target, plan: Record<string, unknown>) {
  const w = await buildWorld();
  const args = resolve(plan, w.ids) as Record<string, unknown>;
  const caller = target.as === "ann" ? w.ann.as : w.ada.as;
  const before = await dump(w.t);
  try {
    await (caller[target.kind] as (fn: unknown, args: unknown) => Promise<unknown>)(target.fn, args);
  } catch (error) {
    if (error instanceof ConvexError) {
      const data = error.data as { code: string; message: string };
      expect(CODES).toContain(data.code);
      expect(data.message.length).toBeGreaterThan(0);
      expect(data.message.length, data.message.slice(0, 200)).toBeLessThan(500);
    } else {
      // Anything but a refusal by the argument validators is a crash. (convex-test's validator
      // itself throws a TypeError for null where an object is expected; Convex reports a
      // validator error there. Either way the function never ran.)
      const byValidators =
        /Validator error|arguments to a Convex function must be an object/.test(String(error)) ||
        (error instanceof TypeError && /validateFunctionArgs/.test(error.stack ?? ""));
      expect(byValidators, String(error)).toBe(true);
    }
    expect(await dump(w.t), "a refused call wrote nothing").toEqual(before);
    return;
  }
  expect(longStrings(await dump(w.t)), "no huge string was stored").toEqual([]);
}

const clientId = fc.uuid();
const text = fc.constantFrom("hello there", "How are you?");
const future = fc.integer({ min: 60_000, max: 30 * 24 * 3_600_000 }).map((ms) => Date.now() + ms);
const conversation = idRef("annBobConversation");

const TARGETS: Target[] = [
  { name: "whispers.sendWhisper", fn: api.whispers.sendWhisper, kind: "mutation", as: "ann", args: argsOf({
    clientId: field(clientId, "string"), recipientId: field(idRef("bob"), "users", true), conversationId: field(fc.constant(ABSENT), "conversations", true),
    content: field(text, "string"), imageStorageId: field(fc.constant(ABSENT), "_storage", true), isMystery: field(fc.boolean(), "boolean", true),
  }) },
  { name: "whispers.scheduleWhisper", fn: api.whispers.scheduleWhisper, kind: "mutation", as: "ann", args: argsOf({
    clientId: field(clientId, "string"), conversationId: field(conversation, "conversations", true), recipientId: field(fc.constant(ABSENT), "users", true),
    content: field(text, "string"), scheduledFor: field(future, "number"), imageStorageId: field(fc.constant(ABSENT), "_storage", true),
  }) },
  { name: "whispers.replyToWhisper", fn: api.whispers.replyToWhisper, kind: "mutation", as: "ann", args: argsOf({
    clientId: field(clientId, "string"), parentId: field(idRef("bobToAnn"), "whispers"), content: field(text, "string"),
    imageStorageId: field(fc.constant(ABSENT), "_storage", true),
  }) },
  { name: "whispers.toggleReaction", fn: api.whispers.toggleReaction, kind: "mutation", as: "ann", args: argsOf({
    whisperId: field(idRef("bobToAnn"), "whispers"), emoji: field(fc.constantFrom("👍", "❤️", "🇫🇷"), "string"),
    clientId: field(clientId, "string", true),
  }) },
  { name: "users.completeOnboarding", fn: api.users.completeOnboarding, kind: "mutation", as: "ann", args: argsOf({
    username: field(fc.stringMatching(/^[a-z][a-z0-9_]{3,12}$/), "string"), displayName: field(text, "string"),
    career: field(text, "string", true), interests: field(fc.constant(["music", "hiking"]), "strings", true),
    lifePhase: field(fc.constant("student"), "string", true), firstName: field(text, "string", true),
    lastName: field(text, "string", true),
  }) },
  { name: "users.setMood", fn: api.users.setMood, kind: "mutation", as: "ann", args: argsOf({
    mood: field(fc.constantFrom("happy", "calm", "sad"), "string"), note: field(text, "string", true),
    clientId: field(clientId, "string", true),
  }) },
  { name: "echoChambers.create", fn: api.echoChambers.create, kind: "mutation", as: "ann", args: argsOf({
    clientId: field(clientId, "string"), name: field(text, "string"), topic: field(fc.constant("Books"), "string"),
    maxMembers: field(fc.integer({ min: 2, max: 500 }), "number"), isPublic: field(fc.boolean(), "boolean"),
  }) },
  { name: "echoChambers.post", fn: api.echoChambers.post, kind: "mutation", as: "ann", args: argsOf({
    chamberId: field(idRef("annChamber"), "echoChambers"), clientId: field(clientId, "string"), content: field(text, "string"),
  }) },
  { name: "skills.add", fn: api.skills.add, kind: "mutation", as: "ann", args: argsOf({
    skillName: field(fc.constant("Guitar"), "string"), type: field(fc.constantFrom("offering", "seeking"), "string"),
    proficiencyLevel: field(fc.constantFrom("beginner", "expert"), "string"), description: field(text, "string", true),
    clientId: field(clientId, "string", true),
  }) },
  { name: "friends.request", fn: api.friends.request, kind: "mutation", as: "ann", args: argsOf({
    userId: field(idRef("bob", "cat"), "users"),
  }) },
  { name: "admin.banUser", fn: api.admin.banUser, kind: "mutation", as: "ada", args: argsOf({
    userId: field(idRef("bob"), "users"), reason: field(fc.constant("spam"), "string"),
  }) },
  { name: "featureFlags.set", fn: api.featureFlags.set, kind: "mutation", as: "ada", args: argsOf({
    name: field(fc.constantFrom("MOOD_MATCH", "ECHO_CHAMBERS"), "string"), enabled: field(fc.boolean(), "boolean"),
  }) },
  { name: "push.saveSubscription", fn: api.push.saveSubscription, kind: "mutation", as: "ann", args: argsOf({
    endpoint: field(fc.constant("https://fcm.googleapis.com/fcm/send/abc"), "string"),
    keys: field(fc.constant({
      p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
      auth: "tBHItJI5svbpez7KI4CCXg",
    }), "keys"),
    userAgent: field(fc.constant("Firefox"), "string", true),
  }) },
  { name: "sync.pull", fn: api.sync.pull, kind: "query", as: "ann", args: argsOf({
    cursor: field(fc.nat(100), "number"), limit: field(fc.integer({ min: 1, max: 500 }), "number", true),
  }) },
];

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("hostile arguments are refused cleanly or handled safely", () => {
  test.each(TARGETS.map((target) => [target.name, target] as const))("%s", async (_name, target) => {
    await fc.assert(fc.asyncProperty(target.args, (plan) => attempt(target, plan)), { numRuns: NUM_RUNS });
  });

  test("the generators do produce refusals and successes", async () => {
    const target = TARGETS[0];
    const outcomes = new Set<string>();
    for (const plan of fc.sample(target.args, { numRuns: 40, seed: 7 })) {
      const w = await buildWorld();
      const args = resolve(plan, w.ids);
      outcomes.add(await w.ann.as.mutation(api.whispers.sendWhisper, args as never).then(() => "ok", (error) =>
        error instanceof ConvexError ? "refused" : "invalid-args"));
    }
    expect([...outcomes].sort()).toEqual(["invalid-args", "ok", "refused"]);
  });
});

// The ids the generators mention all exist in the world (a typo would silently test nothing).
test("every id reference resolves", async () => {
  const w = await buildWorld();
  for (const plan of fc.sample(anyId, { numRuns: 200, seed: 1 })) expect(w.ids[plan.$ref]).toEqual(expect.any(String));
  expect(Object.keys(w.ids).length).toBe(21);
  const deleted: Id<"whispers"> = w.ids.deletedWhisper as Id<"whispers">;
  expect(await w.t.run((ctx) => ctx.db.get("whispers", deleted))).toBeNull();
});
