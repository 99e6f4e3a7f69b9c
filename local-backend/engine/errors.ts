// Turning a function's failure into the wire shape Convex clients expect (message + ConvexError data).
import { convexToJson, type JSONValue, type Value } from "convex/values";
import { FunctionLookupError } from "./functions";

export type WireError = { errorMessage: string; errorData?: JSONValue };

let nextRequestId = 1;

function isConvexError(error: unknown): error is Error & { data: Value } {
  return typeof error === "object" && error !== null && Symbol.for("ConvexError") in error;
}

/** A ConvexError's data travels as `errorData` (the client rebuilds it); other errors as a dev deployment words them. */
export function toWireError(error: unknown): WireError {
  if (error instanceof FunctionLookupError) return { errorMessage: error.message };
  const requestId = (nextRequestId++).toString(16).padStart(8, "0");
  if (isConvexError(error)) {
    let errorData: JSONValue;
    try {
      errorData = convexToJson(error.data);
    } catch {
      errorData = String(error.data);
    }
    return { errorMessage: `[Request ID: ${requestId}] Server Error\nUncaught ConvexError: ${error.message}`, errorData };
  }
  const message = error instanceof Error ? `${error.name}: ${error.message}` : `Error: ${String(error)}`;
  return { errorMessage: `[Request ID: ${requestId}] Server Error\nUncaught ${message}` };
}
