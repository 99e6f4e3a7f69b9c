// Exactly-once client operations: a clientId names one request (its kind and arguments); a retry gets the first result.
import type { Value } from "convex/values";
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "./errors";

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Throws INVALID unless `clientId` looks like a client-generated id (UUID or similar). */
export function checkClientId(clientId: string): string {
  if (!CLIENT_ID.test(clientId)) fail("INVALID", "clientId must be 8-64 letters, digits, '-' or '_'.");
  return clientId;
}

/** Arguments as JSON with object keys sorted and undefined fields left out: equal arguments, equal text. */
function canonical(value: Value | undefined): string {
  if (value === null || typeof value !== "object") return typeof value === "bigint" ? `${value}n` : JSON.stringify(value);
  if (value instanceof ArrayBuffer) return JSON.stringify({ $bytes: [...new Uint8Array(value)] });
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const record = value as Record<string, Value | undefined>;
  const fields = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonical(record[key])}`);
  return `{${fields.join(",")}}`;
}

/**
 * What an exactly-once record remembers of its request: the SHA-256 (hex) of the operation kind
 * (its function's path, e.g. "whispers:sendWhisper") and its canonical arguments without the
 * clientId. Two requests under one clientId are the same retry exactly when their hashes match.
 */
export async function requestHash(kind: string, args: Record<string, Value | undefined>): Promise<string> {
  const { clientId: _clientId, ...rest } = args;
  const bytes = new TextEncoder().encode(`${kind}\n${canonical(rest)}`);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

/**
 * Throws CLIENT_ID_REUSED unless the record found under a clientId was made by this very request.
 * Records from before hashes were kept (`recorded` undefined) are accepted as before.
 */
export function requireSameRequest(recorded: string | undefined, hash: string): void {
  if (recorded !== undefined && recorded !== hash) {
    fail("CLIENT_ID_REUSED", "This clientId was already used for a different request; send a new one with a fresh clientId.");
  }
}

/**
 * Runs `operation` once per (user, clientId) for operations that create no row of their own: the
 * first result is kept as a receipt (clientOps) with the request's hash. Repeating the same
 * request returns the first result and writes nothing, so an outbox retry after a lost response
 * cannot apply an operation twice; the same clientId with other arguments or for another kind of
 * operation is refused (CLIENT_ID_REUSED). Without a clientId the operation simply runs.
 */
export async function once<T>(
  ctx: MutationCtx,
  userId: Id<"users">,
  kind: string,
  args: { clientId?: string } & Record<string, Value | undefined>,
  operation: () => Promise<T>,
): Promise<T> {
  const { clientId } = args;
  if (clientId === undefined) return operation();
  checkClientId(clientId);
  const hash = await requestHash(kind, args);
  const receipt = await ctx.db
    .query("clientOps")
    .withIndex("by_user_clientId", (q) => q.eq("userId", userId).eq("clientId", clientId))
    .unique();
  if (receipt) {
    requireSameRequest(receipt.requestHash, hash);
    return receipt.result as T;
  }
  const result = await operation();
  await ctx.db.insert("clientOps", { userId, clientId, requestHash: hash, result: result ?? null, at: Date.now() });
  return result;
}
