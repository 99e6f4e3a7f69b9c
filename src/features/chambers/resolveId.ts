// Follows a chamber created on this device to its server id once the server confirmed it (routes keep working).
import { currentDb } from "../../db/current";
import { isLocalId } from "../../db/ids";
import { currentRowId } from "../../db/repos/idMapRepo";

/** The chamber's id now: the server id when `id` was a local id the server replaced, else undefined. */
export async function replacedChamberId(id: string): Promise<string | undefined> {
  if (!isLocalId(id)) return undefined;
  const now = await currentRowId(currentDb(), id);
  return now !== id ? now : undefined;
}
