// Where a new whisper goes (a known conversation, or a person: a conversation started offline if needed), and how an action names a whisper to the server.
import type { WhispersDB } from "../db/database";
import { isLocalId, newClientId } from "../db/ids";
import { ensureConversationWith } from "../db/repos/conversationsRepo";
import { currentRowId } from "../db/repos/idMapRepo";
import type { LocalConversation, LocalWhisper, OutboxCreate, OutboxRef } from "../db/types";

export type WhisperTarget = { conversationId: string } | { recipientId: string };

export type ResolvedTarget = {
  conversation: LocalConversation;
  /** conversationId (server conversation) or recipientId (conversation not on the server yet). */
  args: { conversationId: string } | { recipientId: string };
  /** Re-keys the local conversation when the server answers with its id. */
  creates: OutboxCreate[];
};

/**
 * Inside the action's transaction; an unknown-to-server conversation is addressed by its counterpart's id. Later whispers
 * list it in `creates` rather than growing its `ops` (1000 offline whispers would copy 1000 op ids each write). Throws if unknown.
 */
export async function resolveWhisperTarget(
  db: WhispersDB,
  target: WhisperTarget,
  isMystery: boolean,
  opId: string,
): Promise<ResolvedTarget> {
  let conversation: LocalConversation | undefined;
  if ("conversationId" in target) {
    // The screen may still hold the local id of a just re-keyed conversation; a server id is read at once.
    const id = isLocalId(target.conversationId) ? await currentRowId(db, target.conversationId) : target.conversationId;
    conversation = await db.conversations.get(id);
    if (!conversation) throw new Error("This conversation is not on this device.");
  } else {
    conversation = await ensureConversationWith(db, target.recipientId, isMystery, opId, newClientId());
  }
  if (!conversation.isLocal) return { conversation, args: { conversationId: conversation.id }, creates: [] };
  const counterpartId = conversation.counterpartId;
  if (!counterpartId) throw new Error("This conversation has no recipient.");
  if ((conversation.ops ?? []).length === 0) {
    conversation = { ...conversation, ops: [...(conversation.ops ?? []), opId] };
    await db.conversations.put(conversation);
  }
  return {
    conversation,
    args: { recipientId: counterpartId },
    creates: [{ table: "conversations", localId: conversation.id, resultField: "conversationId" }],
  };
}

/** Drops undefined fields (the server's validators refuse explicit undefined in some paths). */
export function compact<T extends Record<string, unknown>>(args: T): T {
  return Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as T;
}

/** The whisper as the server names it: its server id, or (not confirmed yet) a ref the drainer fills in after its create. */
export function whisperArg(whisper: LocalWhisper, arg = "whisperId"): { args: Record<string, string>; refs?: OutboxRef[] } {
  if (whisper.serverId !== undefined) return { args: { [arg]: whisper.serverId } };
  return { args: { [arg]: whisper.id }, refs: [{ arg, localId: whisper.id, table: "whispers" }] };
}
