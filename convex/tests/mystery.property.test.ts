// Property: nothing a mystery whisper's recipient can do or read depends on which candidate is its hidden sender.
//
// Each run builds two worlds that are the same in everything (people, friendships, ordinary
// conversations, chambers, blocks and bans made by the candidates, what the hidden sender wrote)
// except which candidate sent the mystery whisper, runs the same random sequence of the
// recipient's actions in both, and compares every result and error the recipient sees, with the
// ids that differ by construction mapped to stable labels (people by username, anything else by
// order of first appearance).
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ConvexError } from "convex/values";
import { api, internal } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { newTest, person, type Person, scheduledDone, type TestConvex } from "./test.setup";

const MOODS = ["calm", "happy", "sad"] as const;

type CandidateSpec = {
  /** The friend row between the recipient and this candidate, set up before the mystery whisper. */
  relation: "none" | "friends" | "askedByRecipient" | "askedByCandidate";
  /** The candidate whispered the recipient in an ordinary conversation. */
  ordinary: boolean;
  /** The candidate is in the recipient's public chamber and posted there. */
  inChamber: boolean;
  mood: (typeof MOODS)[number];
  /** After the mystery whisper: the candidate changes their profile (their audience hears of it). */
  updatesProfile: boolean;
  /** After the mystery whisper: the candidate blocks the recipient. */
  blocksRecipient: boolean;
  /** After the mystery whisper: an admin bans the candidate. */
  banned: boolean;
};

type WorldSpec = {
  candidates: CandidateSpec[];
  /** The hidden sender in world A and in world B (two different candidates). */
  senders: [number, number];
  /** The hidden sender asked to unmask. */
  senderAsks: boolean;
  /** The hidden sender wrote a second whisper into the conversation. */
  senderWritesAgain: boolean;
};

type Action =
  | { kind: "block" | "unblock" | "friendRequest" | "whisperCandidate" | "findByUsername"; k: number }
  | {
      kind:
        | "listBlocks"
        | "sendMystery"
        | "replyMystery"
        | "reactMystery"
        | "scheduleMystery"
        | "deliverDue"
        | "listScheduled"
        | "unmaskRequest"
        | "unmaskDecline"
        | "unmaskList"
        | "closeMystery"
        | "reopenMystery"
        | "markRead"
        | "readMystery"
        | "getMystery"
        | "listConversations"
        | "moodMatch"
        | "chamberPost"
        | "chamberMessages"
        | "chamberMembers"
        | "pull"
        | "blockConversation"
        | "unblockConversation";
    };

const PLAIN_ACTIONS = [
  "listBlocks", "sendMystery", "replyMystery", "reactMystery", "scheduleMystery", "deliverDue", "listScheduled",
  "unmaskRequest", "unmaskDecline", "unmaskList", "closeMystery", "reopenMystery", "markRead", "readMystery",
  "getMystery", "listConversations", "moodMatch", "chamberPost", "chamberMessages", "chamberMembers", "pull",
  "blockConversation", "unblockConversation",
] as const;
const PERSON_ACTIONS = ["block", "unblock", "friendRequest", "whisperCandidate", "findByUsername"] as const;

const candidateSpec: fc.Arbitrary<CandidateSpec> = fc.record({
  relation: fc.constantFrom("none", "friends", "askedByRecipient", "askedByCandidate"),
  ordinary: fc.boolean(),
  inChamber: fc.boolean(),
  mood: fc.constantFrom(...MOODS),
  updatesProfile: fc.boolean(),
  blocksRecipient: fc.boolean(),
  banned: fc.boolean(),
});

const worldSpec: fc.Arbitrary<WorldSpec> = fc
  .array(candidateSpec, { minLength: 2, maxLength: 4 })
  .chain((candidates) =>
    fc.record({
      candidates: fc.constant(candidates),
      senders: fc
        .tuple(fc.nat(candidates.length - 1), fc.nat(candidates.length - 2))
        // The second index skips the first, so the two worlds always have different senders.
        .map(([a, b]) => [a, b >= a ? b + 1 : b] as [number, number]),
      senderAsks: fc.boolean(),
      senderWritesAgain: fc.boolean(),
    }),
  );

const action = (candidates: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom(...PERSON_ACTIONS), k: fc.nat(candidates - 1) }) },
    { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom(...PLAIN_ACTIONS) }) },
  );

const scenario = worldSpec.chain((world) =>
  fc.record({ world: fc.constant(world), actions: fc.array(action(world.candidates.length), { minLength: 1, maxLength: 10 }) }),
);

type World = {
  t: TestConvex;
  recipient: Person;
  candidates: Person[];
  mysteryId: Id<"conversations">;
  mysteryWhisperId: Id<"whispers">;
  chamberId: Id<"echoChambers">;
  askedId: Id<"unmaskingRequests"> | null;
  nextClientId: () => string;
};

