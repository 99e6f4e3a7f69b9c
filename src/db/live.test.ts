// Live readers keep following the database while other live readers run beside them (a screen has a dozen).
import "fake-indexeddb/auto";
import { expect, it } from "vitest";
import { applyPulledPage, type PullChange } from "../sync/applyPulledPage";
import { freshDb, waitFor } from "../test/util";
import { live } from "./live";
import { recentMedia, unreadTotalLive } from "./media";
import { conversation, conversationList, conversationPage } from "./queries";
import { pos } from "../test/feed";
import { change, conversationDoc, whisperDoc } from "../test/feedDocs";

const whisper = (i: number): PullChange =>
  change("whispers", whisperDoc({ _id: `w${i}`, conversationId: "c", content: `m${i}`, deliveredAt: 1000 + i }), `w${i}`, i);
const conv: PullChange = change("conversations", conversationDoc({ _id: "c", counterpartId: "u", lastWhisperAt: 1, updatedAt: 1 }));

for (const others of ["none", "before", "after"] as const) {
  it(`the open conversation, its row and the list follow six new whispers (other readers: ${others})`, async () => {
    const db = await freshDb("live");
    await applyPulledPage(db, { changes: [conv, whisper(1)], cursor: pos(1), hasMore: false }, pos(0));
    const subs: Array<{ unsubscribe(): void }> = [];
    const startOthers = () => subs.push(recentMedia(db).subscribe(() => {}), unreadTotalLive(db).subscribe(() => {}));
    if (others === "before") startOthers();
    let page: string[] = [];
    let row: string | undefined;
    let list: string[] = [];
    subs.push(
      conversationPage("c", { limit: 60 }, db).subscribe((rows) => (page = rows.map((r) => r.content))),
      conversation("c", db).subscribe((r) => (row = r?.lastWhisperPreview)),
      conversationList(false, db).subscribe((rows) => (list = rows.map((r) => r.lastWhisperPreview ?? ""))),
    );
    await waitFor(async () => page.length === 1 && row === "m1" && list[0] === "m1", 2000, "the first whisper");
    if (others === "after") startOthers();
    for (let i = 2; i <= 7; i++) {
      await applyPulledPage(db, { changes: [whisper(i)], cursor: pos(i), hasMore: false }, pos(i - 1));
      await waitFor(async () => page[0] === `m${i}` && row === `m${i}` && list[0] === `m${i}`, 2000, `whisper ${i} (page ${page[0]}, row ${row}, list ${list[0]})`);
    }
    expect(page).toHaveLength(7);
    subs.forEach((s) => s.unsubscribe());
    db.close();
  });
}

it("re-runs only for its own tables, never overlaps runs, and stops after unsubscribe", async () => {
  const db = await freshDb("live");
  let runs = 0;
  let active = 0;
  let maxActive = 0;
  const seen: number[] = [];
  const sub = live(db, ["featureFlags"], async () => {
    runs += 1;
    active += 1;
    maxActive = Math.max(maxActive, active);
    const count = await db.featureFlags.count();
    active -= 1;
    return count;
  }).subscribe((n) => seen.push(n));
  await waitFor(async () => seen.length === 1, 2000, "the first value");
  await db.meta.put({ key: "unrelated", value: 1 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(runs).toBe(1);
  for (let i = 0; i < 5; i++) await db.featureFlags.put({ name: `F${i}`, enabled: true });
  await waitFor(async () => seen.at(-1) === 5, 2000, "five flags");
  expect(maxActive).toBe(1);
  sub.unsubscribe();
  await db.featureFlags.put({ name: "LATE", enabled: true });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(seen.at(-1)).toBe(5);
  expect(() => live(db, ["noSuchTable"], () => 1)).toThrow();
  db.close();
});

it("a background reader (settleMs) re-runs once for a burst of changes, after it", async () => {
  const db = await freshDb("live-settle");
  let runs = 0;
  const seen: number[] = [];
  const sub = live(
    db,
    ["featureFlags"],
    async () => {
      runs += 1;
      return db.featureFlags.count();
    },
    { settleMs: 30 },
  ).subscribe((n) => seen.push(n));
  await waitFor(async () => seen.length === 1, 2000, "the first value");
  for (let i = 0; i < 5; i++) await db.featureFlags.put({ name: `F${i}`, enabled: true });
  expect(runs).toBe(1); // nothing re-read during the burst
  await waitFor(async () => seen.at(-1) === 5, 2000, "the settled value");
  expect(runs).toBe(2);
  sub.unsubscribe();
  db.close();
});
