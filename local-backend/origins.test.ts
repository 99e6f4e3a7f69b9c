// Cross-site sign-in and DNS rebinding: other origins get no token, no function call and no sync socket; foreign Hosts get nothing.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OriginPolicy } from "./http/origins";
import { CONVEX_VERSION } from "./server";
import { startTestBackend, type TestBackend } from "./testing/harness";
import { WebSocket } from "./ws";

let backend: TestBackend;
const EVIL = "http://evil.example:8080";

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

type Reply = { status: number; headers: http.IncomingHttpHeaders; text: string };

/** A raw request (fetch may not set Host, and adds Sec-Fetch-* nowhere; this sends exactly `headers`). */
function request(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${backend.origin}${pathname}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const json = { "Content-Type": "application/json" };
const signIn = (headers: Record<string, string> = {}) => request("POST", "/auth/dev/token", { ...json, ...headers }, JSON.stringify({ username: "alice" }));
const syncUrl = () => `${backend.origin.replace("http:", "ws:")}/api/${CONVEX_VERSION}/sync`;

/** Opens the sync socket with these headers: "open", or the HTTP status it was refused with. */
function openSocket(options: { origin?: string; headers?: Record<string, string> }): Promise<"open" | number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(syncUrl(), options);
    socket.on("open", () => {
      socket.close();
      resolve("open");
    });
    socket.on("unexpected-response", (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      socket.terminate();
    });
    socket.on("error", (error) => reject(error));
  });
}

