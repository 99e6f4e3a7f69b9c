// Running a client's function call (WebSocket or HTTP): visibility, argument decoding, durability.
import type { UserIdentity } from "convex/server";
import { ConvexError, jsonToConvex, type JSONValue, type Value } from "convex/values";
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

  /** Returns once durable; `onExecuted` fires at the in-memory commit, so a burst's commits share one fsync. */
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

/** How deeply a call's arguments may nest (objects and arrays, the arguments object being level 1). */
export const MAX_ARGS_DEPTH = 64;

/** Bad arguments are ConvexError INVALID; depth is checked without recursion, so none overflows the stack. */
export function decodeArgs(args: JSONValue | undefined): Record<string, Value> {
  if (args === undefined || args === null) return {};
  if (nestedDeeperThan(args, MAX_ARGS_DEPTH)) invalidArgs(`The arguments are nested more than ${MAX_ARGS_DEPTH} levels deep.`);
  let value: Value;
  try {
    value = jsonToConvex(args);
  } catch (error) {
    invalidArgs(`The arguments are not valid Convex values: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof ArrayBuffer) {
    invalidArgs("The arguments to a Convex function must be an object.");
  }
  return value as Record<string, Value>;
}

function invalidArgs(message: string): never {
  throw new ConvexError({ code: "INVALID", message });
}

function nestedDeeperThan(value: JSONValue, limit: number): boolean {
  const stack: [JSONValue, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (depth > limit) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current as Record<string, JSONValue>)) {
      if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return false;
}
