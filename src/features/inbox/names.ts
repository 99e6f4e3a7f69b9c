// How a conversation names the other person ("Someone" while hidden, their display name, real names once unmasked) and says where it stands.
import type { CounterpartView, LocalConversation } from "../../db/types";

export const HIDDEN_NAME = "Someone";

type ConversationLike = Pick<LocalConversation, "counterpartHidden" | "isMystery" | "unmasked"> & { counterpart?: CounterpartView };

/** The name to show for the other person. */
export function counterpartName(c: ConversationLike | undefined): string {
  if (!c || c.counterpartHidden) return HIDDEN_NAME;
  return c.counterpart?.displayName || c.counterpart?.username || "Unknown";
}

/** "Ada Lovelace" once the two unmasked (the profile carries the names then), else undefined. */
export function realName(p: Pick<CounterpartView, "firstName" | "lastName"> | undefined): string | undefined {
  const name = [p?.firstName, p?.lastName].filter(Boolean).join(" ").trim();
  return name || undefined;
}

/** The viewer sent this mystery conversation's whispers and is still hidden from the other person. */
export function viewerIsHidden(c: ConversationLike | undefined): boolean {
  return !!c && c.isMystery && !c.counterpartHidden && !c.unmasked;
}

/**
 * What the conversation's state means to the viewer, in a few words, or undefined when there is
 * nothing to say: "Waiting for a reply" while the other person has not answered the viewer's first
 * whispers, "Closed" once closed (until reopened, nobody can whisper in it). A conversation going
 * on, or one the viewer was whispered in and can simply answer, needs no label.
 */
export function conversationStatusNote(
  c: Pick<LocalConversation, "status" | "isLocal"> & { initiatedByViewer?: boolean },
): string | undefined {
  if (c.status === "closed") return "Closed";
  // The server's projection says who started it; a conversation made on this device was started here.
  if (c.status === "initiated" && (c.initiatedByViewer ?? c.isLocal === true)) return "Waiting for a reply";
  return undefined;
}
