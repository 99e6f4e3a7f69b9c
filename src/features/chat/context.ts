// What every whisper in an open conversation needs to know: the conversation, who is who, flags, and the reply, edit and delete actions.
import { createContext, useContext, type Accessor } from "solid-js";
import type { ConversationListItem } from "../../db/queries";
import type { LocalWhisper } from "../../db/types";
import type { FeatureName } from "../../app/data/flags";

export type ConversationContextValue = {
  conversation: Accessor<ConversationListItem | undefined>;
  /** Undefined before the first sync. */
  viewerId: Accessor<string | undefined>;
  nameOf(userId: string): string | undefined;
  enabled(name: FeatureName): boolean;
  reply(w: LocalWhisper): void;
  edit(w: LocalWhisper): void;
  remove(w: LocalWhisper): void;
};

export const ConversationContext = createContext<ConversationContextValue>();

export function useConversation(): ConversationContextValue {
  const value = useContext(ConversationContext);
  if (!value) throw new Error("useConversation() outside a conversation");
  return value;
}
