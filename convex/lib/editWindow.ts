// How long a sent whisper can be edited, in one module without imports: the server refuses later edits and the app hides Edit.

/**
 * A whisper can be edited for 15 minutes after its delivery, by the server's clock. Short, as in
 * WhatsApp and iMessage, rather than Telegram's 48 hours or Signal's 24: long enough to fix a typo
 * or a word noticed on rereading, short enough that what someone read and answered does not
 * change under them hours later, which weighs more where a sender may be anonymous.
 */
export const EDIT_WINDOW_MS = 15 * 60 * 1000;

/** True while a whisper delivered at `deliveredAt` may still be edited at `now` (both ms). */
export function withinEditWindow(deliveredAt: number, now: number): boolean {
  return now - deliveredAt <= EDIT_WINDOW_MS;
}
