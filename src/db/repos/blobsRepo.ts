// Voice clips and images waiting for upload, stored as Blobs next to the outbox entry that sends them.
import type { WhispersDB } from "../database";

/** Call in the action's transaction so blob and entry are durable together; nothing is uploaded here. */
export async function putBlob(db: WhispersDB, key: string, blob: Blob, entryId: string): Promise<void> {
  await db.blobs.put({ key, blob, entryId, createdAt: Date.now() });
}

/** The stored blob, e.g. to play a voice clip before it is uploaded. */
export async function getBlob(db: WhispersDB, key: string): Promise<Blob | undefined> {
  return (await db.blobs.get(key))?.blob;
}

/** Deletes blobs by key (when the server row arrived, or the entry was discarded). */
export async function deleteBlobs(db: WhispersDB, keys: Iterable<string>): Promise<void> {
  const list = [...new Set(keys)];
  if (list.length > 0) await db.blobs.bulkDelete(list);
}

export async function deleteBlobsOfEntry(db: WhispersDB, entryId: string): Promise<void> {
  await db.blobs.where("entryId").equals(entryId).delete();
}