describe("dev sign-in and the function API", () => {
  test("a page on another origin gets 403 and no token; the same origin and Node clients (no Origin) get one", async () => {
    const foreign = await signIn({ Origin: EVIL });
    expect(foreign.status).toBe(403);
    expect(foreign.text).toMatch(/other origins are refused: http:\/\/evil\.example:8080/);
    expect(foreign.text).not.toMatch(/token/);
    expect((await signIn({ Origin: "null" })).status).toBe(403);
    // localhost and 127.0.0.1 on this port are this server (it serves the app under both names).
    for (const origin of [backend.origin, backend.origin.replace("127.0.0.1", "localhost")]) {
      const same = await signIn({ Origin: origin, "Sec-Fetch-Site": "same-origin" });
      expect(same.status).toBe(200);
      expect(JSON.parse(same.text)).toMatchObject({ username: "alice" });
    }
    const node = await signIn();
    expect(node.status).toBe(200);
    expect(node.headers["access-control-allow-origin"]).toBeUndefined();
  });

  test("a no-cors cross-site form POST (text/plain, or Sec-Fetch-Site cross-site without Origin) gets no token", async () => {
    const form = await request("POST", "/auth/dev/token", { "Content-Type": "text/plain;charset=UTF-8" }, '{"username":"alice"}');
    expect(form.status).toBe(415);
    expect(form.text).not.toMatch(/eyJ/);
    const crossSite = await signIn({ "Sec-Fetch-Site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await signIn({ "Sec-Fetch-Site": "same-site" })).status).toBe(403);
  });

  test("/auth/dev/users, /api/query|mutation|action, /health and preflights refuse other origins and send no CORS", async () => {
    const users = await request("GET", "/auth/dev/users", { Origin: EVIL });
    expect(users.status).toBe(403);
    for (const p of ["/api/query", "/api/mutation", "/api/action"]) {
      const call = await request("POST", p, { ...json, Origin: EVIL }, JSON.stringify({ path: "users:viewer", args: {} }));
      expect(call.status).toBe(403);
      const form = await request("POST", p, { "Content-Type": "text/plain" }, JSON.stringify({ path: "users:viewer", args: {} }));
      expect(form.status).toBe(415);
    }
    expect((await request("GET", "/health", { Origin: EVIL })).status).toBe(403);
    const preflight = await request("OPTIONS", "/auth/dev/token", { Origin: EVIL, "Access-Control-Request-Method": "POST" });
    expect(preflight.status).toBe(403);
    expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    const own = await request("GET", "/auth/dev/users", { Origin: backend.origin });
    expect(own.status).toBe(200);
    expect(own.headers["access-control-allow-origin"]).toBeUndefined();
    expect(own.headers["x-content-type-options"]).toBe("nosniff");
  });
});

describe("the sync WebSocket", () => {
  test("refused with 403 before the upgrade for another origin; open for its own origin and for Node (no Origin)", async () => {
    expect(await openSocket({ origin: EVIL })).toBe(403);
    expect(await openSocket({ origin: "null" })).toBe(403);
    expect(await openSocket({ origin: backend.origin })).toBe("open");
    expect(await openSocket({})).toBe("open");
  });
});

describe("Host (DNS rebinding)", () => {
  test("a foreign Host gets 421 on every route, HTTP and WebSocket; the loopback names on this port are served", async () => {
    const evilHost = { Host: `evil.example:${backend.port}` };
    for (const [method, p] of [
      ["GET", "/"],
      ["GET", "/conversations/1"],
      ["GET", "/health"],
      ["GET", "/auth/dev/users"],
      ["POST", "/auth/dev/token"],
      ["POST", "/api/query"],
      ["GET", "/api/storage/1"],
      ["POST", "/clerk-users-webhook"],
    ] as const) {
      const reply = await request(method, p, { ...json, ...evilHost }, method === "POST" ? JSON.stringify({ username: "alice" }) : undefined);
      expect(reply.status, `${method} ${p}`).toBe(421);
    }
    expect(await openSocket({ headers: evilHost })).toBe(421);
    // Same name, another port: not this server either.
    expect((await signIn({ Host: `127.0.0.1:${backend.port + 1}` })).status).toBe(421);
    for (const host of [`127.0.0.1:${backend.port}`, `localhost:${backend.port}`, `[::1]:${backend.port}`]) {
      expect((await signIn({ Host: host })).status, host).toBe(200);
    }
    expect(await openSocket({ headers: { Host: `localhost:${backend.port}` } })).toBe("open");
  });

  test("the policy is built from the port actually bound (PORT=0) and the HOST setting", () => {
    expect(backend.port).toBeGreaterThan(0);
    const lan = new OriginPolicy("192.168.1.20", 3210);
    expect(lan.acceptsHost("192.168.1.20:3210")).toBe(true);
    expect(lan.acceptsHost("localhost:3210")).toBe(true);
    expect(lan.acceptsHost("10.0.0.1:3210")).toBe(false);
    expect(lan.acceptsOrigin("http://192.168.1.20:3210")).toBe(true);
    expect(lan.acceptsOrigin("https://192.168.1.20:3210")).toBe(false);
    // A wildcard bind answers to any address (no DNS name, nothing to rebind) but to no name.
    const all = new OriginPolicy("0.0.0.0", 3210);
    expect(all.acceptsHost("10.0.0.5:3210")).toBe(true);
    expect(all.acceptsHost("[fe80::1]:3210")).toBe(true);
    expect(all.acceptsHost("evil.example:3210")).toBe(false);
    const named = new OriginPolicy("whispers.test", 80);
    expect(named.acceptsHost("whispers.test")).toBe(true);
    expect(named.acceptsOrigin("http://whispers.test")).toBe(true);
    expect(named.acceptsHost("whispers.test.evil.example")).toBe(false);
  });
});

describe("test pages (/__test/)", () => {
  test("served on the backend's own origin only when a caller gives them; a page there may open the sync socket", async () => {
    // The shared backend was started without test pages: /__test/ is no route of its own (the
    // app's shell when dist/ is built, else 404).
    const plain = await request("GET", "/__test/page");
    expect(plain.text).not.toBe("a test page");
    expect([200, 404]).toContain(plain.status);
    const withPages = await startTestBackend({
      testPages: (_req, res, url) => {
        if (url.pathname !== "/__test/page") return false;
        res.writeHead(200, { "Content-Type": "text/plain" }).end("a test page");
        return true;
      },
    });
    try {
      const page = await fetch(`${withPages.origin}/__test/page`);
      expect(page.status).toBe(200);
      expect(await page.text()).toBe("a test page");
      expect(await (await fetch(`${withPages.origin}/__test/other`)).text()).not.toBe("a test page");
      const own = new WebSocket(`${withPages.origin.replace("http:", "ws:")}/api/${CONVEX_VERSION}/sync`, { origin: withPages.origin });
      await new Promise<void>((resolve, reject) => {
        own.on("open", () => resolve());
        own.on("error", reject);
      });
      own.close();
    } finally {
      await withPages.cleanup();
    }
  });
});
