// The app shell and assets from dist/ (cache headers, SPA fallback), HTTP actions, CORS and health.
import fs from "node:fs";
import path from "node:path";
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

test("CORS preflight for the API, and health", async () => {
  const preflight = await get("/api/mutation", { method: "OPTIONS" });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get("access-control-allow-headers")).toMatch(/Authorization/);
  const health = (await (await get("/health")).json()) as Record<string, unknown>;
  expect(health).toMatchObject({ ok: true, app: "dist" });
});
