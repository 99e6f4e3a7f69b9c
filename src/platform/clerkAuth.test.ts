// Clerk's token for Convex: the session token with the native integration (aud "convex"), else the "convex" JWT template.
import type { Clerk } from "@clerk/clerk-js";
import { describe, expect, it } from "vitest";
import { clerkTokenFetcher } from "./clerkAuth";

type GetTokenOptions = { template?: string; skipCache?: boolean };

/** A signed-in Clerk whose last session token carries `aud`, recording every getToken call. */
function fakeClerk(aud: unknown, fail = false) {
  const calls: GetTokenOptions[] = [];
  const session = {
    lastActiveToken: { jwt: { claims: { aud } } },
    getToken: async (options: GetTokenOptions = {}) => {
      calls.push(options);
      if (fail && options.skipCache) throw new Error("Failed to fetch");
      return options.template ? `template-${options.template}` : "session-token";
    },
  };
  return { clerk: { session } as unknown as Pick<Clerk, "session">, calls };
}

describe("clerkTokenFetcher", () => {
  it("uses the session token itself when Clerk's native Convex integration set aud to convex", async () => {
    const { clerk, calls } = fakeClerk("convex");
    expect(await clerkTokenFetcher(async () => clerk)({ forceRefreshToken: true })).toBe("session-token");
    expect(calls).toEqual([{ skipCache: true }]);
    const listed = fakeClerk(["other", "convex"]);
    expect(await clerkTokenFetcher(async () => listed.clerk)({ forceRefreshToken: false })).toBe("session-token");
  });

  it("uses the convex JWT template otherwise", async () => {
    for (const aud of [undefined, "my-api", ["my-api"]]) {
      const { clerk, calls } = fakeClerk(aud);
      expect(await clerkTokenFetcher(async () => clerk)({ forceRefreshToken: false })).toBe("template-convex");
      expect(calls).toEqual([{ template: "convex", skipCache: false }]);
    }
  });

  it("a refresh that cannot reach Clerk falls back to the cached token of the same kind; signed out is null", async () => {
    const { clerk, calls } = fakeClerk("convex", true);
    expect(await clerkTokenFetcher(async () => clerk)({ forceRefreshToken: true })).toBe("session-token");
    expect(calls).toEqual([{ skipCache: true }, {}]);
    const signedOut = { session: null } as unknown as Pick<Clerk, "session">;
    expect(await clerkTokenFetcher(async () => signedOut)({ forceRefreshToken: false })).toBeNull();
  });
});
