// Scale: the heavy person's first sync:pull catch-up (a new device), page after page at the client's page size, every page within half of Convex's limits.
import { beforeAll, expect, test } from "vitest";
import { api } from "../../_generated/api";
import { measure, type Scale, scaleTest } from "./harness.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";
import { type Heavy, heavyPerson, population } from "./world.fixtures";

/** The client's page size (src/sync/pull.ts DEFAULT_PAGE_SIZE). */
const PAGE = 500;

let scale: Scale;
let ada: Heavy;

beforeAll(async () => {
  scale = await scaleTest();
  ada = await heavyPerson(scale.t, "ada", await population(scale.t, 2_000));
});

// Projections read people's compact profiles rows, never their users documents with 1,000-entry journals; a page of
// 500 chamber messages asks the viewer's membership and blocks once (lib/queryMemo.ts), not once per message.
test("a first catch-up pulls every change", async () => {
  let pages = 0;
  let changes = 0;
  const measured = await measure(async () => {
    let cursor = "";
    for (;;) {
      const page = await ada.person.as.query(api.sync.pull, { cursor, limit: PAGE });
      pages += 1;
      changes += page.changes.length;
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
  });
  console.log(`${pages} pages, ${changes} changes`);
  expectWithinHeadroom("sync:pull first catch-up", measured);
  const feed = scale.documents("syncChanges").filter((row) => row.userId === ada.person.id);
  expect(feed.length).toBeGreaterThan(ada.counts.sent + ada.counts.received);
  expect(changes).toBe(feed.length);
});
