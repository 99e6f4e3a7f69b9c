// The scale suite's data: people with year-long mood journals, a heavy person's years of whispers, full 500-member chambers.
//
// Rows are written as the functions leave them (the same fields, the same feed rows through
// lib/feed.ts, conversations through findOrCreateConversation), in transactions that themselves
// fit Convex's limits (t.run enforces them too). One simplification: chamber history reaches only
// the feeds of the people a path reads (the heavy person, the outbox's viewer): a chamber
// message in every member's feed would be millions of rows, and a publish to a member costs the
// same index ranges and writes whether that member's feed is empty or long.
import type { Doc, Id } from "../../_generated/dataModel";
import type { MutationCtx } from "../../_generated/server";
import { publishMany } from "../../lib/feed";
import { findOrCreateConversation } from "../../model/conversations";
import { MOODS } from "../../model/moods";
import { writeProfile } from "../../model/profiles";
import { type Person, signedIn, type TestConvex } from "../test.setup";

/** Two years before the suite runs: every fixture timestamp lies between this and now. */
export const BASE_TIME = Date.now() - 2 * 365 * 24 * 3600 * 1000;
/** Mood journal entries per person (the journal's cap, model/moods.ts JOURNAL_MAX). */
export const JOURNAL_ENTRIES = 1_000;
/** Members of a full chamber (model/echoChambers.ts MAX_CHAMBER_MEMBERS). */
export const FULL_CHAMBER = 500;

const CAREERS = [
  "Nurse", "Teacher", "Software engineer", "Data engineer", "Designer", "Chef", "Electrician", "Lawyer",
  "Student", "Barista", "Accountant", "Photographer", "Pharmacist", "Carpenter", "Journalist", "Librarian",
  "Mechanic", "Musician", "Researcher", "Farmer",
];
const LIFE_PHASES = ["Student", "Early career", "New parent", "Mid career", "Career change", "Retired"];
const INTERESTS = [
  "Hiking", "Origami", "Chess", "Baking", "Running", "Poetry", "Gardening", "Jazz", "Climbing", "Films",
  "Board games", "Knitting", "Astronomy", "Cycling", "Photography", "Yoga", "Podcasts", "Painting", "Birding", "Coding",
  "Cooking", "Dancing", "Fishing", "History", "Languages", "Meditation", "Pottery", "Swimming", "Travel", "Writing",
];
const WORDS = "the night was quiet and I kept thinking about what you said yesterday about starting over somewhere new with nothing but a bag".split(" ");

/** A deterministic pseudo-random number in [0, 1) for `seed` (fixtures stay the same run to run). */
function noise(seed: number): number {
  const x = Math.sin(seed * 12.9898 + 78.233) * 43758.5453;
  return x - Math.floor(x);
}
const pick = <T>(items: readonly T[], seed: number): T => items[Math.floor(noise(seed) * items.length)];

/** Text of `min` to `max` characters, made of words. */
export function sentence(seed: number, min: number, max: number): string {
  const length = min + Math.floor(noise(seed) * (max - min));
  let text = "";
  for (let i = 0; text.length < length; i++) text += (text ? " " : "") + pick(WORDS, seed * 31 + i);
  return text.slice(0, length);
}

/** `sentence` drawn from a pool made once per length range: the fixtures write millions of texts. */
const pools = new Map<string, string[]>();
function text(seed: number, min: number, max: number): string {
  const key = `${min}-${max}`;
  let pool = pools.get(key);
  if (!pool) pools.set(key, (pool = Array.from({ length: 997 }, (_, i) => sentence(i + 1, min, max))));
  return pool[Math.abs(seed) % pool.length];
}

/** A clientId as the client makes them (a UUID). */
export const clientId = () => crypto.randomUUID();
/** A request hash the size lib/idempotency.ts stores (SHA-256, hex); unique, never recomputed by the paths measured. */
let hashes = 0;
const requestHash = () => (++hashes).toString(16).padStart(64, "0");

