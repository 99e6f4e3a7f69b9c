// Friend and unmasking actions: requests, answers, blocks; shown at once, sent when possible.
import { getFunctionName, type FunctionReference } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import type { LocalFriend } from "../db/types";
import { byId, changeRow, createRow } from "./rowAction";
import type { Queued } from "./run";

type FriendStatus = LocalFriend["status"];

function friendChange(kind: string, fn: FunctionReference<"mutation">, userId: string, status: FriendStatus, direction?: string, db?: WhispersDB) {
  return changeRow(
    {
      kind,
      udfPath: getFunctionName(fn),
      args: { userId },
      table: "friends",
      find: (d) => d.friends.where("otherUserId").equals(userId).first(),
      patch: { status, ...(direction ? { direction } : {}) },
      createIfMissing: { otherUserId: userId },
      // Repeating a request that already took effect is not a failure.
      conflictMeansDone: true,
    },
    db,
  );
}

/** Sends a friend request. */
export const requestFriend = (userId: string, db?: WhispersDB): Promise<Queued> =>
  friendChange("requestFriend", api.friends.request, userId, "pending", "outgoing", db);
/** Accepts someone's friend request. */
export const acceptFriend = (userId: string, db?: WhispersDB): Promise<Queued> =>
  friendChange("acceptFriend", api.friends.accept, userId, "accepted", undefined, db);
/** Declines someone's friend request. */
export const declineFriend = (userId: string, db?: WhispersDB): Promise<Queued> =>
  friendChange("declineFriend", api.friends.decline, userId, "none", undefined, db);
/** Ends a friendship (or withdraws a request). */
export const removeFriend = (userId: string, db?: WhispersDB): Promise<Queued> =>
  friendChange("removeFriend", api.friends.remove, userId, "none", undefined, db);
/** Blocks a person: they can no longer whisper the viewer. */
export const blockUser = (userId: string, db?: WhispersDB): Promise<Queued> =>
  friendChange("blockUser", api.friends.block, userId, "blocked", "outgoing", db);
export const unblockUser = (userId: string, db?: WhispersDB): Promise<Queued> =>
  friendChange("unblockUser", api.friends.unblock, userId, "none", undefined, db);

/** Asks the other participant of a conversation to unmask (reveal names on both sides). */
export function requestUnmasking(conversationId: string, db?: WhispersDB): Promise<Queued> {
  return createRow(
    {
      kind: "requestUnmasking",
      udfPath: getFunctionName(api.unmasking.request),
      args: { conversationId },
      idArgs: ["conversationId"],
      table: "unmaskingRequests",
      fields: { conversationId, status: "pending", requesterIsYou: true, targetIsYou: false },
      resultField: "requestId",
      sendsClientId: false,
    },
    db,
  );
}

function answerUnmasking(kind: string, fn: FunctionReference<"mutation">, requestId: string, status: string, db?: WhispersDB) {
  return changeRow(
    {
      kind,
      udfPath: getFunctionName(fn),
      args: { requestId },
      idArgs: ["requestId"],
      table: "unmaskingRequests",
      find: byId("unmaskingRequests", requestId),
      patch: { status },
    },
    db,
  );
}

/** Accepts an unmasking request: both people see each other's names once the server agrees. */
export const acceptUnmasking = (requestId: string, db?: WhispersDB): Promise<Queued> =>
  answerUnmasking("acceptUnmasking", api.unmasking.accept, requestId, "accepted", db);
export const declineUnmasking = (requestId: string, db?: WhispersDB): Promise<Queued> =>
  answerUnmasking("declineUnmasking", api.unmasking.decline, requestId, "declined", db);

/** Asks for an admin role (super admins review it). */
export function requestAdminRole(requestType: "admin" | "super_admin", reason?: string, db?: WhispersDB): Promise<Queued> {
  return createRow(
    {
      kind: "requestAdminRole",
      udfPath: getFunctionName(api.admin.requestRole),
      args: { requestType, reason },
      table: "adminRequests",
      fields: { requestType, reason, status: "pending" },
      resultField: "requestId",
      sendsClientId: false,
    },
    db,
  );
}
