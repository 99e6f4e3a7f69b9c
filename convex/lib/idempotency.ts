// Exactly-once client operations that create no row of their own: the first result is kept as a receipt.
import type { Id } from "../_generated/dataModel";
import type { MutationCtx } from "../_generated/server";
import { fail } from "./errors";

const CLIENT_ID = /^[A-Za-z0-9_-]{8,64}$/;

/** Throws INVALID unless `clientId` looks like a client-generated id (UUID or similar). */
export function checkClientId(clientId: string): string {
  if (!CLIENT_ID.test(clientId)) fail("INVALID", "clientId must be 8-64 letters, digits, '-' or '_'.");
  return clientId;
}

/**
 * Runs `operation` once per (user, clientId). A repeat returns the first result and writes
 * nothing, so an outbox retry after a lost response cannot apply an operation twice.
 * Without a clientId the operation simply runs.
 */
export async function once<T>(
  ctx: MutationCtx,
  userId: Id<"users">,
  clientId: string | undefined,
  operation: () => Promise<T>,
): Promise<T> {
  if (clientId === undefined) return operation();
  checkClientId(clientId);
  const receipt = await ctx.db
    .query("clientOps")
    .withIndex("by_user_clientId", (q) => q.eq("userId", userId).eq("clientId", clientId))
    .unique();
  if (receipt) return receipt.result as T;
  const result = await operation();
  await ctx.db.insert("clientOps", { userId, clientId, result: result ?? null, at: Date.now() });
  return result;
}