/** A full journal: JOURNAL_ENTRIES entries over two years, every fifth with a note, ending in `mood`. */
function journal(seed: number, mood: string): Doc<"users">["moodJournal"] {
  const step = Math.floor((Date.now() - BASE_TIME) / JOURNAL_ENTRIES);
  return Array.from({ length: JOURNAL_ENTRIES }, (_, i) => ({
    mood: i === JOURNAL_ENTRIES - 1 ? mood : pick(MOODS, seed * 7919 + i),
    ...(i % 5 === 0 ? { note: text(seed * 104_729 + i, 30, 140) } : {}),
    at: BASE_TIME + i * step,
  }));
}

/** An onboarded person's row with a full journal; mood, career, life phase and interests drawn from `seed`. */
function userRow(username: string, seed: number, extra: Partial<Doc<"users">> = {}) {
  const mood = pick(MOODS, seed);
  const interests = [...new Set(Array.from({ length: 3 + Math.floor(noise(seed + 1) * 3) }, (_, i) => pick(INTERESTS, seed * 13 + i)))];
  return {
    clerkId: `user_${username}`,
    username,
    usernameLower: username.toLowerCase(),
    email: `${username}@example.test`,
    firstName: username[0].toUpperCase() + username.slice(1),
    lastName: "Example",
    displayName: username[0].toUpperCase() + username.slice(1),
    career: pick(CAREERS, seed + 2),
    interests,
    mood,
    lifePhase: pick(LIFE_PHASES, seed + 3),
    moodJournal: journal(seed, mood),
    themePreference: "system" as const,
    isDeleted: false,
    isBanned: false,
    onboarded: true,
    updatedAt: BASE_TIME,
    ...extra,
  };
}

/**
 * Calls `write(ctx, i)` for i in [0, count), `perTransaction` at a time, each batch in its own
 * transaction (which must fit Convex's limits: a batch that does not is a fixture bug).
 */
async function inBatches(t: TestConvex, count: number, perTransaction: number, write: (ctx: MutationCtx, i: number) => Promise<void>) {
  for (let start = 0; start < count; start += perTransaction) {
    await t.run(async (ctx) => {
      for (let i = start; i < Math.min(count, start + perTransaction); i++) await write(ctx, i);
    });
  }
}

/** `count` onboarded people named `<prefix>0000`… with full journals. About 27 KB each, so 250 per transaction. */
export async function population(t: TestConvex, count: number, prefix = "p"): Promise<Person[]> {
  const people: Person[] = new Array(count);
  await inBatches(t, count, 250, async (ctx, i) => {
    const username = `${prefix}${String(i).padStart(4, "0")}`;
    const userId = await ctx.db.insert("users", userRow(username, i + 1));
    await writeProfile(ctx, (await ctx.db.get("users", userId))!);
    people[i] = signedIn(t, userId, username);
  });
  return people;
}

/** One more person with a full journal (an `admin` or `super_admin` if `role`). */
export async function onePerson(t: TestConvex, username: string, seed: number, role?: "admin" | "super_admin"): Promise<Person> {
  const id = await t.run(async (ctx) => {
    const userId = await ctx.db.insert("users", userRow(username, seed));
    await writeProfile(ctx, (await ctx.db.get("users", userId))!);
    if (role) await ctx.db.insert("adminRoles", { userId, role, updatedAt: BASE_TIME });
    return userId;
  });
  return signedIn(t, id, username);
}

export type Conversation = { id: Id<"conversations">; partner: Person; whisperIds: Id<"whispers">[] };

/**
 * A conversation between `a` and `b` (a started it) with `fromA` whispers of a's and `fromB` of
 * b's, interleaved in time; b's are spread evenly and carry a's reaction when `aReacts`. With
 * `unreadByA`, b's whispers are all unread by a (a's unread count says so); everything else was
 * read a minute after delivery. Both feeds get every whisper, as announceDeliveries
 * publishes them. 2,000 whispers per transaction (each is three writes: it and two feed rows).
 */
