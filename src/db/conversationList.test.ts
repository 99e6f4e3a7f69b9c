// The conversation list reader: a first screenful, then the whole list; a prefetched read is used only while nothing changed.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { applyPulledPage, type PullChange } from "../sync/applyPulledPage";
import { freshDb, waitFor } from "../test/util";
import type { WhispersDB } from "./database";
import { conversationList, LIST_FIRST_PAGE, prefetchConversationList, type ConversationListItem } from "./queries";
import { pos } from "../test/feed";
import { change, conversationDoc, publicProfileDoc } from "../test/feedDocs";

const conv = (id: string, lastWhisperAt: number, isArchived = false): PullChange =>
  change("conversations", conversationDoc({ _id: id, counterpartId: `u-${id}`, isArchived, lastWhisperAt, updatedAt: lastWhisperAt }));

const cursors = new WeakMap<WhispersDB, number>();

/** Applies the changes as the next pulled page (the cursor moves on). */
async function seed(db: WhispersDB, changes: PullChange[]): Promise<void> {
  const from = cursors.get(db) ?? 0;
  cursors.set(db, from + changes.length);
  await applyPulledPage(db, { changes, cursor: pos(from + changes.length), hasMore: false }, pos(from));
}

/** Every value the reader delivers, until `until` holds for the latest. */
async function values(db: WhispersDB, archived: boolean, until: (rows: ConversationListItem[]) => boolean): Promise<string[][]> {
  const seen: string[][] = [];
  const sub = conversationList(archived, db).subscribe((rows) => seen.push(rows.map((c) => c.id)));
  try {
    await waitFor(() => seen.length > 0 && until(seen.at(-1)!.map((id) => ({ id }) as ConversationListItem)), 5000, "the list");
    return seen;
  } finally {
    sub.unsubscribe();
  }
}

const ids = (n: number, from = n - 1) => Array.from({ length: n }, (_, i) => `c${from - i}`);

describe("conversationList", () => {
  it("delivers the first screenful, then the whole list, newest first", async () => {
    const db = await freshDb("list");
    await seed(db, Array.from({ length: 40 }, (_, i) => conv(`c${i}`, 100 + i)));
    const seen = await values(db, false, (rows) => rows.length === 40);
    expect(seen[0]).toEqual(ids(LIST_FIRST_PAGE, 39));
    expect(seen.at(-1)).toEqual(ids(40));
    db.close();
  });

  it("gives every row of a long list its counterpart's profile (read with the whole profiles table)", async () => {
    const db = await freshDb("list");
    const users = Array.from({ length: 100 }, (_, i) =>
      change("users", publicProfileDoc({ _id: `u-c${i}`, username: `person${i}`, displayName: `Person ${i}` })),
    );
    await seed(db, [...users, ...Array.from({ length: 100 }, (_, i) => conv(`c${i}`, 100 + i))]);
    const whole = await new Promise<ConversationListItem[]>((resolve) => {
      const sub = conversationList(false, db).subscribe((rows) => {
        if (rows.length < 100) return;
        sub.unsubscribe();
        resolve(rows);
      });
    });
    expect(whole.map((c) => c.counterpart?.displayName)).toEqual(Array.from({ length: 100 }, (_, i) => `Person ${99 - i}`));
    db.close();
  });

  it("a short list arrives whole at once", async () => {
    const db = await freshDb("list");
    await seed(db, Array.from({ length: 5 }, (_, i) => conv(`c${i}`, 100 + i)));
    const seen = await values(db, false, (rows) => rows.length === 5);
    expect(seen[0]).toEqual(ids(5));
    db.close();
  });

  it("waits for the whole read when the first rows read hold too few of the view's (the archive)", async () => {
    const db = await freshDb("list");
    await seed(db, [...Array.from({ length: 40 }, (_, i) => conv(`c${i}`, 100 + i)), conv("a1", 2, true), conv("a2", 1, true)]);
    const seen = await values(db, true, (rows) => rows.length === 2);
    expect(seen[0]).toEqual(["a1", "a2"]);
    db.close();
  });

  it("takes a prefetched first screenful", async () => {
    const db = await freshDb("list");
    await seed(db, Array.from({ length: 40 }, (_, i) => conv(`c${i}`, 100 + i)));
    prefetchConversationList(false, db);
    const seen = await values(db, false, (rows) => rows.length === 40);
    expect(seen[0]).toEqual(ids(LIST_FIRST_PAGE, 39));
    db.close();
  });

  it("never uses a prefetched read older than a write: the first value already holds it", async () => {
    const db = await freshDb("list");
    await seed(db, Array.from({ length: 40 }, (_, i) => conv(`c${i}`, 100 + i)));
    prefetchConversationList(false, db);
    await seed(db, [conv("fresh", 10_000)]);
    const seen = await values(db, false, (rows) => rows.length === 41);
    expect(seen[0]![0]).toBe("fresh");
    for (const value of seen) expect(value[0]).toBe("fresh");
    db.close();
  });

  it("a prefetch for another view or database is not used", async () => {
    const db = await freshDb("list");
    await seed(db, [conv("open", 200), conv("old", 100, true)]);
    prefetchConversationList(true, db);
    const seen = await values(db, false, (rows) => rows.length === 1);
    expect(seen[0]).toEqual(["open"]);
    db.close();
  });
});
