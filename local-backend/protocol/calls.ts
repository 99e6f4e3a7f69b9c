// Running a client's function call (WebSocket or HTTP): visibility, argument decoding, durability.
import type { UserIdentity } from "convex/server";
import { jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { Engine } from "../engine/engine";
import { toWireError } from "../engine/errors";
import { FunctionLookupError, type FunctionKind } from "../engine/functions";
import { resultValue } from "../engine/urls";

export type CallOutcome =
  | { success: true; value: JSONValue; kind: FunctionKind; ts?: bigint }
  | { success: false; errorMessage: string; errorData?: JSONValue };

export class FunctionCaller {
  constructor(
    private readonly engine: Engine,
    private readonly durable: () => Promise<void>,
    private readonly origin: string,
  ) {}

  /**
   * Calls a public function. `expected` = the kind the endpoint serves ("any" for /api/function).
   * A mutation's outcome is returned only after its commit is on stable storage; `onExecuted`
   * runs as soon as it has committed in memory (the next mutation may start while this one
   * waits for the disk, so commits in a burst share one fsync).
   */
  async call(
    expected: FunctionKind | "any",
    udfPath: string,
    args: JSONValue | undefined,
    identity: UserIdentity | null,
    origin: object | null = null,
    onExecuted?: () => void,
  ): Promise<CallOutcome> {
    try {
      const { udfPath: path, kind } = await this.engine.functions.resolve(udfPath, { allowInternal: false });
      if (expected !== "any" && kind !== expected) {
        throw new FunctionLookupError(`Trying to execute ${path} as ${article(expected)}, but it is defined as ${article(kind)}.`);
      }
      const decoded = decodeArgs(args);
      if (kind === "mutation") {
        const { value, ts } = await this.engine.mutation(path, decoded, identity, origin);
        onExecuted?.();
        await this.durable();
        return { success: true, value: resultValue(value, this.origin), kind, ts };
      }
      const value = await this.engine.call(kind, path, decoded, identity);
      if (kind === "action") await this.durable();
      return { success: true, value: resultValue(value, this.origin), kind };
    } catch (error) {
      const wire = toWireError(error);
      return { success: false, errorMessage: wire.errorMessage, ...(wire.errorData !== undefined ? { errorData: wire.errorData } : {}) };
    }
  }
}

function article(kind: FunctionKind): string {
  return kind === "action" ? "an action" : `a ${kind}`;
}

function decodeArgs(args: JSONValue | undefined): Record<string, Value> {
  const value = args === undefined || args === null ? {} : jsonToConvex(args);
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ArrayBuffer) {
    throw new FunctionLookupError("The arguments to a Convex function must be an object.");
  }
  return value as Record<string, Value>;
}
