// Batched push for the client's outbox: many queued operations in one transaction, each with its own outcome.
import { makeFunctionReference } from "convex/server";
import { ConvexError, v, type Value } from "convex/values";
import { validate } from "convex-helpers/validators";
import type { MutationCtx } from "./_generated/server";
import { TransactionBudget } from "./lib/budget";
import { fail } from "./lib/errors";
import { viewerMutation } from "./lib/functions";
import { OUTBOX_BATCH_MAX, OUTBOX_MUTATIONS, STOP_CODES } from "./model/outbox";
import { WhisperRun, type SendArgs } from "./model/whisperRuns";
import { sendWhisperArgs } from "./whispers";

const outcome = v.union(
  v.object({ ok: v.literal(true), value: v.any() }),
  v.object({
    ok: v.literal(false),
    error: v.object({ code: v.string(), message: v.string(), retryAfterMs: v.optional(v.number()) }),
  }),
  // Not run: the push stopped before it (the transaction's budget, or a "not now" refusal before it). Send it again.
  v.object({ ok: v.literal(false), notRun: v.literal(true) }),
);

/** Also one re-created across the nested call's boundary, which is no longer an instance. */
function isConvexError(error: unknown): error is ConvexError<Value> {
  return error instanceof ConvexError || (typeof error === "object" && error !== null && Symbol.for("ConvexError") in error);
}

type Op = { udfPath: string; args: Record<string, Value> };
type Outcome = typeof outcome.type;

/** One transaction, one commit: a ConvexError rolls back only its own op; any other error aborts the whole push. */
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
    const results: Outcome[] = [];
    const budget = new TransactionBudget(ctx, { atLeastOne: true });
    let run: WhisperRun | null = null;
    for (const op of ops as Op[]) {
      // The ops share one transaction's limits: stop before one as large as the largest so far could pass them (lib/budget.ts).
      if (!(await budget.hasRoom())) break;
      // Consecutive text whispers share one run (model/whisperRuns.ts); an image needs a nested call's rollback on error.
      const textWhisper = op.udfPath === "whispers:sendWhisper" && op.args.imageStorageId === undefined;
      if (!textWhisper && run) {
        await run.finish();
        run = null;
      }
      let result: Outcome;
      try {
        if (textWhisper) {
          // The viewer as the ops before left them (e.g. completeOnboarding earlier in this push).
          run ??= new WhisperRun(ctx, (await ctx.db.get("users", ctx.viewer._id))!);
          result = { ok: true, value: await run.send(checkedSendArgs(ctx, op.args)) };
        } else {
          const value = (await ctx.runMutation(makeFunctionReference<"mutation">(op.udfPath), op.args)) as Value;
          result = { ok: true, value: value ?? null };
        }
      } catch (error) {
        if (!isConvexError(error)) throw error;
        result = { ok: false, error: refusal(error) };
      }
      results.push(result);
      if ("error" in result && STOP_CODES.has(result.error.code)) break;
    }
    while (results.length < ops.length) results.push({ ok: false, notRun: true });
    await run?.finish();
    return results;
  },
});

/** The validation a direct call gets from whispers:sendWhisper's validator (ids against their tables too). */
function checkedSendArgs(ctx: MutationCtx, args: Record<string, Value>): SendArgs {
  validate(v.object(sendWhisperArgs), args, { throw: true, db: ctx.db });
  return args as SendArgs;
}

function refusal(error: ConvexError<Value>): Extract<Outcome, { error: unknown }>["error"] {
  const data = (error.data ?? {}) as { code?: unknown; message?: unknown; retryAfterMs?: unknown };
  const code = typeof data.code === "string" ? data.code : "UNKNOWN";
  const message = typeof data.message === "string" ? data.message : code;
  const retryAfterMs = typeof data.retryAfterMs === "number" ? data.retryAfterMs : undefined;
  return retryAfterMs === undefined ? { code, message } : { code, message, retryAfterMs };
}
