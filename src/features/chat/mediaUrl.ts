// Where a whisper's picture or voice clip is read from: the server's URL, or the Blob still waiting on this device.
import type { LocalWhisper } from "../../db/types";
import { createBlobUrl } from "./blobUrl";

/** Or an object URL of the blob still waiting on this device (revoked on cleanup). */
export function createMediaUrl(w: () => LocalWhisper, kind: "image" | "voice") {
  const local = createBlobUrl(() => (w().localBlobKind === kind ? w().localBlobKey : undefined));
  return () => (kind === "image" ? w().imageUrl : w().audioUrl) ?? local();
}
