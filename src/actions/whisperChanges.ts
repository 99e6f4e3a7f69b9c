// Changes to existing whispers: react, edit, delete, cancel a scheduled one, mark a conversation read.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import { currentRowId } from "../db/repos/idMapRepo";
import type { WhispersDB } from "../db/database";
import { discardEntry } from "../db/outboxResults";
import { getViewerId } from "../db/repos/metaRepo";
import { unsentCreateOf } from "../db/repos/outboxRepo";
import { applyPatch } from "../db/rowSync";
import { noteWhispersWritten, recomputeSummaries } from "../db/summaries";
import type { LocalWhisper, Reaction } from "../db/types";
import { runAction, type ActionTx, type Queued } from "./run";
import { whisperArg } from "./whisperTarget";

async function requireWhisper(tx: ActionTx, whisperId: string): Promise<LocalWhisper> {
  const whisper = await tx.db.whispers.get(whisperId);
  if (!whisper) throw new Error("This whisper is not on this device.");
  return whisper;
}

/** Withdraws an unsent whisper (create, row, blobs) inside the caller's transaction; false if the create already left. */
async function withdrawUnsent(tx: ActionTx, whisper: LocalWhisper): Promise<boolean> {
  if (whisper.serverId !== undefined) return false;
  const create = await unsentCreateOf(tx.db, whisper.id);
  if (!create) return false;
  return discardEntry(tx.db, create.id);
}

/** Toggles the viewer's `emoji` reaction; shown at once, sent in order (after the whisper if it is pending). */
export function toggleReaction(whisperId: string, emoji: string, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => {
    const whisper = await requireWhisper(tx, whisperId);
    const viewerId = await getViewerId(tx.db);
    const mine = (r: Reaction) => r.emoji === emoji && (r.fromViewer === true || (viewerId !== undefined && r.userId === viewerId));
    const reactions = whisper.reactions.some(mine)
      ? whisper.reactions.filter((r) => !mine(r))
      : [...whisper.reactions, { emoji, at: Date.now(), fromViewer: true, ...(viewerId ? { userId: viewerId } : {}) }];
    await tx.db.whispers.put(applyPatch(whisper, tx.opId, { reactions }));
    const { args, refs } = whisperArg(whisper);
    await tx.enqueue({
      kind: "toggleReaction",
      udfPath: getFunctionName(api.whispers.toggleReaction),
      clientId: tx.opId,
      args: { ...args, emoji, clientId: tx.opId },
      refs,
      target: { table: "whispers", id: whisper.id },
    });
    return { entryId: tx.opId };
  }, db, { tables: ["whispers", "meta"] });
}

/**
 * Trimmed as the server keeps it; an unsent whisper's create is edited in place (no "edited": no one saw it).
 * Otherwise queued with its own clientId (applied once); discarding a refusal restores the old text. Null if unchanged.
 */
export function editWhisper(whisperId: string, content: string, db?: WhispersDB): Promise<Queued | null> {
  return runAction(async (tx) => {
    const text = content.trim();
    const whisper = await requireWhisper(tx, whisperId);
    if (text === whisper.content.trim()) return null;
    const create = whisper.serverId === undefined ? await unsentCreateOf(tx.db, whisper.id) : undefined;
    if (create?.state === "queued" && !create.sent) {
      const edited = { ...whisper, content: text };
      await tx.db.outbox.update(create.seq!, { args: { ...create.args, content: text } });
      await tx.db.whispers.put(edited);
      await noteWhispersWritten(tx.db, [edited]);
      return { entryId: create.id, localId: whisper.id };
    }
    const edited = applyPatch(whisper, tx.opId, { content: text, editedAt: Date.now() });
    await tx.db.whispers.put(edited);
    await noteWhispersWritten(tx.db, [edited]);
    const { args, refs } = whisperArg(whisper);
    await tx.enqueue({
      kind: "editWhisper",
      udfPath: getFunctionName(api.whispers.editWhisper),
      clientId: tx.opId,
      args: { ...args, content: text, clientId: tx.opId },
      refs,
      target: { table: "whispers", id: whisper.id },
    });
    return { entryId: tx.opId };
  }, db, { tables: ["whispers", "conversations"] });
}

/** A never-sent whisper is just withdrawn from the outbox (returns null); otherwise hidden at once, deletion queued. */
export function deleteWhisper(whisperId: string, db?: WhispersDB): Promise<Queued | null> {
  return runAction(async (tx) => {
    const whisper = await requireWhisper(tx, whisperId);
    if (await withdrawUnsent(tx, whisper)) return null;
    await tx.db.whispers.put(applyPatch(whisper, tx.opId, { isDeleted: true }));
    await recomputeSummaries(tx.db, [whisper.conversationId]);
    await tx.enqueue({
      kind: "deleteWhisper",
      udfPath: getFunctionName(api.whispers.deleteWhisper),
      ...whisperArg(whisper),
      target: { table: "whispers", id: whisper.id },
    });
    return { entryId: tx.opId };
  }, db);
}

/** Cancels a scheduled whisper (withdrawn locally if it never left the device). */
export function cancelScheduled(whisperId: string, db?: WhispersDB): Promise<Queued | null> {
  return runAction(async (tx) => {
    const whisper = await requireWhisper(tx, whisperId);
    if (await withdrawUnsent(tx, whisper)) return null;
    await tx.db.whispers.put(applyPatch(whisper, tx.opId, { status: "cancelled" }));
    await tx.enqueue({
      kind: "cancelScheduled",
      udfPath: getFunctionName(api.whispers.cancelScheduledWhisper),
      ...whisperArg(whisper),
      target: { table: "whispers", id: whisper.id },
    });
    return { entryId: tx.opId };
  }, db);
}

/** Nothing is queued (null) when nothing is unread or the conversation exists only on this device. */
export function markRead(shownId: string, db?: WhispersDB): Promise<Queued | null> {
  return runAction(async (tx) => {
    const conversationId = await currentRowId(tx.db, shownId);
    const conversation = await tx.db.conversations.get(conversationId);
    if (!conversation || conversation.isLocal || conversation.unreadCount === 0) return null;
    await tx.db.conversations.put(applyPatch(conversation, tx.opId, { unreadCount: 0, lastReadAt: Date.now() }));
    await tx.enqueue({
      kind: "markRead",
      udfPath: getFunctionName(api.whispers.markRead),
      args: { conversationId },
      target: { table: "conversations", id: conversationId },
    });
    return { entryId: tx.opId };
  }, db, { tables: ["conversations", "idMap"] });
}
