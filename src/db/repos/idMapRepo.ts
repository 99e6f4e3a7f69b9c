// Local id → server id: how queued operations that name a row created offline find its server id.
import type { WhispersDB } from "../database";
import { isLocalId } from "../ids";
import type { LocalTableName } from "../types";

/** Records that the row created locally as `localId` is `serverId` on the server. */
export async function rememberServerId(
  db: WhispersDB,
  localId: string,
  serverId: string,
  table: LocalTableName,
): Promise<void> {
  if (localId === serverId) return;
  await db.idMap.put({ localId, serverId, table });
}

/** Itself if a server id, the mapped id once confirmed, undefined while the row exists only on this device. */
export async function resolveServerId(db: WhispersDB, id: string): Promise<string | undefined> {
  if (!isLocalId(id)) return id;
  const row = await db.idMap.get(id);
  return row?.serverId;
}

/** The id a row has now: the server id if the local row was replaced, else `id` itself. */
export async function currentRowId(db: WhispersDB, id: string): Promise<string> {
  return (await resolveServerId(db, id)) ?? id;
}
