// Whisper order: one push of many whispers, with Date.now() frozen as Convex freezes it per mutation, lands in send order for both people.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { DELIVERY_STEP_MS } from "../model/whisperDelivery";
import { newTest, person, type Person, type TestConvex } from "./test.setup";

const FROZEN = Date.UTC(2026, 11, 6, 12, 0, 0);

beforeEach(() => {
  // Only the clock: every call of one test sees the same Date.now(), like a mutation on Convex.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(FROZEN);
});
afterEach(() => {
  vi.useRealTimers();
});

const sends = (to: Person, prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({
    udfPath: "whispers:sendWhisper",
    args: { clientId: `order-${prefix}-${String(i).padStart(3, "0")}`, recipientId: to.id, content: `${prefix}${String(i).padStart(2, "0")}` },
  }));

/** Every whisper `who` pulls, in the order a client shows them (by deliveredAt; ids only break exact ties). */
async function pulledOrder(who: Person): Promise<{ content: string; deliveredAt: number }[]> {
  const docs: { _id: string; content: string; deliveredAt?: number }[] = [];
  let cursor = "";
  for (;;) {
    const page = await who.as.query(api.sync.pull, { cursor, limit: 200 });
    for (const change of page.changes) if (change.table === "whispers" && change.doc) docs.push(change.doc as (typeof docs)[number]);
    cursor = page.cursor;
    if (!page.hasMore) break;
  }
  return docs
    .sort((a, b) => a.deliveredAt! - b.deliveredAt! || (a._id < b._id ? -1 : 1))
    .map(({ content, deliveredAt }) => ({ content, deliveredAt: deliveredAt! }));
}

async function world(): Promise<{ t: TestConvex; alice: Person; bob: Person }> {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

describe("whisper order", () => {
  test("50 whispers of one push, with one frozen clock, are in send order for the sender and the recipient", async () => {
    const { alice, bob } = await world();
    const results = await alice.as.mutation(api.outbox.push, { ops: sends(bob, "m", 50) });
    expect(results.every((r) => r.ok)).toBe(true);
    const expected = Array.from({ length: 50 }, (_, i) => `m${String(i).padStart(2, "0")}`);
    for (const who of [alice, bob]) {
      const order = await pulledOrder(who);
      expect(order.map((w) => w.content)).toEqual(expected);
      // Strictly increasing, so the random ids of production never decide; still the send time to the millisecond.
      for (let i = 1; i < order.length; i++) expect(order[i]!.deliveredAt).toBeGreaterThan(order[i - 1]!.deliveredAt);
      expect(order.at(-1)!.deliveredAt - FROZEN).toBeCloseTo(49 * DELIVERY_STEP_MS, 6);
    }
  });

  test("later pushes, replies from the other side and a clock that went back land after what is there", async () => {
    const { t, alice, bob } = await world();
    await alice.as.mutation(api.outbox.push, { ops: sends(bob, "a", 5) });
    await bob.as.mutation(api.outbox.push, { ops: sends(alice, "b", 5) });
    vi.setSystemTime(FROZEN - 60_000); // a commit whose clock reads earlier (it started first)
    await alice.as.mutation(api.whispers.sendWhisper, { clientId: "order-late-0001", recipientId: bob.id, content: "late" });
    // A scheduled whisper delivered by the cron at that earlier clock too.
    const { whisperId } = await bob.as.mutation(api.whispers.scheduleWhisper, {
      clientId: "order-sched-001", recipientId: alice.id, content: "scheduled", scheduledFor: FROZEN - 30_000 + 60_000,
    });
    vi.setSystemTime(FROZEN - 30_000 + 60_000);
    await t.mutation(internal.whispers.processScheduledWhispers, {});
    expect((await t.run((ctx) => ctx.db.get("whispers", whisperId)))?.status).toBe("delivered");
    const expected = ["a00", "a01", "a02", "a03", "a04", "b00", "b01", "b02", "b03", "b04", "late", "scheduled"];
    expect((await pulledOrder(alice)).map((w) => w.content)).toEqual(expected);
    expect((await pulledOrder(bob)).map((w) => w.content)).toEqual(expected);
  });
});
