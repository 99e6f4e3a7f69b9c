// A conversation's image whispers, oldest first: what the image viewer steps through (previous / next).
import { Dexie } from "dexie";
import { currentDb } from "./current";
import type { WhispersDB } from "./database";
import { live, type Committed, type Live } from "./live";
import { isLocalId } from "./ids";
import { currentRowId } from "./repos/idMapRepo";
import { isVisibleWhisper } from "./summaries";
import type { LocalWhisper } from "./types";

/** An image whisper: its picture is on the server, or still waiting on this device. */
export function isImageWhisper(w: LocalWhisper): boolean {
  return !!w.imageUrl || w.localBlobKind === "image";
}

/**
 * One walk of [conversationId+sortKey] (offline); a commit writing none of its image whispers needs no re-read,
 * and an offline-started conversation is followed under its server id.
 */
export function conversationImages(conversationId: string, db: WhispersDB = currentDb()): Live<LocalWhisper[]> {
  let readUnder = conversationId;
  const query = async () => {
    const id = await currentRowId(db, conversationId);
    readUnder = id;
    return db.whispers
      .where("[conversationId+sortKey]")
      .between([id, Dexie.minKey], [id, Dexie.maxKey])
      .filter((w) => isImageWhisper(w) && isVisibleWhisper(w))
      .toArray();
  };
  return live(db, ["idMap", "whispers"], query, {
    patch: (rows, committed) => keepUnlessImagesChanged(rows, committed, conversationId, readUnder),
    settleMs: 200,
  });
}

/** `rows` when the commit wrote none of them and no image whisper of the conversation; else undefined (read again). */
function keepUnlessImagesChanged(rows: LocalWhisper[], committed: Committed, conversationId: string, readUnder: string): LocalWhisper[] | undefined {
  if (committed.table("idMap") !== "unchanged" && isLocalId(conversationId)) return undefined;
  const written = committed.table("whispers");
  if (written === "unchanged") return rows;
  if (written === "unknown") return undefined;
  if (rows.some((w) => written.deleted.has(w.id) || written.put.has(w.id))) return undefined;
  for (const value of written.put.values()) {
    const w = value as LocalWhisper;
    if (w.conversationId === readUnder && isImageWhisper(w)) return undefined;
  }
  return rows;
}
