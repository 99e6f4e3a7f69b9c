// Sorting outbox send failures: wait and retry, wait for a token, wait out a rate limit, or fail for good.
import { PERMANENT_ERROR_CODES } from "../../convex/lib/errors";
import { UploadError } from "./transport";

export type FailureKind =
  /** Network, transport or unknown trouble: retry later with backoff. */
  | { kind: "transient"; message: string; unknownServerError: boolean }
  /** The server refused for good (validation, authorization, blocked, …): mark failed. */
  | { kind: "permanent"; code: string; message: string }
  /** Too many requests: retry after the hinted delay. */
  | { kind: "rateLimited"; retryAfterMs: number; message: string }
  /** No valid token: wait for the auth layer to get one; never fail. */
  | { kind: "unauthenticated"; message: string };

/** The server's codes that fail an entry for good, and the client's own DEPENDENCY (the entry names a row whose own create failed). */
export const PERMANENT_CODES: ReadonlySet<string> = new Set([...PERMANENT_ERROR_CODES, "DEPENDENCY"]);

/** The `{code, message}` of a ConvexError (also when it crossed a realm and lost its class). */
export function convexErrorData(error: unknown): { code: string; message: string; retryAfterMs?: number } | undefined {
  if (!error || typeof error !== "object" || !("data" in error)) return undefined;
  const data = (error as { data: unknown }).data;
  if (!data || typeof data !== "object") return undefined;
  const { code, message } = data as { code?: unknown; message?: unknown };
  if (typeof code !== "string") return undefined;
  const raw = data as { retryAfterMs?: unknown; retryAfter?: unknown };
  const retryAfterMs = typeof raw.retryAfterMs === "number" ? raw.retryAfterMs : typeof raw.retryAfter === "number" ? raw.retryAfter : undefined;
  return { code, message: typeof message === "string" ? message : code, retryAfterMs };
}

/** Messages of non-ConvexError server failures that no retry can fix (Convex's wording, and convex-test's "Validator error"). */
const PERMANENT_MESSAGES = [/ArgumentValidationError/i, /Could not find public function/i, /Value does not match validator/i, /Validator error/i];

const RATE_LIMIT_DEFAULT_MS = 5_000;

/** Decides what the drainer does after a send failed with `error`. */
export function classifyFailure(error: unknown): FailureKind {
  const data = convexErrorData(error);
  if (data) {
    if (data.code === "UNAUTHENTICATED") return { kind: "unauthenticated", message: data.message };
    if (data.code === "RATE_LIMITED") {
      return { kind: "rateLimited", retryAfterMs: data.retryAfterMs ?? parseRetryAfter(data.message), message: data.message };
    }
    if (PERMANENT_CODES.has(data.code)) return { kind: "permanent", code: data.code, message: data.message };
    // The server is up but cannot save right now (a full disk): wait like for the network, however long.
    if (data.code === "UNAVAILABLE") return { kind: "transient", message: data.message, unknownServerError: false };
    return { kind: "transient", message: data.message, unknownServerError: true };
  }
  if (error instanceof UploadError) {
    const status = error.status;
    if (status !== undefined && status >= 400 && status < 500 && status !== 408 && status !== 429) {
      return { kind: "permanent", code: "INVALID", message: error.message };
    }
    return { kind: "transient", message: error.message, unknownServerError: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (PERMANENT_MESSAGES.some((re) => re.test(message))) return { kind: "permanent", code: "INVALID", message: cleanServerMessage(message) };
  if (/Unauthenticated|not authenticated/i.test(message)) return { kind: "unauthenticated", message };
  const serverSide = /Server Error|Uncaught/i.test(message);
  return { kind: "transient", message: cleanServerMessage(message), unknownServerError: serverSide };
}

/** "Try again in 12 seconds" → 12000; otherwise a default pause. */
function parseRetryAfter(message: string): number {
  const match = /(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|seconds?|min|minutes?)\b/i.exec(message);
  if (!match) return RATE_LIMIT_DEFAULT_MS;
  const value = Number(match[1]);
  const unit = match[2]!.toLowerCase();
  if (unit.startsWith("ms") || unit.startsWith("milli")) return value;
  if (unit.startsWith("min")) return value * 60_000;
  return value * 1000;
}

/** Drops the "[Request ID: …]" prefix and stack lines the Convex client adds. */
function cleanServerMessage(message: string): string {
  const firstLine = message.split("\n")[0] ?? message;
  return firstLine.replace(/^\[Request ID: [^\]]+\]\s*/, "").replace(/^\[CONVEX [^\]]+\]\s*/, "").trim() || message;
}
