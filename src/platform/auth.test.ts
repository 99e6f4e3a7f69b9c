// Auth on the client: JWT claims, the dev sign-in token flow and the cached viewer for offline starts.
import { afterEach, describe, expect, it, vi } from "vitest";
import { devSignIn, devTokenFetcher, clearDevToken } from "./devAuth";
import { decodeJwt, isTokenFresh, tokenExpiresAt } from "./jwt";
import { clearCachedViewer, loadCachedViewer, saveCachedViewer, updateCachedViewer } from "./viewerCache";

const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
const jwt = (claims: object) => `${b64({ alg: "RS256" })}.${b64(claims)}.sig`;
const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

afterEach(() => {
  clearDevToken();
  clearCachedViewer();
});

describe("jwt", () => {
  it("reads sub and exp", () => {
    const token = jwt({ sub: "dev|alice", exp: 2_000_000_000 });
    expect(decodeJwt(token)?.sub).toBe("dev|alice");
    expect(tokenExpiresAt(token)).toBe(2_000_000_000_000);
    expect(isTokenFresh(jwt({ exp: inSeconds(10) }))).toBe(false);
    expect(isTokenFresh(jwt({ exp: inSeconds(3600) }))).toBe(true);
    expect(decodeJwt("not a token")).toBeNull();
  });
});

describe("dev sign-in", () => {
  it("gets a token, reuses it while fresh, and refreshes it by asking again", async () => {
    let issued = 0;
    const fetchMock = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      issued += 1;
      const { username } = JSON.parse(String(init?.body)) as { username: string };
      const exp = issued === 1 ? inSeconds(5) : inSeconds(3600);
      return new Response(JSON.stringify({ token: jwt({ sub: `dev|${username}`, exp, n: issued }) }), { status: 200 });
    });
    const { subject } = await devSignIn("alice", "http://127.0.0.1:3210", fetchMock as typeof fetch);
    expect(subject).toBe("dev|alice");
    expect(fetchMock.mock.calls[0]?.[0]).toBe("http://127.0.0.1:3210/auth/dev/token");

    const fetchToken = devTokenFetcher("http://127.0.0.1:3210", fetchMock as typeof fetch);
    const refreshed = await fetchToken({ forceRefreshToken: false }); // the first token expires within the margin
    expect(decodeJwt(refreshed!)?.n).toBe(2);
    expect(await fetchToken({ forceRefreshToken: false })).toBe(refreshed);
    expect(issued).toBe(2);
  });

  it("returns null offline when the stored token is no longer usable (the outbox waits)", async () => {
    const online = vi.fn(async () => new Response(JSON.stringify({ token: jwt({ sub: "dev|bob", exp: inSeconds(-5) }) })));
    await devSignIn("bob", "http://x", online as unknown as typeof fetch);
    const offline = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const fetchToken = devTokenFetcher("http://x", offline as unknown as typeof fetch);
    expect(await fetchToken({ forceRefreshToken: true })).toBeNull();
  });

  it("keeps the stored token while it is valid when a forced refresh cannot reach the server", async () => {
    const online = vi.fn(async () => new Response(JSON.stringify({ token: jwt({ sub: "dev|cy", exp: inSeconds(3600) }) })));
    const { token } = await devSignIn("cy", "http://x", online as unknown as typeof fetch);
    const flaky = vi.fn(async () => {
      throw new TypeError("Failed to fetch");
    });
    const fetchToken = devTokenFetcher("http://x", flaky as unknown as typeof fetch);
    expect(await fetchToken({ forceRefreshToken: true })).toBe(token);
    expect(flaky).toHaveBeenCalledTimes(1);
  });

  it("surfaces a refused sign-in", async () => {
    const refuse = vi.fn(async () => new Response("Unknown user", { status: 400 }));
    await expect(devSignIn("nobody", "http://x", refuse as unknown as typeof fetch)).rejects.toThrow(/Unknown user/);
  });
});

describe("cached viewer", () => {
  it("survives a restart and merges the server id", () => {
    saveCachedViewer({ userKey: "dev|alice", provider: "dev", username: "alice" });
    updateCachedViewer({ userId: "u1" });
    expect(loadCachedViewer()).toEqual({ userKey: "dev|alice", provider: "dev", username: "alice", userId: "u1" });
    clearCachedViewer();
    expect(loadCachedViewer()).toBeNull();
  });
});
