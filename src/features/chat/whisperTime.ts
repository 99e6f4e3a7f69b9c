// When a whisper shows it was sent: the bubble, the image viewer and a saved picture's name agree.
import type { LocalWhisper } from "../../db/types";

/** When it was written (kept through the outbox and delivery), else its place in the conversation. */
export function shownAt(w: LocalWhisper): number {
  return w.writtenAt ?? w.sortKey;
}
