// Expected failures: every public function throws ConvexError({ code, message }) with a readable message.
import { ConvexError } from "convex/values";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID"
  | "CONFLICT"
  | "BLOCKED"
  | "BANNED"
  | "DELETED"
  | "RATE_LIMITED"
  | "FEATURE_DISABLED"
  | "LIMIT_REACHED"
  | "CLIENT_ID_REUSED"
  | "ONBOARDING_REQUIRED"
  /** The server could not save the change (the local backend's disk is full): try again later. */
  | "UNAVAILABLE";

export type ErrorData = { code: ErrorCode; message: string };

/** Throws a ConvexError the client can show as it is. */
export function fail(code: ErrorCode, message: string): never {
  throw new ConvexError<ErrorData>({ code, message });
}

/** Trims `value` and checks its length; returns the trimmed text. */
export function checkText(
  value: string,
  field: string,
  { min = 1, max }: { min?: number; max: number },
): string {
  const text = value.trim();
  if (text.length < min) {
    fail("INVALID", min === 1 ? `${field} cannot be empty.` : `${field} needs at least ${min} characters.`);
  }
  if (text.length > max) fail("INVALID", `${field} can be at most ${max} characters.`);
  return text;
}

/** A user-supplied value shortened for quoting in an error message. */
export function quote(value: string, max = 40): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}
