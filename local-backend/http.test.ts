// The app shell and assets from dist/ (cache headers, SPA fallback, security headers), HTTP actions, preflights and health.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, expect, test } from "vitest";
import { startTestBackend, tempDataDir, type TestBackend } from "./testing/harness";

let backend: TestBackend;
const dist = tempDataDir();

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, "assets"));
  fs.writeFileSync(path.join(dist, "index.html"), "<!doctype html><title>shell</title>");
  fs.writeFileSync(path.join(dist, "assets", "index-B2x9kQ1a.js"), "console.log(1)");
  fs.writeFileSync(path.join(dist, "sw.js"), "self.skipWaiting()");
  fs.writeFileSync(path.join(dist, "manifest.webmanifest"), "{}");
  fs.writeFileSync(path.join(dist, "pwa-192x192.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  backend = await startTestBackend({ distDir: dist });
});
afterAll(async () => {
  try {
    await backend?.cleanup();
  } finally {
    fs.rmSync(dist, { recursive: true, force: true });
  }
});

const get = (p: string, init?: RequestInit) => fetch(`${backend.origin}${p}`, init);

test("hashed assets are immutable; the shell, service worker and manifest are revalidated", async () => {
  const asset = await get("/assets/index-B2x9kQ1a.js");
  expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  expect(asset.headers.get("content-type")).toMatch(/^text\/javascript/);
  for (const p of ["/", "/index.html", "/sw.js", "/manifest.webmanifest"]) {
    expect((await get(p)).headers.get("cache-control")).toBe("no-cache");
  }
  expect((await get("/sw.js")).headers.get("service-worker-allowed")).toBe("/");
});

test("text is sent brotli- or gzip-compressed as the client accepts, images as they are", async () => {
  /** A raw GET (fetch would decode the body and hide the encoding). */
  const raw = (p: string, acceptEncoding: string) =>
    new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
      http.request(`${backend.origin}${p}`, { headers: { "Accept-Encoding": acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    });
  const br = await raw("/assets/index-B2x9kQ1a.js", "gzip, deflate, br");
  expect(br.headers["content-encoding"]).toBe("br");
  expect(br.headers.vary).toBe("Accept-Encoding");
  expect(zlib.brotliDecompressSync(br.body).toString()).toBe("console.log(1)");
  const gzip = await raw("/conversations/1", "gzip");
  expect(gzip.headers["content-encoding"]).toBe("gzip");
  expect(zlib.gunzipSync(gzip.body).toString()).toContain("<title>shell</title>");
  expect(gzip.headers["content-security-policy"]).toBeTruthy();
  const plain = await raw("/assets/index-B2x9kQ1a.js", "br;q=0, identity");
  expect(plain.headers["content-encoding"]).toBeUndefined();
  expect(plain.body.toString()).toBe("console.log(1)");
  // Each encoding is its own representation: a cached gzip body does not revalidate a brotli request.
  expect(br.headers.etag).not.toBe(plain.headers.etag);
  const png = await raw("/pwa-192x192.png", "br");
  expect(png.headers["content-encoding"]).toBeUndefined();
  // A file rebuilt in place is compressed again, not served from the old body.
  const rebuilt = path.join(dist, "registerSW.js");
  fs.writeFileSync(rebuilt, "first()");
  expect(zlib.brotliDecompressSync((await raw("/registerSW.js", "br")).body).toString()).toBe("first()");
  fs.writeFileSync(rebuilt, "second(build)");
  fs.utimesSync(rebuilt, new Date(), new Date(Date.now() + 5_000));
  expect(zlib.brotliDecompressSync((await raw("/registerSW.js", "br")).body).toString()).toBe("second(build)");
});

test("client-side routes get the shell; missing files and unknown API paths stay 404", async () => {
  const route = await get("/conversations/123");
  expect(route.status).toBe(200);
  expect(await route.text()).toContain("<title>shell</title>");
  expect((await get("/assets/missing-12345678.js")).status).toBe(404);
  expect((await get("/api/nothing")).status).toBe(404);
  expect((await get("/assets/index-B2x9kQ1a.js", { method: "POST" })).status).toBe(404);
});

test("HTTP actions from convex/http.ts are served under their paths", async () => {
  // No CLERK_WEBHOOK_SECRET here: the webhook answers, and refuses, rather than 404.
  const response = await get("/clerk-users-webhook", { method: "POST", body: "{}" });
  expect(response.status).not.toBe(404);
  expect(response.status).toBeGreaterThanOrEqual(400);
});

test("a same-origin preflight is answered without CORS grants (the app needs none), and health", async () => {
  const preflight = await get("/api/mutation", { method: "OPTIONS" });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  const health = await get("/health");
  expect(health.headers.get("access-control-allow-origin")).toBeNull();
  expect((await health.json()) as Record<string, unknown>).toMatchObject({ ok: true, app: "dist" });
});

/** The CSP as a map of directive → sources. */
function directives(csp: string | null): Record<string, string[]> {
  return Object.fromEntries((csp ?? "").split(";").map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map(([name, ...v]) => [name, v]));
}

test("app pages (the shell and every route falling back to it) carry the CSP and the framing, sniffing and referrer headers", async () => {
  const ws = backend.origin.replace("http:", "ws:");
  for (const p of ["/", "/index.html", "/conversations/123", "/settings"]) {
    const page = await get(p);
    const csp = directives(page.headers.get("content-security-policy"));
    expect(csp["default-src"], p).toEqual(["'self'"]);
    expect(csp["script-src"]).toEqual(["'self'"]);
    expect(csp["style-src-elem"]).toEqual(["'self'"]);
    expect(csp["connect-src"]).toEqual(["'self'", ws]);
    expect(csp["img-src"]).toEqual(["'self'", "blob:", "data:"]);
    expect(csp["media-src"]).toEqual(["'self'", "blob:"]);
    expect(csp["worker-src"]).toEqual(["'self'"]);
    expect(csp["manifest-src"]).toEqual(["'self'"]);
    expect(csp["object-src"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("permissions-policy")).toMatch(/(^|, )microphone=\(self\)/);
    expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");
  }
  // A page loaded as localhost talks to ws://localhost:<port>, not 127.0.0.1's.
  const byName = await new Promise<string>((resolve, reject) => {
    const req = http.get(`${backend.origin}/`, { headers: { Host: `localhost:${backend.port}` } }, (res) => {
      res.resume();
      resolve(String(res.headers["content-security-policy"]));
    });
    req.on("error", reject);
  });
  expect(directives(byName)["connect-src"]).toEqual(["'self'", `ws://localhost:${backend.port}`]);
});

test("assets and the service worker are never sniffed; the service worker keeps its scope header and no page CSP", async () => {
  for (const p of ["/assets/index-B2x9kQ1a.js", "/sw.js", "/manifest.webmanifest"]) {
    expect((await get(p)).headers.get("x-content-type-options"), p).toBe("nosniff");
  }
  const sw = await get("/sw.js");
  expect(sw.headers.get("service-worker-allowed")).toBe("/");
  expect(sw.headers.get("content-type")).toMatch(/^text\/javascript/);
  expect(sw.headers.get("content-security-policy")).toBeNull();
});
