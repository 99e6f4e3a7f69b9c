// Expected failures: every public function throws ConvexError({ code, message }) with a readable message.
import { ConvexError } from "convex/values";

/**
 * Every code a function refuses with, and whether the same call can succeed later ("later": not
 * signed in yet, rate limited, the disk full) or never will as sent ("never"). The client's
 * outbox fails an entry for good only on a "never" code (src/sync/errors.ts).
 */
export const ERROR_CODES = {
  UNAUTHENTICATED: "later",
  FORBIDDEN: "never",
  NOT_FOUND: "never",
  INVALID: "never",
  CONFLICT: "never",
  BLOCKED: "never",
  BANNED: "never",
  DELETED: "never",
  RATE_LIMITED: "later",
  FEATURE_DISABLED: "never",
  LIMIT_REACHED: "never",
  CLIENT_ID_REUSED: "never",
  ONBOARDING_REQUIRED: "never",
  /** The server could not save the change (the local backend's disk is full): try again later. */
  UNAVAILABLE: "later",
} as const satisfies Record<string, "later" | "never">;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes after which the same call never succeeds. */
export const PERMANENT_ERROR_CODES: ReadonlySet<string> = new Set(
  Object.entries(ERROR_CODES).flatMap(([code, when]) => (when === "never" ? [code] : [])),
);

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
