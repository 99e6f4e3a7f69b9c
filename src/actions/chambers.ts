// Echo chamber actions: create, join, leave, post, remove a member; posts composed offline queue like whispers.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import { byId, changeRow, createRow } from "./rowAction";
import { enqueueOnly, runAction, type Queued } from "./run";
import { isLocalId, nextLocalSortKey } from "../db/ids";
import { newLocalRow } from "../db/rowSync";
import type { LocalChamberMessage } from "../db/types";

export type NewChamber = { name: string; topic: string; maxMembers: number; isPublic: boolean };

/** Creates a chamber; it shows at once (its invite code arrives with the server's row). */
export function createChamber(input: NewChamber, db?: WhispersDB): Promise<Queued> {
  return createRow(
    {
      kind: "createChamber",
      udfPath: getFunctionName(api.echoChambers.create),
      args: { ...input },
      table: "chambers",
      fields: { ...input, memberCount: 1, isMember: true, isCreatorYou: true, membershipStatus: "active" },
      resultField: "chamberId",
      sendsClientId: true,
    },
    db,
  );
}

/** Joins a public chamber; `preview` (from discovery) shows it in the list at once. */
export function joinChamber(chamberId: string, preview: Record<string, unknown> = {}, db?: WhispersDB): Promise<Queued> {
  return changeRow(
    {
      kind: "joinChamber",
      udfPath: getFunctionName(api.echoChambers.join),
      args: { chamberId },
      table: "chambers",
      find: byId("chambers", chamberId),
      patch: { isMember: true },
      createIfMissing: { ...preview, id: chamberId },
      conflictMeansDone: true,
    },
    db,
  );
}

/** Joins a chamber by its invite code; the chamber appears when the server has accepted. */
export function joinChamberByCode(inviteCode: string, db?: WhispersDB): Promise<Queued> {
  return enqueueOnly(
    { kind: "joinChamberByCode", udfPath: getFunctionName(api.echoChambers.joinByCode), args: { inviteCode: inviteCode.trim() }, conflictMeansDone: true },
    db,
  );
}

export function leaveChamber(chamberId: string, db?: WhispersDB): Promise<Queued> {
  return changeRow(
    {
      kind: "leaveChamber",
      udfPath: getFunctionName(api.echoChambers.leave),
      args: { chamberId },
      idArgs: ["chamberId"],
      table: "chambers",
      find: byId("chambers", chamberId),
      patch: { isMember: false },
      conflictMeansDone: true,
    },
    db,
  );
}

/** Posts a message (under the viewer's alias); pending until the server's row replaces it. */
export function postToChamber(chamberId: string, content: string, db?: WhispersDB): Promise<Queued> {
  return runAction(async (tx) => {
    const clientId = tx.opId;
    const now = Date.now();
    const message = newLocalRow({ id: clientId, clientId, chamberId, content, fromYou: true, sortKey: nextLocalSortKey(now), _creationTime: now }, tx.opId);
    await tx.db.chamberMessages.put(message as LocalChamberMessage);
    await tx.enqueue({
      kind: "postToChamber",
      udfPath: getFunctionName(api.echoChambers.post),
      clientId,
      args: { chamberId, clientId, content },
      refs: isLocalId(chamberId) ? [{ arg: "chamberId", localId: chamberId }] : undefined,
      target: { table: "chamberMessages", id: clientId },
      creates: [{ table: "chamberMessages", localId: clientId, resultField: "messageId" }],
    });
    return { entryId: tx.opId, localId: clientId };
  }, db, { tables: ["chamberMessages"] });
}

/** The creator removes a member (memberId = the chamberMembers row id). */
export function removeChamberMember(chamberId: string, memberId: string, db?: WhispersDB): Promise<Queued> {
  return changeRow(
    {
      kind: "removeChamberMember",
      udfPath: getFunctionName(api.echoChambers.removeMember),
      args: { chamberId, memberId },
      idArgs: ["chamberId"],
      table: "chamberMembers",
      find: byId("chamberMembers", memberId),
      patch: { status: "removed" },
    },
    db,
  );
}