export async function conversation(
  t: TestConvex,
  a: Person,
  b: Person,
  { fromA, fromB, aReacts = false, unreadByA = false, start = BASE_TIME }: { fromA: number; fromB: number; aReacts?: boolean; unreadByA?: boolean; start?: number },
): Promise<Conversation> {
  const id = await t.run(async (ctx) => (await findOrCreateConversation(ctx, a.id, b.id))._id);
  const total = fromA + fromB;
  const gap = Math.max(1, Math.floor((Date.now() - start) / (total + 1)));
  const whisperIds: Id<"whispers">[] = [];
  let lastAt = start;
  await inBatches(t, Math.ceil(total / 2_000), 1, async (ctx, batch) => {
    const ids: Id<"whispers">[] = [];
    for (let i = batch * 2_000; i < Math.min(total, (batch + 1) * 2_000); i++) {
      const fromPartner = spread(i, fromB, total);
      const at = start + (i + 1) * gap;
      const [sender, recipient] = fromPartner ? [b, a] : [a, b];
      const unread = fromPartner && unreadByA;
      ids.push(
        await ctx.db.insert("whispers", {
          senderId: sender.id,
          recipientId: recipient.id,
          content: text(i + 17, 12, 220),
          conversationId: id,
          reactions: fromPartner && aReacts ? [{ userId: a.id, emoji: pick(["💜", "🔥", "😂", "🙏"], i), at: at + 60_000 }] : [],
          clientId: clientId(),
          requestHash: requestHash(),
          status: "delivered",
          deliveredAt: at,
          ...(unread ? {} : { readAt: at + 60_000 }),
          updatedAt: at + 60_000,
        }),
      );
      lastAt = at;
    }
    await publishMany(ctx, [a.id, b.id], "whispers", ids, { created: true });
    whisperIds.push(...ids);
  });
  await t.run(async (ctx) => {
    await ctx.db.patch("conversations", id, { status: "active", lastWhisperAt: lastAt, updatedAt: lastAt });
    if (unreadByA) {
      const state = await ctx.db
        .query("conversationParticipants")
        .withIndex("by_conversation_user", (q) => q.eq("conversationId", id).eq("userId", a.id))
        .unique();
      await ctx.db.patch("conversationParticipants", state!._id, { unreadCount: fromB });
    }
  });
  return { id, partner: b, whisperIds };
}

/** Whether item `i` of `total` is one of `part` spread evenly over them. */
function spread(i: number, part: number, total: number): boolean {
  return Math.floor(((i + 1) * part) / total) > Math.floor((i * part) / total);
}

export type Chamber = { id: Id<"echoChambers">; memberIds: Id<"chamberMembers">[]; messageIds: Id<"chamberMessages">[] };

/**
 * A public chamber of `members` (all active, joined in that order; `maxMembers` 500) whose first
 * member created it, with `messages` messages spread over them (`ownMessages` of them by
 * `feedOf[0]`, if given). Each of `feedOf` (members) has the chamber in their feed as joining
 * and staying left it: the chamber, every member row and (unless `messagesInFeed` is false, for
 * the caller to publish them in the order they were posted) every message.
 */
