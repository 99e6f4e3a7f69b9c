// Conversation actions: pin, archive, close and reopen, block a mystery sender; shown at once, sent when possible.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import { currentDb } from "../db/current";
import type { WhispersDB } from "../db/database";
import { newClientId } from "../db/ids";
import { boundTransaction } from "../db/repos/boundDb";
import { ensureConversationWith } from "../db/repos/conversationsRepo";
import { currentRowId } from "../db/repos/idMapRepo";
import { guardQuota } from "../platform/storage";
import { isLocalId } from "../db/ids";
import { applyPatch } from "../db/rowSync";
import { listRankOf } from "../db/schema";
import type { CounterpartView, LocalConversation } from "../db/types";
import { runAction, type Queued } from "./run";

async function changeConversation(
  shownId: string,
  kind: string,
  udfPath: string,
  extraArgs: Record<string, unknown>,
  patch: (c: LocalConversation) => Partial<LocalConversation>,
  db?: WhispersDB,
): Promise<Queued> {
  return runAction(async (tx) => {
    // A screen may still hold the id a conversation had before the server acknowledged it.
    const conversationId = await currentRowId(tx.db, shownId);
    const conversation = await tx.db.conversations.get(conversationId);
    if (!conversation) throw new Error("This conversation is not on this device.");
    const changes = patch(conversation);
    const next = { ...conversation, ...changes };
    await tx.db.conversations.put(applyPatch(conversation, tx.opId, { ...changes, listRank: listRankOf(next) }));
    await tx.enqueue({
      kind,
      udfPath,
      args: { conversationId, ...extraArgs },
      refs: isLocalId(conversationId) ? [{ arg: "conversationId", localId: conversationId }] : undefined,
      target: { table: "conversations", id: conversationId },
    });
    return { entryId: tx.opId };
  }, db, { tables: ["conversations", "idMap"] });
}

/** Pins or unpins a conversation (pinned ones list first). Offline-safe. */
export function setPinned(conversationId: string, pinned: boolean, db?: WhispersDB): Promise<Queued> {
  return changeConversation(conversationId, "setPinned", getFunctionName(api.conversations.setPinned), { pinned }, () => ({ isPinned: pinned }), db);
}

/** Archives or unarchives a conversation. Offline-safe. */
export function setArchived(conversationId: string, archived: boolean, db?: WhispersDB): Promise<Queued> {
  return changeConversation(conversationId, "setArchived", getFunctionName(api.conversations.setArchived), { archived }, () => ({ isArchived: archived }), db);
}

/** Closes a conversation (no more whispers until reopened). Offline-safe. */
export function closeConversation(conversationId: string, db?: WhispersDB): Promise<Queued> {
  return changeConversation(conversationId, "closeConversation", getFunctionName(api.conversations.close), {}, () => ({ status: "closed" }), db);
}

/** Reopens a closed conversation. Offline-safe. */
export function reopenConversation(conversationId: string, db?: WhispersDB): Promise<Queued> {
  return changeConversation(conversationId, "reopenConversation", getFunctionName(api.conversations.reopen), {}, () => ({ status: "active" }), db);
}

/**
 * Blocks the masked conversation itself, so nothing more happens in it without revealing the hidden sender.
 * The server refuses (INVALID) one no longer masked; the row shows that failure.
 */
export function blockConversation(conversationId: string, db?: WhispersDB): Promise<Queued> {
  return changeConversation(conversationId, "blockConversation", getFunctionName(api.conversations.block), {}, () => ({ blockedByViewer: true }), db);
}

/** Lifts the viewer's block of a mystery conversation (conversations:unblock). Offline-safe. */
export function unblockConversation(conversationId: string, db?: WhispersDB): Promise<Queued> {
  return changeConversation(conversationId, "unblockConversation", getFunctionName(api.conversations.unblock), {}, () => ({ blockedByViewer: false }), db);
}

/** The known conversation or a local draft (real with its first whisper); stores the profile so the name shows offline. */
export async function openConversationWith(
  person: CounterpartView & { _id: string },
  isMystery = false,
  database: WhispersDB = currentDb(),
): Promise<string> {
  return guardQuota(() =>
    boundTransaction(database, "rw", ["conversations", "profiles"], async (db) => {
      if (!(await db.profiles.get(person._id))) {
        const { _id, ...fields } = person;
        await db.profiles.put({ interests: [], isDeleted: false, username: "", ...fields, id: _id, syncState: "synced" });
      }
      const conversation = await ensureConversationWith(db, person._id, isMystery, undefined, newClientId());
      return conversation.id;
    }),
  );
}
