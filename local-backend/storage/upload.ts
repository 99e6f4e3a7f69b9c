// Storing uploaded bytes: the file on disk first, then its `_storage` row (with Content-Type) in one commit.
import type { Engine } from "../engine/engine";
import type { BlobStore } from "./blobStore";

export async function storeUpload(engine: Engine, blobs: BlobStore, bytes: Uint8Array, contentType: string): Promise<string> {
  const blob = new Blob([bytes as BlobPart], { type: contentType });
  blobs.remember(blob, bytes);
  return await engine.transact(async (db, ctx) => {
    const id = await ctx.storage.store(blob);
    // convex-test records size and sha256; a real upload also records its Content-Type.
    (db as unknown as { patch(table: string, id: string, value: object): void }).patch("_storage", id, { contentType });
    return id;
  });
}
