// The time a whisper is shown with: when its sender wrote it (kept through an offline queue), never a clue to a hidden sender.
import { afterEach, beforeEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import { WRITTEN_AT_MAX_AGE_MS } from "../model/whisperDelivery";
import { codeOf, newTest, person, type Person } from "./test.setup";

const NOW = Date.UTC(2026, 11, 6, 12, 30, 0);
const MINUTE = 60_000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

/** The whisper `who` pulls with `content`. */
async function pulled(who: Person, content: string): Promise<{ deliveredAt?: number; writtenAt?: number }> {
  const page = await who.as.query(api.sync.pull, { cursor: "", limit: 500 });
  const change = page.changes.find((c) => c.table === "whispers" && (c.doc as { content?: string } | null)?.content === content);
  expect(change, content).toBeDefined();
  return change!.doc as { deliveredAt?: number; writtenAt?: number };
}

async function world() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

describe("writtenAt", () => {
  test("a whisper queued offline keeps its writing time: exact for its sender, to the minute for its recipient", async () => {
    const { alice, bob } = await world();
    const written = NOW - 42 * MINUTE - 17_345;
    await alice.as.mutation(api.whispers.sendWhisper, { clientId: "time-offline-01", recipientId: bob.id, content: "from the train", writtenAt: written });
    expect(await pulled(alice, "from the train")).toMatchObject({ writtenAt: written, deliveredAt: NOW });
    expect((await pulled(bob, "from the train")).writtenAt).toBe(Math.floor(written / MINUTE) * MINUTE);
  });

  test("sent right away, the recipient sees the delivery time; the sender still sees their own", async () => {
    const { alice, bob } = await world();
    await alice.as.mutation(api.whispers.sendWhisper, { clientId: "time-online-01", recipientId: bob.id, content: "hi", writtenAt: NOW - 30_000 });
    expect((await pulled(alice, "hi")).writtenAt).toBe(NOW - 30_000);
    expect(await pulled(bob, "hi")).not.toHaveProperty("writtenAt");
  });

  test("a clock ahead counts as now, a month-old one as a month, nonsense is refused; voice, replies and batched sends keep it too", async () => {
    const { alice, bob } = await world();
    await alice.as.mutation(api.whispers.sendWhisper, { clientId: "time-ahead-001", recipientId: bob.id, content: "ahead", writtenAt: NOW + 3_600_000 });
    expect((await pulled(alice, "ahead")).writtenAt).toBe(NOW);
    await alice.as.mutation(api.whispers.sendWhisper, { clientId: "time-old-0001", recipientId: bob.id, content: "old", writtenAt: 0 });
    expect((await pulled(alice, "old")).writtenAt).toBe(NOW - WRITTEN_AT_MAX_AGE_MS);
    expect(await codeOf(alice.as.mutation(api.whispers.sendWhisper, { clientId: "time-nan-0001", recipientId: bob.id, content: "x", writtenAt: NaN }))).toBe("INVALID");

    const early = NOW - 10 * MINUTE;
    const { whisperId } = await bob.as.mutation(api.whispers.sendWhisper, { clientId: "time-parent-1", recipientId: alice.id, content: "parent" });
    await alice.as.mutation(api.whispers.replyToWhisper, { clientId: "time-reply-01", parentId: whisperId, content: "reply", writtenAt: early });
    await alice.as.mutation(api.outbox.push, {
      ops: [{ udfPath: "whispers:sendWhisper", args: { clientId: "time-batch-01", recipientId: bob.id, content: "batched", writtenAt: early } }],
    });
    expect((await pulled(alice, "reply")).writtenAt).toBe(early);
    expect((await pulled(alice, "batched")).writtenAt).toBe(early);
    expect((await pulled(bob, "batched")).writtenAt).toBe(early);
  });

  test("a hidden sender's writing time never reaches the recipient (a clock's offset could tell who it is)", async () => {
    const { alice, bob } = await world();
    await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: "time-mystery-1", recipientId: bob.id, content: "guess", isMystery: true, writtenAt: NOW - 60 * MINUTE,
    });
    expect((await pulled(alice, "guess")).writtenAt).toBe(NOW - 60 * MINUTE);
    expect(await pulled(bob, "guess")).not.toHaveProperty("writtenAt");
  });
});
