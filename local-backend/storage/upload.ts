// Storing uploaded bytes: the file on disk first, then its `_storage` row in one commit, typed by its bytes.
import { SNIFF_BYTES, sniffType } from "../../convex/lib/fileTypes";
import type { Engine } from "../engine/engine";
import type { BlobStore } from "./blobStore";

/** What a file that is none of the allowlisted types is stored as (never attached, never shown inline). */
export const UNKNOWN_TYPE = "application/octet-stream";

/** From the magic number: the uploader's Content-Type is not trusted. */
export function uploadedType(bytes: Uint8Array): string {
  return sniffType(bytes.subarray(0, SNIFF_BYTES)) ?? UNKNOWN_TYPE;
}

export async function storeUpload(engine: Engine, blobs: BlobStore, bytes: Uint8Array): Promise<string> {
  const contentType = uploadedType(bytes);
  const blob = new Blob([bytes as BlobPart], { type: contentType });
  blobs.remember(blob, bytes);
  return await engine.transact(async (db, ctx) => {
    const id = await ctx.storage.store(blob);
    // convex-test records size and sha256; a real upload also records a Content-Type.
    (db as unknown as { patch(table: string, id: string, value: object): void }).patch("_storage", id, { contentType });
    return id;
  });
}
