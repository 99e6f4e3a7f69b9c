// What the composer hands over (text, voice or scheduled whisper) and how it is queued for a conversation.
import type { LocalConversation, LocalWhisper } from "../../db/types";
import * as actions from "../../actions";

export type Draft =
  | { kind: "text"; content: string; image?: Blob; mystery: boolean }
  | { kind: "voice"; audio: Blob; duration: number; masked: boolean; mystery: boolean }
  | { kind: "schedule"; content: string; image?: Blob; scheduledFor: number; mystery: boolean };

/** How the composer offers "Mystery whisper": not at all, unchecked (start one), or checked (continue one). */
export type MysteryOption = "none" | "offer" | "continue";

type Actions = Pick<typeof actions, "sendWhisper" | "sendVoiceWhisper" | "scheduleWhisper" | "replyToWhisper" | "openConversationWith">;

/** A mystery whisper lives in its own conversation: a choice unlike this one's kind goes to the other, whose id is returned. */
export async function queueDraft(
  conversation: LocalConversation,
  draft: Draft,
  replyTo: LocalWhisper | undefined,
  api: Actions = actions,
): Promise<{ conversationId: string }> {
  if (replyTo && draft.kind === "text") {
    await api.replyToWhisper({ parentId: replyTo.id, content: draft.content, image: draft.image });
    return { conversationId: conversation.id };
  }
  let conversationId = conversation.id;
  const viewerHidden = conversation.isMystery && !conversation.counterpartHidden && !conversation.unmasked;
  if (draft.mystery !== viewerHidden && conversation.counterpartId && conversation.counterpart) {
    conversationId = await api.openConversationWith({ ...conversation.counterpart, _id: conversation.counterpartId }, draft.mystery);
  }
  const target = { conversationId, isMystery: draft.mystery || undefined };
  if (draft.kind === "text") await api.sendWhisper({ ...target, content: draft.content, image: draft.image });
  else if (draft.kind === "voice") {
    await api.sendVoiceWhisper({ ...target, audio: draft.audio, audioDuration: draft.duration, isVoiceModulated: draft.masked });
  } else await api.scheduleWhisper({ ...target, content: draft.content, image: draft.image, scheduledFor: draft.scheduledFor });
  return { conversationId };
}

export function mysteryOptionFor(c: LocalConversation | undefined, enabled: boolean): MysteryOption {
  if (!c || !enabled || c.counterpartHidden) return "none";
  if (c.isMystery) return c.unmasked ? "none" : "continue";
  return c.counterpartId ? "offer" : "none";
}
