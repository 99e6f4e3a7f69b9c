// Data export jobs: a batch that throws (a page that cannot be read just then) leaves the job where it was, and the sweep resumes it; every item once.
import { afterEach, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { exportText, latestJob, runScheduled } from "./dataExports.fixtures";
import { STALL_MS } from "../model/dataExportJobs";
import { newTest, person } from "./test.setup";

const failing = vi.hoisted(() => ({ pages: 0 }));

vi.mock("../model/dataExport", async (importOriginal) => {
  const original = await importOriginal<typeof import("../model/dataExport")>();
  return {
    ...original,
    exportPage: async (...args: Parameters<typeof original.exportPage>) => {
      if (failing.pages > 0) {
        failing.pages -= 1;
        throw new Error("The page could not be read just now.");
      }
      return await original.exportPage(...args);
    },
  };
});

afterEach(() => {
  vi.useRealTimers();
  failing.pages = 0;
});

test("a batch that throws is run again from the saved cursor", async () => {
  const t = newTest();
  const ann = await person(t, "ann");
  const bob = await person(t, "bob");
  const sent = await t.run(async (ctx) => {
    const ids = [];
    for (let i = 0; i < 1_200; i++) {
      ids.push(
        await ctx.db.insert("whispers", {
          senderId: ann.id, recipientId: bob.id, content: `whisper ${i}`, reactions: [],
          clientId: `c-${String(i).padStart(6, "0")}`, status: "delivered", deliveredAt: Date.now(), updatedAt: Date.now(),
        }),
      );
    }
    return ids;
  });
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  const exportId = await ann.as.mutation(api.dataExports.request, {});
  await t.mutation(internal.dataExports.collect, { exportId, batch: 0 });
  await t.mutation(internal.dataExports.collect, { exportId, batch: 1 });
  const saved = (await latestJob(t, ann.id))!;
  // The next batch throws: nothing of it is kept, the job stays where it was.
  failing.pages = 1;
  await runScheduled(t);
  expect(failing.pages).toBe(0);
  expect(await latestJob(t, ann.id)).toEqual(saved);
  vi.advanceTimersByTime(STALL_MS + 1);
  expect(await t.mutation(internal.dataExports.sweep, {})).toEqual({ resumed: 1, expired: 0 });
  await runScheduled(t);
  const data = JSON.parse(await exportText(t, ann));
  expect(data.whispersSent.map((w: { _id: string }) => w._id).sort()).toEqual([...sent].sort());
});
