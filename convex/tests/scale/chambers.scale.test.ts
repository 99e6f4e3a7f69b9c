// Scale: posting in, joining and leaving a full (500-member) echo chamber, each within half of Convex's limits.
import { beforeAll, expect, test } from "vitest";
import { api } from "../../_generated/api";
import type { Person } from "../test.setup";
import { measure, type Scale, scaleTest } from "./harness.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";
import { type Chamber, chamber, FULL_CHAMBER, population, slice } from "./world.fixtures";

let scale: Scale;
let people: Person[];
/** 500 members; `poster` and `leaver` among them, with the chamber in their feeds. */
let full: Chamber;
/** 499 members; `joiner` is not one of them. */
let almostFull: Chamber;
let poster: Person;
let leaver: Person;
let joiner: Person;

beforeAll(async () => {
  scale = await scaleTest();
  people = await population(scale.t, 1_000);
  [poster, leaver, joiner] = [people[10], people[11], people[999]];
  full = await chamber(scale.t, slice(people, FULL_CHAMBER, 0).map((p) => p.id), { feedOf: [poster.id, leaver.id], seed: 1 });
  almostFull = await chamber(scale.t, slice(people, FULL_CHAMBER - 1, 400, [joiner]).map((p) => p.id), { seed: 2 });
});

const activeMembers = (chamberId: Chamber["id"]) =>
  scale.documents("chamberMembers").filter((m) => m.chamberId === chamberId && m.status === "active").length;

test("a post reaches all 500 members", async () => {
  let messageId = "";
  const measured = await measure(async () => {
    ({ messageId } = await poster.as.mutation(api.echoChambers.post, { chamberId: full.id, clientId: crypto.randomUUID(), content: "Is anyone else awake?" }));
  });
  expectWithinHeadroom("echoChambers:post, 500 members", measured);
  expect(scale.documents("syncChanges").filter((row) => row.docId === messageId)).toHaveLength(FULL_CHAMBER);
});

// The join counts the 499 (one seat short of the limit) and tells the newcomer's feed; its fan-out (settleJoin) publishes
// the new member row to the 499 and their rows and the latest 50 messages to the newcomer: one lookup per published row.
test("the 500th member joins, and the join's fan-out", async () => {
  const measured = await measure(async () => {
    await joiner.as.mutation(api.echoChambers.join, { chamberId: almostFull.id });
    await scale.t.finishAllScheduledFunctions(() => {});
  });
  expectWithinHeadroom("echoChambers:join + settleJoin, 499 → 500 members", measured);
  expect(measured.runs.map((run) => run.fn)).toEqual(expect.arrayContaining(["echoChambers:join", "echoChambers:settleJoin"]));
  expect(activeMembers(almostFull.id)).toBe(FULL_CHAMBER);
  const memberId = scale.documents("chamberMembers").find((m) => m.chamberId === almostFull.id && m.userId === joiner.id)!._id;
  expect(scale.documents("syncChanges").filter((row) => row.docId === memberId)).toHaveLength(FULL_CHAMBER);
});

test("a member leaves a full chamber", async () => {
  const measured = await measure(() => leaver.as.mutation(api.echoChambers.leave, { chamberId: full.id }));
  expectWithinHeadroom("echoChambers:leave, 500 members", measured);
  expect(activeMembers(full.id)).toBe(FULL_CHAMBER - 1);
});
