// Scale: the heavy person's data export (dataExports:request, its scheduled batches and assembly) holds every item in one JSON file, every transaction within half of Convex's limits.
import { afterEach, beforeAll, expect, test, vi } from "vitest";
import { api } from "../../_generated/api";
import { measure, type Scale, scaleTest } from "./harness.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";
import { type Heavy, heavyPerson, population } from "./world.fixtures";

let scale: Scale;
let ada: Heavy;

beforeAll(async () => {
  scale = await scaleTest();
  ada = await heavyPerson(scale.t, "ada", await population(scale.t, 2_000));
});

afterEach(() => {
  vi.useRealTimers();
});

test("the export holds everything of hers", async () => {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  const measured = await measure(async () => {
    await ada.person.as.mutation(api.dataExports.request, {});
    await scale.t.finishAllScheduledFunctions(vi.runAllTimers, 100_000);
  });
  expectWithinHeadroom("dataExports:request → collect batches → assemble", measured);
  const job = scale.documents("dataExports").find((row) => row.userId === ada.person.id)!;
  expect(job).toMatchObject({ status: "done" });
  const text = await scale.t.run(async (ctx) => await (await ctx.storage.get(job.storageId!))!.text());
  console.log(`── scale: the export file: ${(text.length / 2 ** 20).toFixed(1)} MiB, ${job.items.toLocaleString("en-US")} items, ${job.parts} parts, ${job.batch} batches`);
  const data = JSON.parse(text);
  const { counts, conversations } = ada;
  expect(data.whispersSent).toHaveLength(counts.sent);
  expect(data.whispersReceived).toHaveLength(counts.received);
  expect(data.conversations).toHaveLength(conversations.length);
  expect(data.chamberMessages).toHaveLength(counts.chamberMessages);
  expect(data.chambers).toHaveLength(counts.chambers);
  expect(data.moodJournal).toHaveLength(counts.journal);
  expect(new Set(data.whispersSent.map((w: { _id: string }) => w._id)).size).toBe(counts.sent);
  expect(scale.documents("dataExportParts")).toEqual([]);
});
