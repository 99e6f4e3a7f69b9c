// The app's security headers from options: the CSP for the local backend, a Convex deployment and Clerk, and dist/_headers.
import { describe, expect, test } from "vitest";
import { appPageHeaders, clerkFrontendApi, contentSecurityPolicy, headersFile } from "./http/securityHeaders";

const directives = (csp: string) => Object.fromEntries(csp.split("; ").map((d) => d.split(" ")).map(([name, ...v]) => [name, v]));
const CLERK_KEY = `pk_test_${btoa("clerk.whispers.example$")}`;

describe("contentSecurityPolicy", () => {
  test("a Convex deployment adds its https and wss origins to connect-src, and its https origin to img-src and media-src only", () => {
    const csp = directives(contentSecurityPolicy({ convexUrl: "https://happy-otter-123.convex.cloud/" }));
    expect(csp["connect-src"]).toEqual(["'self'", "https://happy-otter-123.convex.cloud", "wss://happy-otter-123.convex.cloud"]);
    expect(csp["img-src"]).toEqual(["'self'", "blob:", "data:", "https://happy-otter-123.convex.cloud"]);
    expect(csp["media-src"]).toEqual(["'self'", "blob:", "https://happy-otter-123.convex.cloud"]);
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["frame-src"]).toEqual(["'none'"]);
  });

  test("no inline script ever; inline style attributes only, <style> elements from 'self' unless Clerk needs them", () => {
    const plain = directives(contentSecurityPolicy());
    expect(plain["style-src-elem"]).toEqual(["'self'"]);
    expect(plain["style-src-attr"]).toEqual(["'unsafe-inline'"]);
    const clerk = directives(contentSecurityPolicy({ clerkPublishableKey: CLERK_KEY }));
    for (const csp of [plain, clerk]) {
      expect(csp["script-src"]).not.toContain("'unsafe-inline'");
      expect(csp["script-src"]).not.toContain("'unsafe-eval'");
      expect(csp["frame-ancestors"]).toEqual(["'none'"]);
      expect(csp["object-src"]).toEqual(["'none'"]);
    }
    expect(clerk["script-src"]).toEqual(["'self'", "https://clerk.whispers.example", "https://challenges.cloudflare.com"]);
    expect(clerk["connect-src"]).toContain("https://clerk.whispers.example");
    expect(clerk["frame-src"]).toEqual(["https://challenges.cloudflare.com"]);
    expect(clerk["img-src"]).toContain("https://img.clerk.com");
    expect(clerkFrontendApi("pk_live_not-base64!")).toBeNull();
    expect(clerkFrontendApi(CLERK_KEY)).toBe("clerk.whispers.example");
  });
});

test("dist/_headers carries the page headers on every path, in Netlify / Cloudflare Pages format", () => {
  const file = headersFile({ convexUrl: "https://happy-otter-123.convex.cloud" });
  const blocks = file.split("\n").filter((l) => !l.startsWith("#")).join("\n").trim().split(/\n(?=\/)/);
  const all = blocks.find((b) => b.startsWith("/*\n"));
  expect(all).toBeDefined();
  const headers = Object.fromEntries(all!.split("\n").slice(1).map((l) => /^ {2}([A-Za-z-]+): (.+)$/.exec(l)!.slice(1, 3)));
  expect(headers).toEqual(appPageHeaders({ convexUrl: "https://happy-otter-123.convex.cloud" }));
  expect(headers["Content-Security-Policy"]).toContain("wss://happy-otter-123.convex.cloud");
  expect(headers["X-Content-Type-Options"]).toBe("nosniff");
  expect(headers["Referrer-Policy"]).toBe("no-referrer");
});
