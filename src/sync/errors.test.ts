// Error triage for outbox sends: which failures wait, which fail for good.
import { ConvexError } from "convex/values";
import { describe, expect, it } from "vitest";
import { classifyFailure } from "./errors";
import { UploadError } from "./transport";

const convex = (code: string, message = "m") => new ConvexError({ code, message });

describe("classifyFailure", () => {
  it("fails for good on the server's permanent codes, with its message", () => {
    for (const code of ["INVALID", "FORBIDDEN", "NOT_FOUND", "BLOCKED", "BANNED", "DELETED", "CONFLICT", "LIMIT_REACHED", "FEATURE_DISABLED"]) {
      expect(classifyFailure(convex(code, "Nope."))).toEqual({ kind: "permanent", code, message: "Nope." });
    }
  });

  it("waits for a token, a rate limit, or the network", () => {
    expect(classifyFailure(convex("UNAUTHENTICATED")).kind).toBe("unauthenticated");
    expect(classifyFailure(convex("RATE_LIMITED", "Try again in 3 seconds."))).toMatchObject({ kind: "rateLimited", retryAfterMs: 3000 });
    expect(classifyFailure(new TypeError("Failed to fetch"))).toMatchObject({ kind: "transient", unknownServerError: false });
    expect(classifyFailure(new UploadError("Upload failed (503).", 503)).kind).toBe("transient");
    // A full disk on the server: waited out with backoff, never counted towards failing the entry.
    expect(classifyFailure(convex("UNAVAILABLE", "The server could not save this change (disk full)."))).toEqual({
      kind: "transient", message: "The server could not save this change (disk full).", unknownServerError: false,
    });
  });

  it("treats argument validation and refused uploads as permanent, server crashes as retryable", () => {
    expect(classifyFailure(new Error("[Request ID: 1] Server Error\nArgumentValidationError: bad")).kind).toBe("permanent");
    expect(classifyFailure(new UploadError("Upload failed (413).", 413)).kind).toBe("permanent");
    expect(classifyFailure(new Error("[Request ID: 3] Server Error\nUncaught Error: Validator error: Missing required field `content`")).kind).toBe("permanent");
    expect(classifyFailure(new Error("[Request ID: 2] Server Error"))).toMatchObject({ kind: "transient", unknownServerError: true });
  });
});
