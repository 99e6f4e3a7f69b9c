// When a whisper shows it was sent: the bubble, the image viewer and a saved picture's name agree.
import type { LocalWhisper } from "../../db/types";

/**
 * The time a whisper shows: when it was written (kept while it waits in the outbox and after it
 * is delivered), else its place in the conversation (delivery, schedule).
 */
export function shownAt(w: LocalWhisper): number {
  return w.writtenAt ?? w.sortKey;
}