/** Builds a world; `sender` is the index of the candidate who sends the mystery whisper. */
async function build(spec: WorldSpec, sender: number): Promise<World> {
  const t = newTest();
  let counter = 0;
  const nextClientId = () => `client-${++counter}`;
  const recipient = await person(t, "rec", { mood: "sad", interests: ["chess"], lifePhase: "student" });
  const admin = await person(t, "mod", { role: "admin" });
  const candidates: Person[] = [];
  for (const [i, c] of spec.candidates.entries()) {
    candidates.push(await person(t, `cand${i}`, { mood: c.mood, interests: ["chess"], lifePhase: "student" }));
  }
  const { chamberId } = await recipient.as.mutation(api.echoChambers.create, {
    clientId: nextClientId(), name: "Night owls", topic: "Sleep", maxMembers: 20, isPublic: true,
  });
  await scheduledDone(t); // the creator's join has a fan-out too
  for (const [i, c] of spec.candidates.entries()) {
    const who = candidates[i];
    if (c.relation === "friends" || c.relation === "askedByCandidate") {
      await who.as.mutation(api.friends.request, { userId: recipient.id });
      if (c.relation === "friends") await recipient.as.mutation(api.friends.accept, { userId: who.id });
    }
    if (c.relation === "askedByRecipient") await recipient.as.mutation(api.friends.request, { userId: who.id });
    if (c.ordinary) {
      await who.as.mutation(api.whispers.sendWhisper, { clientId: nextClientId(), recipientId: recipient.id, content: "hello" });
    }
    if (c.inChamber) {
      await who.as.mutation(api.echoChambers.join, { chamberId });
      // The join's fan-out runs after it (settleJoin): let it, so both worlds are built in one order.
      await scheduledDone(t);
      await who.as.mutation(api.echoChambers.post, { chamberId, clientId: nextClientId(), content: `from ${i}` });
    }
  }
  const hidden = candidates[sender];
  const sent = await hidden.as.mutation(api.whispers.sendWhisper, {
    clientId: nextClientId(), recipientId: recipient.id, content: "guess who", isMystery: true,
  });
  if (spec.senderWritesAgain) {
    await hidden.as.mutation(api.whispers.sendWhisper, { clientId: nextClientId(), conversationId: sent.conversationId, content: "still me" });
  }
  const askedId = spec.senderAsks
    ? (await hidden.as.mutation(api.unmasking.request, { conversationId: sent.conversationId })).requestId
    : null;
  for (const [i, c] of spec.candidates.entries()) {
    const who = candidates[i];
    if (c.updatesProfile) await who.as.mutation(api.users.updateProfile, { career: `career ${i}` });
    if (c.blocksRecipient) await who.as.mutation(api.friends.block, { userId: recipient.id });
    if (c.banned) await admin.as.mutation(api.admin.banUser, { userId: who.id, reason: "spam" });
  }
  await scheduledDone(t);
  return {
    t, recipient, candidates, mysteryId: sent.conversationId, mysteryWhisperId: sent.whisperId, chamberId, askedId, nextClientId,
  };
}

/** The result of a call as the recipient sees it: its value, or its error's code and message. */
async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await call() };
  } catch (error) {
    if (error instanceof ConvexError) return { error: error.data };
    throw error;
  }
}

/** Everything the recipient's sync feed holds, from the start. */
async function pullAll(w: World) {
  const pages = [];
  for (let cursor = ""; pages.length < 20; ) {
    const page = await w.recipient.as.query(api.sync.pull, { cursor, limit: 500 });
    pages.push(page);
    if (!page.hasMore) break;
    cursor = page.cursor;
  }
  return pages;
}

