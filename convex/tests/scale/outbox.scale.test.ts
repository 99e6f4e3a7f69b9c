// Scale: 50 of the heaviest operations the outbox sends, pushed as the drainer pushes them: every push within half of Convex's limits.
import { beforeAll, expect, test } from "vitest";
import { api } from "../../_generated/api";
import { OUTBOX_BATCH_MAX } from "../../model/outbox";
import type { Person } from "../test.setup";
import { measure, type Scale, scaleTest } from "./harness.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";
import { type Chamber, chamber, type Conversation, conversation, FULL_CHAMBER, population, slice } from "./world.fixtures";

/** Operations of each kind in the push: five kinds, OUTBOX_BATCH_MAX in all. */
const EACH = OUTBOX_BATCH_MAX / 5;

let scale: Scale;
let viewer: Person;
/** 499 members each, the viewer not among them. */
let toJoin: Chamber[];
/** 500 members each, the viewer among them (the chambers in their feed). */
let toPost: Chamber[];
let toLeave: Chamber[];
/** 200 whispers each to the viewer, all unread. */
let unread: Conversation[];

beforeAll(async () => {
  scale = await scaleTest();
  const people = await population(scale.t, 1_500);
  viewer = people[0];
  toJoin = [];
  toPost = [];
  toLeave = [];
  unread = [];
  for (let i = 0; i < EACH; i++) {
    const offset = 1 + i * 43;
    toJoin.push(await chamber(scale.t, slice(people, FULL_CHAMBER - 1, offset, [viewer]).map((p) => p.id), { seed: 100 + i }));
    const members = [viewer, ...slice(people, FULL_CHAMBER - 1, offset + 500, [viewer])].map((p) => p.id);
    toPost.push(await chamber(scale.t, members, { feedOf: [viewer.id], seed: 200 + i }));
    toLeave.push(await chamber(scale.t, members, { feedOf: [viewer.id], seed: 300 + i }));
    unread.push(await conversation(scale.t, viewer, people[1 + i], { fromA: 0, fromB: 200, unreadByA: true }));
  }
});

// The 50 ops do not fit one transaction (a join of a 499-member chamber alone is over a third of the index ranges): each
// push runs what its budget allows and answers the rest "not run"; they are sent again at once, as the drainer does.
test("a push of 50 joins, markReads, posts, leaves and moods, and its 'not run' ops sent again to the last", async () => {
  const ops = Array.from({ length: EACH }, (_, i) => [
    { udfPath: "echoChambers:join", args: { chamberId: toJoin[i].id } },
    { udfPath: "whispers:markRead", args: { conversationId: unread[i].id } },
    { udfPath: "echoChambers:post", args: { chamberId: toPost[i].id, clientId: crypto.randomUUID(), content: `Still here, ${i}` } },
    { udfPath: "echoChambers:leave", args: { chamberId: toLeave[i].id } },
    { udfPath: "users:setMood", args: { mood: "hopeful", note: `Better than yesterday (${i})`, clientId: crypto.randomUUID() } },
  ]).flat();
  expect(ops).toHaveLength(OUTBOX_BATCH_MAX);
  const outcomes: { ok: boolean }[] = [];
  const measured = await measure(async () => {
    let left = ops;
    while (left.length > 0) {
      const answers = await viewer.as.mutation(api.outbox.push, { ops: left });
      const run = answers.filter((answer) => !("notRun" in answer));
      expect(run.length).toBeGreaterThan(0);
      outcomes.push(...run);
      left = left.slice(run.length);
    }
  });
  expectWithinHeadroom("outbox:push of 50 heavy ops, sent again until all ran", measured);
  expect(outcomes).toHaveLength(OUTBOX_BATCH_MAX);
  expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([]);
  const memberships = scale.documents("chamberMembers").filter((m) => m.userId === viewer.id);
  expect(toJoin.map((c) => memberships.find((m) => m.chamberId === c.id)?.status)).toEqual(Array(EACH).fill("active"));
  expect(toLeave.map((c) => memberships.find((m) => m.chamberId === c.id)?.status)).toEqual(Array(EACH).fill("left"));
  const posts = scale.documents("chamberMessages").filter((m) => m.authorId === viewer.id && m.content.startsWith("Still here"));
  expect(posts.map((m) => m.content).sort()).toEqual(Array.from({ length: EACH }, (_, i) => `Still here, ${i}`).sort());
});
