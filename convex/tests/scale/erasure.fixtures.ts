// The erasure paths of the scale suite: the heavy person's world, erasing to the last scheduled continuation, and what must be gone after.
import { expect, vi } from "vitest";
import { measure, type Measured, type Scale, scaleTest } from "./harness.fixtures";
import { type Heavy, heavyPerson, population } from "./world.fixtures";

/** A fresh backend holding the heavy person Ada among 2,000 others. */
export async function erasureWorld(): Promise<{ scale: Scale; ada: Heavy }> {
  const scale = await scaleTest();
  const ada = await heavyPerson(scale.t, "ada", await population(scale.t, 2_000));
  return { scale, ada };
}

/** Runs `start` (the erasing call), then every continuation it schedules, to the end (fake timers: call vi.useRealTimers after). */
export async function eraseToTheEnd(scale: Scale, start: () => Promise<unknown>): Promise<Measured> {
  vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
  return await measure(async () => {
    await start();
    await scale.t.finishAllScheduledFunctions(vi.runAllTimers, 100_000);
  });
}

/** Nothing of Ada's is left: her account's personal fields, whispers, reactions, chamber messages and memberships, feed. */
export function expectErased({ documents }: Scale, { person, counts }: Heavy): void {
  const user = documents("users").find((u) => u._id === person.id)!;
  expect(user).toMatchObject({ isDeleted: true, email: "", moodJournal: [], interests: [] });
  const sent = documents("whispers").filter((w) => w.senderId === person.id);
  expect(sent).toHaveLength(counts.sent);
  expect(sent.filter((w) => w.content !== "" || !w.isDeleted)).toEqual([]);
  expect(documents("whispers").filter((w) => w.reactions.some((r) => r.userId === person.id))).toEqual([]);
  const messages = documents("chamberMessages").filter((m) => m.authorId === person.id);
  expect(messages).toHaveLength(counts.chamberMessages);
  expect(messages.filter((m) => m.content !== "" || !m.isDeleted)).toEqual([]);
  const memberships = documents("chamberMembers").filter((m) => m.userId === person.id);
  expect(memberships.map((m) => m.status)).toEqual(Array(counts.chambers).fill("left"));
  expect(documents("syncChanges").filter((row) => row.userId === person.id)).toEqual([]);
}

