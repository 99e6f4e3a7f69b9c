// Batched push for the client's outbox: many queued operations in one transaction, each with its own outcome.
import { makeFunctionReference } from "convex/server";
import { ConvexError, v, type Value } from "convex/values";
import { fail } from "./lib/errors";
import { viewerMutation } from "./lib/functions";
import { OUTBOX_BATCH_MAX, OUTBOX_MUTATIONS, STOP_CODES } from "./model/outbox";

const outcome = v.union(
  v.object({ ok: v.literal(true), value: v.any() }),
  v.object({
    ok: v.literal(false),
    error: v.object({ code: v.string(), message: v.string(), retryAfterMs: v.optional(v.number()) }),
  }),
);

/** A ConvexError (also one re-created across the nested call's boundary). */
function isConvexError(error: unknown): error is ConvexError<Value> {
  return error instanceof ConvexError || (typeof error === "object" && error !== null && Symbol.for("ConvexError") in error);
}

/**
 * Runs up to OUTBOX_BATCH_MAX outbox operations in order, in one transaction (one commit, one
 * round of invalidation). Each op is one of the public mutations the outbox sends
 * (OUTBOX_MUTATIONS), run as a nested `ctx.runMutation` with the caller's identity: it checks
 * who acts exactly as a direct call would. An op that throws a ConvexError has its own writes
 * rolled back and answers `{ ok: false, error }`; the others keep theirs. An op refused with a
 * code that means "not now" (RATE_LIMITED, UNAUTHENTICATED) stops the batch: the ops after it
 * are not run and not answered (the client sends them again later, in order). Any other error
 * aborts the whole batch (nothing is written). Exactly-once: each op carries its own clientId.
 */
export const push = viewerMutation({
  args: { ops: v.array(v.object({ udfPath: v.string(), args: v.any() })) },
  returns: v.array(outcome),
  handler: async (ctx, { ops }) => {
    if (ops.length === 0) fail("INVALID", "A push needs at least one operation.");
    if (ops.length > OUTBOX_BATCH_MAX) fail("INVALID", `A push holds at most ${OUTBOX_BATCH_MAX} operations.`);
    for (const op of ops) {
      if (!OUTBOX_MUTATIONS.has(op.udfPath)) fail("INVALID", `${JSON.stringify(op.udfPath.slice(0, 60))} cannot be sent in a push.`);
      if (op.args === null || typeof op.args !== "object" || Array.isArray(op.args)) fail("INVALID", "Each operation's args must be an object.");
    }
    const results: (typeof outcome.type)[] = [];
    for (const op of ops) {
      try {
        const ref = makeFunctionReference<"mutation">(op.udfPath);
        const value = (await ctx.runMutation(ref, op.args as Record<string, Value>)) as Value;
        results.push({ ok: true, value: value ?? null });
      } catch (error) {
        if (!isConvexError(error)) throw error;
        const data = (error.data ?? {}) as { code?: unknown; message?: unknown; retryAfterMs?: unknown };
        const code = typeof data.code === "string" ? data.code : "UNKNOWN";
        const message = typeof data.message === "string" ? data.message : code;
        const retryAfterMs = typeof data.retryAfterMs === "number" ? data.retryAfterMs : undefined;
        results.push({ ok: false, error: retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs } });
        if (STOP_CODES.has(code)) break;
      }
    }
    return results;
  },
});
