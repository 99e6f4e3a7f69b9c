// Sync metadata of a user's database: the pull cursor and who the signed-in person is on the server.
import type { WhispersDB } from "../database";

/** The first cursor: the feed's sequence numbers start after it. */
export const INITIAL_CURSOR = 0;

const CURSOR = "pullCursor";
const VIEWER_ID = "viewerId";
const CAUGHT_UP_AT = "caughtUpAt";

/** The feed position the next pull starts after. Offline: the stored value, never the network. */
export async function getCursor(db: WhispersDB): Promise<number> {
  const row = await db.meta.get(CURSOR);
  return typeof row?.value === "number" ? row.value : INITIAL_CURSOR;
}

/** Stores the cursor; call it inside the transaction that applied the page it ends. */
export async function setCursor(db: WhispersDB, cursor: number): Promise<void> {
  await db.meta.put({ key: CURSOR, value: cursor });
}

/** The viewer's server user id once known (from ensureViewer or the own profile in the feed). */
export async function getViewerId(db: WhispersDB): Promise<string | undefined> {
  const row = await db.meta.get(VIEWER_ID);
  return typeof row?.value === "string" ? row.value : undefined;
}

/** Records the viewer's server user id (learned online; kept for offline starts). */
export async function setViewerId(db: WhispersDB, userId: string): Promise<void> {
  await db.meta.put({ key: VIEWER_ID, value: userId });
}

/** When the pull last reached the head of the feed (ms), for "last synced" hints. */
export async function getCaughtUpAt(db: WhispersDB): Promise<number | undefined> {
  const row = await db.meta.get(CAUGHT_UP_AT);
  return typeof row?.value === "number" ? row.value : undefined;
}

/** Records when the pull last reached the head of the feed. */
export async function setCaughtUpAt(db: WhispersDB, at: number): Promise<void> {
  await db.meta.put({ key: CAUGHT_UP_AT, value: at });
}
