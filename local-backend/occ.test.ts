// Write conflicts on the common paths: two different people's mutations at the same moment must not conflict on Convex.
//
// Each case runs two mutations of different people one after the other in the demo world (plus a
// 500-seat chamber of 482 members and a 10-seat one of 8) and compares what each read and wrote, as Convex's optimistic concurrency
// control does when they run at the same time: any document one wrote where the other read is
// a conflict, and Convex runs the later one again (4 times, then fails it). Both mutations of a
// case see the same Math.random sequence, so a choice spread by Math.random (a counter shard)
// counts as the collision that some pair of concurrent commits always has under load.
// Every common path is conflict-free; the one pair that must conflict (the last seats) says so.
import type { GenericDatabaseWriter, GenericDataModel, UserIdentity } from "convex/server";
import type { GenericId, Value } from "convex/values";
import { afterAll, beforeAll, expect, test } from "vitest";
import type { Access } from "./engine/engine";
import { conflicts, type Conflict } from "./engine/occ";
import { DEMO_USERS } from "./seed/demoUsers";
import { startTestBackend, type TestBackend } from "./testing/harness";

/**
 * Active members of the big chamber (of 500) before case (c)'s two join it: far enough from its
 * limit that a join reads only the folded count (model/chamberMembership.ts JOIN_SLACK).
 */
const BIG_CHAMBER_BEFORE_JOINS = 480;
/**
 * Of those, the ones who join through echoChambers:join; the others' rows are copies of a real
 * member's row (each real join costs more the bigger the chamber: 498 of them take minutes).
 */
const REAL_JOINS = 20;

type GenericDb = GenericDatabaseWriter<GenericDataModel>;

let backend: TestBackend;
const idOf: Record<string, string> = {};
const nameOf: Record<string, string> = {};
let clientIds = 0;
const clientId = (label: string) => `occ-${label}-${String(++clientIds).padStart(5, "0")}`;

const identity = (username: string): UserIdentity => backend.auth.identityOf(username);

async function call<T = Value>(username: string, udfPath: string, args: Record<string, Value> = {}): Promise<T> {
  return (await backend.engine.mutation(udfPath, args, identity(username))).value as T;
}

async function signUp(username: string): Promise<void> {
  const { _id } = await call<{ _id: string }>(username, "users:ensureViewer");
  await call(username, "users:completeOnboarding", { username, displayName: username });
  idOf[username] = _id;
  nameOf[_id] = username;
}

/** A small deterministic Math.random (mulberry32); each mutation of a pair gets a fresh one with the same seed. */
function replayedRandom(seed = 15): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Op = { username: string; udfPath: string; args: Record<string, Value> };

/** Runs `a` then `b` (each must succeed) and returns what each read and wrote. */
async function pair(a: Op, b: Op): Promise<[Access, Access]> {
  const run = async (op: Op) => (await backend.engine.inspectMutation(op.udfPath, op.args, identity(op.username), { random: replayedRandom() })).access;
  const first = await run(a);
  const second = await run(b);
  for (const [op, access] of [[a, first], [b, second]] as const) {
    if (access.writes.length === 0) throw new Error(`${op.username}'s ${op.udfPath} wrote nothing: the case does not test its path`);
  }
  return [first, second];
}

/** Which document a conflict is about, in words: whose it is, or its name (and shard). */
function label(conflict: Conflict): string {
  const doc: Record<string, unknown> = conflict.doc ?? {};
  if (typeof doc.userId === "string") return `${nameOf[doc.userId] ?? doc.userId}'s`;
  return ["name", "shard"].filter((f) => doc[f] !== undefined).map((f) => `${f} ${String(doc[f])}`).join(" ") || conflict.id;
}

/** The conflicting documents per table, e.g. "syncChanges ×500: host's, joiner1's, joiner2's, …". */
function conflicting(a: Access, b: Access): string[] {
  const byTable = new Map<string, Map<string, string>>();
  for (const conflict of conflicts(a, b)) {
    if (!byTable.has(conflict.table)) byTable.set(conflict.table, new Map());
    byTable.get(conflict.table)!.set(conflict.id, label(conflict));
  }
  return [...byTable].map(([table, docs]) => {
    const labels = [...new Set(docs.values())].sort();
    return `${table} ×${docs.size}: ${labels.slice(0, 3).join(", ")}${labels.length > 3 ? ", …" : ""}`;
  });
}

let cases: Record<"a" | "b" | "c" | "d" | "e" | "settles" | "lastSeats", [Access, Access]>;