async function perform(w: World, a: Action): Promise<unknown> {
  const r = w.recipient.as;
  const conversationId = w.mysteryId;
  switch (a.kind) {
    case "block":
      return await r.mutation(api.friends.block, { userId: w.candidates[a.k].id });
    case "unblock":
      return await r.mutation(api.friends.unblock, { userId: w.candidates[a.k].id });
    case "friendRequest":
      return await r.mutation(api.friends.request, { userId: w.candidates[a.k].id });
    case "whisperCandidate":
      return await r.mutation(api.whispers.sendWhisper, { clientId: w.nextClientId(), recipientId: w.candidates[a.k].id, content: "hi" });
    case "findByUsername":
      return await r.query(api.users.findByUsername, { username: w.candidates[a.k].username });
    case "listBlocks":
      return await r.query(api.friends.list, {});
    case "sendMystery":
      return await r.mutation(api.whispers.sendWhisper, { clientId: w.nextClientId(), conversationId, content: "who are you?" });
    case "replyMystery":
      return await r.mutation(api.whispers.replyToWhisper, { clientId: w.nextClientId(), parentId: w.mysteryWhisperId, content: "re" });
    case "reactMystery":
      return await r.mutation(api.whispers.toggleReaction, { whisperId: w.mysteryWhisperId, emoji: "👍", clientId: w.nextClientId() });
    case "scheduleMystery":
      return await r.mutation(api.whispers.scheduleWhisper, {
        clientId: w.nextClientId(), conversationId, content: "later", scheduledFor: Date.now() + 3_600_000,
      });
    case "deliverDue":
      // Time passes: every scheduled whisper falls due and the delivery job runs.
      await w.t.run(async (ctx) => {
        for (const row of await ctx.db.query("whispers").collect()) {
          if (row.status === "scheduled") await ctx.db.patch("whispers", row._id, { scheduledFor: Date.now() - 1 });
        }
      });
      return await w.t.mutation(internal.whispers.processScheduledWhispers, {});
    case "listScheduled":
      return await r.query(api.whispers.listScheduled, {});
    case "unmaskRequest":
      return await r.mutation(api.unmasking.request, { conversationId });
    case "unmaskDecline":
      return w.askedId ? await r.mutation(api.unmasking.decline, { requestId: w.askedId }) : "no request";
    case "unmaskList":
      return await r.query(api.unmasking.forConversation, { conversationId });
    case "closeMystery":
      return await r.mutation(api.conversations.close, { conversationId });
    case "reopenMystery":
      return await r.mutation(api.conversations.reopen, { conversationId });
    case "markRead":
      return await r.mutation(api.whispers.markRead, { conversationId });
    case "readMystery":
      return await r.query(api.whispers.listConversation, { conversationId, paginationOpts: { numItems: 50, cursor: null } });
    case "getMystery":
      return await r.query(api.conversations.get, { conversationId });
    case "listConversations":
      return await r.query(api.conversations.list, {});
    case "moodMatch":
      return await r.query(api.moods.findMoodMatch, { limit: 10 });
    case "chamberPost":
      return await r.mutation(api.echoChambers.post, { chamberId: w.chamberId, clientId: w.nextClientId(), content: "hi all" });
    case "chamberMessages":
      return await r.query(api.echoChambers.listMessages, { chamberId: w.chamberId, paginationOpts: { numItems: 50, cursor: null } });
    case "chamberMembers":
      return await r.query(api.echoChambers.members, { chamberId: w.chamberId });
    case "pull":
      return await pullAll(w);
    case "blockConversation":
      return await r.mutation(api.conversations.block, { conversationId });
    case "unblockConversation":
      return await r.mutation(api.conversations.unblock, { conversationId });
  }
}

/**
 * `value` with what differs by construction replaced: people's ids by their username, other ids
 * and the random chamber aliases and invite codes by their order of first appearance, and
 * wall-clock times by "<time>" and feed positions' commit timestamps by "<at>" (the two worlds
 * run at different moments).
 */
function normaliser(w: World) {
  const people = new Map<string, string>([[w.recipient.id, "user:rec"]]);
  for (const c of w.candidates) people.set(c.id, `user:${c.username}`);
  const seen = new Map<string, string>();
  const label = (kind: string, value: string) => {
    const key = `${kind}:${value}`;
    if (!seen.has(key)) seen.set(key, `${kind}#${seen.size + 1}`);
    return seen.get(key)!;
  };
  const walk = (value: unknown, key?: string): unknown => {
    if (typeof value === "string") {
      if (people.has(value)) return people.get(value);
      if (key === "alias" || key === "yourAlias" || key === "inviteCode") return label(key, value);
      const position = /^\d{20}:(.+)$/.exec(value);
      if (position) return `<at>:${walk(position[1]) as string}`;
      const id = /^\d+([a-zA-Z_]+)$/.exec(value);
      if (id) return label(id[1], value);
      for (const [raw, name] of people) if (value.includes(raw)) return value.replaceAll(raw, name);
      return value;
    }
    if (typeof value === "number") return value > 1e12 ? "<time>" : value;
    if (Array.isArray(value)) return value.map((item) => walk(item));
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    }
    return value;
  };
  return walk;
}

async function transcript(spec: WorldSpec, sender: number, actions: Action[]) {
  const w = await build(spec, sender);
  const norm = normaliser(w);
  const seen: unknown[] = [];
  for (const a of actions) seen.push({ action: a, result: norm(await outcome(() => perform(w, a))) });
  return seen;
}

describe("a mystery whisper's hidden sender", () => {
  test("cannot be inferred by its recipient from any result or error", async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ world, actions }) => {
        const [a, b] = world.senders;
        const first = await transcript(world, a, actions);
        const second = await transcript(world, b, actions);
        expect(second).toEqual(first);
      }),
      { numRuns: Number(process.env.MYSTERY_RUNS ?? 30) },
    );
  }, 300_000);
});
