// A readable message for a failed server call: the ConvexError's message, the offline notice, or a generic line.
import { convexErrorData } from "../../sync/errors";
import { OfflineError } from "../../sync/remote";

/** Never a stack trace or an internal id. */
export function errorText(error: unknown, fallback = "Something went wrong. Please try again."): string {
  const data = convexErrorData(error);
  if (data) return data.message;
  if (error instanceof OfflineError) return error.message;
  if (error instanceof Error && /offline|network|connection/i.test(error.message)) return error.message;
  return fallback;
}

export function errorCode(error: unknown): string | undefined {
  return convexErrorData(error)?.code;
}