beforeAll(async () => {
  process.env.RATE_LIMIT_SCALE = "1000"; // hundreds of sign-ups and joins in a few seconds
  backend = await startTestBackend({ seed: true });
  for (const user of DEMO_USERS) {
    const { _id } = await call<{ _id: string }>(user.username, "users:ensureViewer");
    idOf[user.username] = _id;
    nameOf[_id] = user.username;
  }

  // A public chamber of BIG_CHAMBER_BEFORE_JOINS members: its host, REAL_JOINS - 1 who joined, and
  // copies of a joined member's row for the others (each a signed-up person of their own).
  await signUp("host");
  const { chamberId } = await call<{ chamberId: string }>("host", "echoChambers:create", {
    clientId: clientId("chamber"),
    name: "Big Room",
    topic: "everything",
    maxMembers: 500,
    isPublic: true,
  });
  const members = Array.from({ length: BIG_CHAMBER_BEFORE_JOINS - 1 }, (_, i) => `member${String(i + 1).padStart(3, "0")}`);
  for (const member of members) await signUp(member);
  for (const member of members.slice(0, REAL_JOINS - 1)) await call(member, "echoChambers:join", { chamberId });
  await backend.engine.transact(async (_db, ctx) => {
    const db = ctx.db as unknown as GenericDb;
    const rows = await db
      .query("chamberMembers")
      .withIndex("by_user", (q) => q.eq("userId", idOf.member001!))
      .collect();
    const template = rows.find((r) => r.chamberId === chamberId)!;
    const { _id, _creationTime, ...row } = template;
    for (const [i, member] of members.slice(REAL_JOINS - 1).entries()) {
      await db.insert("chamberMembers", { ...row, userId: idOf[member]!, alias: `Copied Member ${i}` });
    }
    const id = chamberId as GenericId<"echoChambers">;
    const chamber = (await db.get(id))!;
    const copies = members.length - (REAL_JOINS - 1);
    if (typeof chamber.memberCount === "number") await db.patch(id, { memberCount: chamber.memberCount + copies });
  });
  await signUp("joiner1");
  await signUp("joiner2");

  // Conversations that already exist (the common case is a whisper in an ongoing conversation).
  const whisper = (from: string, to: string, content: string) =>
    call<{ whisperId: string }>(from, "whispers:sendWhisper", { clientId: clientId("w"), recipientId: idOf[to]!, content });
  await whisper("carol", "bob", "Hi Bob, Carol here.");
  await whisper("dave", "bob", "Hey Bob, it's Dave.");
  await whisper("carol", "dave", "Dave, are you around?");
  const forBob = await whisper("alice", "bob", "Lunch tomorrow?");
  const forDave = await whisper("erin", "dave", "How did the exam go?");

  const send = (from: string, to: string): Op => ({
    username: from,
    udfPath: "whispers:sendWhisper",
    args: { clientId: clientId("w"), recipientId: idOf[to]!, content: `${from} to ${to}` },
  });
  const post = (who: string): Op => ({ username: who, udfPath: "echoChambers:post", args: { chamberId, clientId: clientId("m"), content: `${who} says hi` } });
  const join = (who: string, chamber = chamberId): Op => ({ username: who, udfPath: "echoChambers:join", args: { chamberId: chamber } });
  const settle = (who: string, memberId: string): Op => ({ username: who, udfPath: "echoChambers:settleJoin", args: { memberId } });
  const memberIdOf = async (who: string) =>
    await backend.engine.transact(async (_db, ctx) => {
      const db = ctx.db as unknown as GenericDb;
      const rows = await db.query("chamberMembers").withIndex("by_user", (q) => q.eq("userId", idOf[who]!)).collect();
      return String(rows.find((r) => r.chamberId === chamberId)!._id);
    });

  // A small chamber one seat short of its last two: the joins count its members exactly.
  const { chamberId: smallId } = await call<{ chamberId: string }>("host", "echoChambers:create", {
    clientId: clientId("chamber"),
    name: "Small Room",
    topic: "few",
    maxMembers: 10,
    isPublic: true,
  });
  for (const member of members.slice(0, 7)) await call(member, "echoChambers:join", { chamberId: smallId });
  const react = (who: string, whisperId: string): Op => ({ username: who, udfPath: "whispers:toggleReaction", args: { whisperId, emoji: "❤️" } });
  cases = {
    a: await pair(send("carol", "bob"), send("dave", "bob")),
    c: await pair(join("joiner1"), join("joiner2")),
    settles: await pair(settle("joiner1", await memberIdOf("joiner1")), settle("joiner2", await memberIdOf("joiner2"))),
    lastSeats: await pair(join("joiner1", smallId), join("joiner2", smallId)),
    b: await pair(post("member001"), post("member002")),
    d: await pair(send("alice", "bob"), send("carol", "dave")),
    e: await pair(react("bob", forBob.whisperId), react("dave", forDave.whisperId)),
  };
}, 600_000);

afterAll(async () => {
  delete process.env.RATE_LIMIT_SCALE;
  await backend?.cleanup();
});

test("(a) carol and dave each whisper bob: no conflict", () => {
  expect(conflicting(...cases.a)).toEqual([]);
});

test("(b) two members post in the same 482-member chamber: no conflict", () => {
  expect(conflicting(...cases.b)).toEqual([]);
});

test("(c) two people join the same 480-member chamber of 500: no conflict", () => {
  expect(conflicting(...cases.c)).toEqual([]);
});

test("(c) the fan-outs of those two joins (settleJoin, each after its join committed): no conflict", () => {
  expect(conflicting(...cases.settles)).toEqual([]);
});

// A limit is one decision: two joins for a chamber's last seats each count its members, so they
// conflict and Convex runs the later one again, which then counts the first one in.
test("(c) two people take the last two seats of a chamber: they conflict on its members", () => {
  expect(conflicting(...cases.lastSeats)).toEqual([expect.stringMatching(/^chamberMembers ×\d+: joiner1.s, joiner2.s$/)]);
});

test("(d) alice whispers bob while carol whispers dave: no conflict", () => {
  expect(conflicting(...cases.d)).toEqual([]);
});

test("(e) two people react to different whispers: no conflict", () => {
  expect(conflicting(...cases.e)).toEqual([]);
});