export async function chamber(
  t: TestConvex,
  members: Id<"users">[],
  { messages = 100, ownMessages = 0, feedOf = [] as Id<"users">[], messagesInFeed = true, seed = 1 } = {},
): Promise<Chamber> {
  return await t.run(async (ctx) => {
    const at = BASE_TIME + Math.floor(noise(seed) * 1e10);
    const id = await ctx.db.insert("echoChambers", {
      name: sentence(seed, 8, 40),
      topic: pick(INTERESTS, seed),
      topicLower: pick(INTERESTS, seed).toLowerCase(),
      creatorId: members[0],
      inviteCode: crypto.randomUUID().replaceAll("-", "").slice(0, 12),
      maxMembers: FULL_CHAMBER,
      isPublic: true,
      memberCount: members.length,
      updatedAt: at,
    });
    const aliases = new Set<string>();
    const memberIds: Id<"chamberMembers">[] = [];
    const aliasOf = new Map<Id<"users">, string>();
    for (const [i, userId] of members.entries()) {
      let alias = `${pick(["Quiet", "Amber", "Misty", "Golden", "Velvet", "Swift"], seed + i)} ${pick(["Otter", "Owl", "Fox", "Heron"], seed * 3 + i)} ${String(i % 100).padStart(2, "0")}`;
      while (aliases.has(alias)) alias += "9";
      aliases.add(alias);
      aliasOf.set(userId, alias);
      memberIds.push(
        await ctx.db.insert("chamberMembers", { chamberId: id, userId, alias, status: "active", joinedAt: at + i * 60_000, updatedAt: at + i * 60_000 }),
      );
    }
    const messageIds: Id<"chamberMessages">[] = [];
    for (let i = 0; i < messages; i++) {
      const authorId = spread(i, ownMessages, messages) ? feedOf[0] : members[(i * 7 + 1) % members.length];
      messageIds.push(
        await ctx.db.insert("chamberMessages", {
          chamberId: id,
          authorId,
          alias: aliasOf.get(authorId)!,
          content: text(seed * 1000 + i, 10, 300),
          clientId: clientId(),
          requestHash: requestHash(),
          updatedAt: at + (members.length + i) * 60_000,
        }),
      );
    }
    for (const userId of feedOf) {
      await publishMany(ctx, [userId], "echoChambers", [id], { created: true });
      await publishMany(ctx, [userId], "chamberMembers", memberIds, { created: true });
      if (messagesInFeed) await publishMany(ctx, [userId], "chamberMessages", messageIds, { created: true });
    }
    return { id, memberIds, messageIds };
  });
}

/** `count` people of `people` starting at `offset` (wrapping around), skipping `except`. */
export function slice(people: Person[], count: number, offset: number, except: Person[] = []): Person[] {
  const skip = new Set(except.map((p) => p.id));
  const out: Person[] = [];
  for (let i = 0; out.length < count; i++) {
    const person = people[(offset + i) % people.length];
    if (!skip.has(person.id)) out.push(person);
  }
  return out;
}

export type Heavy = {
  person: Person;
  conversations: Conversation[];
  chambers: Chamber[];
  /** What the person has, for checking a path handled all of it. */
  counts: { sent: number; received: number; reactions: number; journal: number; chambers: number; chamberMessages: number };
};

/**
 * The issue's heavy person: 100 conversations with 500 whispers sent and 20 received in each
 * (50,000 sent, 2,000 received, each received one reacted to: 2,000 reactions), a full journal,
 * and 20 full chambers (500 members each, the rest drawn from `people`) with 100 messages each,
 * 10 of them theirs. Every partner and member has a full journal too. Their feed holds it all in
 * the order it happened: the chambers as they joined them (the chamber, its members), the
 * conversations, then the chambers' messages as they were posted, the 20 chambers interleaved.
 */
export async function heavyPerson(t: TestConvex, username: string, people: Person[], seed = 99_999): Promise<Heavy> {
  const person = await onePerson(t, username, seed);
  const chambers: Chamber[] = [];
  for (let c = 0; c < 20; c++) {
    const others = slice(people, FULL_CHAMBER - 1, 100 + c * 97, [person]);
    chambers.push(
      await chamber(t, [...others.map((p) => p.id), person.id], { messages: 100, ownMessages: 10, feedOf: [person.id], messagesInFeed: false, seed: seed + c }),
    );
  }
  const conversations: Conversation[] = [];
  for (const partner of slice(people, 100, 0)) {
    conversations.push(await conversation(t, person, partner, { fromA: 500, fromB: 20, aReacts: true }));
  }
  const posted = chambers[0].messageIds.flatMap((_, i) => chambers.map((c) => c.messageIds[i]));
  await inBatches(t, Math.ceil(posted.length / 1_000), 1, async (ctx, batch) => {
    await publishMany(ctx, [person.id], "chamberMessages", posted.slice(batch * 1_000, (batch + 1) * 1_000), { created: true });
  });
  return {
    person,
    conversations,
    chambers,
    counts: { sent: 50_000, received: 2_000, reactions: 2_000, journal: JOURNAL_ENTRIES, chambers: 20, chamberMessages: 200 },
  };
}
