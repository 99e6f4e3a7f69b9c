// Sync metadata of a user's database: the pull cursor and who the signed-in person is on the server.
import { FEED_START } from "../../../convex/lib/feedPosition";
import type { WhispersDB } from "../database";

/** The first cursor: every feed position comes after it. */
export const INITIAL_CURSOR = FEED_START;

const CURSOR = "pullCursor";
const VIEWER_ID = "viewerId";
const CAUGHT_UP_AT = "caughtUpAt";

/** An old numeric cursor is no position: the pull starts over (rows upsert by key, nothing lost or doubled). */
export async function getCursor(db: WhispersDB): Promise<string> {
  const row = await db.meta.get(CURSOR);
  return typeof row?.value === "string" ? row.value : INITIAL_CURSOR;
}

/** Stores the cursor; call it inside the transaction that applied the page it ends. */
export async function setCursor(db: WhispersDB, cursor: string): Promise<void> {
  await db.meta.put({ key: CURSOR, value: cursor });
}

/** Per database name: a database's person never changes, so it is read from IndexedDB once per page. */
const viewerIds = new Map<string, string>();

/** The viewer's server user id once known (from ensureViewer or the own profile in the feed). */
export async function getViewerId(db: WhispersDB): Promise<string | undefined> {
  const known = viewerIds.get(db.name);
  if (known !== undefined) return known;
  const row = await db.meta.get(VIEWER_ID);
  const id = typeof row?.value === "string" ? row.value : undefined;
  if (id !== undefined) viewerIds.set(db.name, id);
  return id;
}

/** Learned online; kept for offline starts. */
export async function setViewerId(db: WhispersDB, userId: string): Promise<void> {
  await db.meta.put({ key: VIEWER_ID, value: userId });
  viewerIds.set(db.name, userId);
}

/** Cursor and caught-up time in one write (undefined: unchanged). */
export async function setPullPosition(db: WhispersDB, cursor: string | undefined, caughtUpAt: number | undefined): Promise<void> {
  const rows = [
    ...(cursor !== undefined ? [{ key: CURSOR, value: cursor }] : []),
    ...(caughtUpAt !== undefined ? [{ key: CAUGHT_UP_AT, value: caughtUpAt }] : []),
  ];
  if (rows.length > 0) await db.meta.bulkPut(rows);
}

/** When the pull last reached the head of the feed (ms), for "last synced" hints. */
export async function getCaughtUpAt(db: WhispersDB): Promise<number | undefined> {
  const row = await db.meta.get(CAUGHT_UP_AT);
  return typeof row?.value === "number" ? row.value : undefined;
}

export async function setCaughtUpAt(db: WhispersDB, at: number): Promise<void> {
  await db.meta.put({ key: CAUGHT_UP_AT, value: at });
}
