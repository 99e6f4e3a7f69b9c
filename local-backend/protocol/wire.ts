// Convex sync protocol messages (convex/src/browser/sync/protocol.ts) as this server sends and reads them.
import type { JSONValue } from "convex/values";

/** u64 timestamps travel as 8-byte little-endian base64. */
export function encodeTs(ts: bigint): string {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64LE(ts);
  return bytes.toString("base64");
}

export function decodeTs(encoded: string): bigint {
  const bytes = Buffer.from(encoded, "base64");
  return bytes.length === 8 ? bytes.readBigUInt64LE() : 0n;
}

export type StateVersion = { querySet: number; ts: bigint; identity: number };

export type QueryModification =
  | { type: "QueryUpdated"; queryId: number; value: JSONValue; logLines: string[]; journal: string | null }
  | { type: "QueryFailed"; queryId: number; errorMessage: string; errorData?: JSONValue; logLines: string[]; journal: string | null }
  | { type: "QueryRemoved"; queryId: number };

export type AddQuery = { type: "Add"; queryId: number; udfPath: string; args: JSONValue[]; journal?: string | null; componentPath?: string };
export type RemoveQuery = { type: "Remove"; queryId: number };

export type ClientMessage =
  | { type: "Connect"; sessionId: string; connectionCount: number; lastCloseReason: string | null; maxObservedTimestamp?: string; clientTs?: number }
  | { type: "ModifyQuerySet"; baseVersion: number; newVersion: number; modifications: (AddQuery | RemoveQuery)[] }
  | { type: "Mutation"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Action"; requestId: number; udfPath: string; args: JSONValue[]; componentPath?: string }
  | { type: "Authenticate"; tokenType: "Admin" | "User" | "None"; value?: string; baseVersion: number }
  | { type: "Event"; eventType: string; event: unknown };

export type MutationResponse =
  | { type: "MutationResponse"; requestId: number; success: true; result: JSONValue; ts: string; logLines: string[] }
  | { type: "MutationResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue };

export type ActionResponse =
  | { type: "ActionResponse"; requestId: number; success: true; result: JSONValue; logLines: string[] }
  | { type: "ActionResponse"; requestId: number; success: false; result: string; logLines: string[]; errorData?: JSONValue };

export function transitionMessage(
  start: StateVersion,
  end: StateVersion,
  modifications: QueryModification[],
  extra: { clientClockSkew?: number } = {},
): string {
  return JSON.stringify({
    type: "Transition",
    startVersion: { querySet: start.querySet, identity: start.identity, ts: encodeTs(start.ts) },
    endVersion: { querySet: end.querySet, identity: end.identity, ts: encodeTs(end.ts) },
    modifications,
    // Nanoseconds, as the real backend sends it (the client divides by 1e6).
    serverTs: Date.now() * 1_000_000,
    ...extra,
  });
}

/** Checked only as far as the server relies on its shape. */
export function parseClientMessage(data: string): ClientMessage {
  const message = JSON.parse(data) as ClientMessage;
  if (typeof message !== "object" || message === null || typeof message.type !== "string") {
    throw new Error("not a client message");
  }
  const isCall = (call: { udfPath?: unknown; args?: unknown }) => typeof call.udfPath === "string" && Array.isArray(call.args);
  if ((message.type === "Mutation" || message.type === "Action") && !isCall(message)) throw new Error("not a function call");
  if (message.type === "ModifyQuerySet") {
    const changes = message.modifications as unknown;
    if (!Array.isArray(changes) || changes.some((c: AddQuery | RemoveQuery | null) => c?.type === "Add" && !isCall(c))) {
      throw new Error("not a query set change");
    }
  }
  return message;
}
