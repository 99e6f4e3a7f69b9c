// Scale: moods:findMoodMatch among 5,000 people with full (1,000-entry) mood journals, within half of Convex's limits.
import { beforeAll, expect, test } from "vitest";
import { api } from "../../_generated/api";
import type { Person } from "../test.setup";
import { measure, type Scale, scaleTest } from "./harness.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";
import { population } from "./world.fixtures";

let scale: Scale;
let people: Person[];

beforeAll(async () => {
  scale = await scaleTest();
  people = await population(scale.t, 5_000);
});

// The candidates are the compact profiles rows (a few hundred bytes each, never the users documents with their
// 1,000-entry journals): up to 200 per compatible mood, life phase, career and the most recently updated.
test("a match for someone among 5,000 people", async () => {
  const viewer = people[4_321];
  let matches = 0;
  const measured = await measure(async () => {
    // The mood screen asks for 10 (MoodMatchScreen.tsx); 50 is the most anyone may ask for.
    matches = (await viewer.as.query(api.moods.findMoodMatch, { limit: 10 })).length;
    matches = Math.min(matches, (await viewer.as.query(api.moods.findMoodMatch, { limit: 50 })).length);
  });
  expectWithinHeadroom("moods:findMoodMatch among 5,000", measured);
  expect(matches).toBe(10);
});
