// Where a whisper's picture or voice clip is read from: the server's URL, or the Blob still waiting on this device.
import type { LocalWhisper } from "../../db/types";
import { createBlobUrl } from "./blobUrl";

/** The server's URL, or the clip/picture still waiting on this device (an object URL, revoked on cleanup). */
export function createMediaUrl(w: () => LocalWhisper, kind: "image" | "voice") {
  const local = createBlobUrl(() => (w().localBlobKind === kind ? w().localBlobKey : undefined));
  return () => (kind === "image" ? w().imageUrl : w().audioUrl) ?? local();
}
