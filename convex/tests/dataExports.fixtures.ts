// Test fixtures for data exports: running one to the end (its scheduled batches and assembly) and reading its file.
import { vi } from "vitest";
import { api } from "../_generated/api";
import type { Doc, Id } from "../_generated/dataModel";
import type { Person, TestConvex } from "./test.setup";

/** `person`'s newest export job, as stored. */
export async function latestJob(t: TestConvex, userId: Id<"users">): Promise<Doc<"dataExports"> | null> {
  return await t.run(async (ctx) =>
    await ctx.db.query("dataExports").withIndex("by_user", (q) => q.eq("userId", userId)).order("desc").first(),
  );
}

/** Runs every scheduled function (batches, assembly, cleanup) to the end, with fake timers (the test's own when it has them). */
export async function runScheduled(t: TestConvex): Promise<void> {
  const own = !vi.isFakeTimers();
  if (own) vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  try {
    await t.finishAllScheduledFunctions(vi.runAllTimers, 100_000);
  } finally {
    if (own) vi.useRealTimers();
  }
}

/** The text of `person`'s newest finished export file (throws when there is none). */
export async function exportText(t: TestConvex, person: Person): Promise<string> {
  const job = await latestJob(t, person.id);
  if (job?.status !== "done" || !job.storageId) throw new Error(`no finished export (status ${job?.status})`);
  const storageId = job.storageId;
  return await t.run(async (ctx) => {
    const blob = await ctx.storage.get(storageId);
    if (!blob) throw new Error("the export's file is not stored");
    return await blob.text();
  });
}

/** Requests `person`'s export, runs it to the end and returns its file, parsed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the file is JSON of many shapes; tests read the parts they check
export async function exportOf(t: TestConvex, person: Person): Promise<any> {
  await person.as.mutation(api.dataExports.request, {});
  await runScheduled(t);
  return JSON.parse(await exportText(t, person));
}
