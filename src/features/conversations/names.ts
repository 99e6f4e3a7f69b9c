// How a conversation names the other person: "Someone" while hidden, their display name, and real names once unmasked.
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

export const STATUS_LABEL: Record<LocalConversation["status"], string> = {
  initiated: "Initiated",
  active: "Active",
  closed: "Closed",
};
