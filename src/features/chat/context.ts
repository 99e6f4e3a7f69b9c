// What every whisper in an open conversation needs to know: the conversation, who is who, flags, and the reply, edit and delete actions.
import { createContext, useContext, type Accessor } from "solid-js";
import type { ConversationListItem } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";
import type { FeatureName } from "../../app/data/flags";

export type ConversationContextValue = {
  conversation: Accessor<ConversationListItem | undefined>;
  /** The signed-in person's user id (undefined before the first sync). */
  viewerId: Accessor<string | undefined>;
  /** A user's name as the viewer may know it (the counterpart's display name). */
  nameOf(userId: string): string | undefined;
  enabled(name: FeatureName): boolean;
  /** Starts a reply to `w` in the composer (a whisper chain). */
  reply(w: LocalWhisper): void;
  /** Opens the editor on the text of `w` (one of the viewer's own, still editable). */
  edit(w: LocalWhisper): void;
  /** Asks whether to delete `w` (one of the viewer's own), then deletes it. */
  remove(w: LocalWhisper): void;
};

export const ConversationContext = createContext<ConversationContextValue>();

export function useConversation(): ConversationContextValue {
  const value = useContext(ConversationContext);
  if (!value) throw new Error("useConversation() outside a conversation");
  return value;
}
