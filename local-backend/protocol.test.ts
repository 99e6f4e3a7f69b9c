// The stock ConvexClient and ConvexHttpClient against the local backend: live queries, errors, auth, visibility.
import fs from "node:fs";
import { ConvexClient } from "convex/browser";
import { anyApi } from "convex/server";
import { ConvexError } from "convex/values";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket } from "./ws";
import { DevAuth } from "./auth/devAuth";
import { httpClient, nextValue, startTestBackend, tempDataDir, wsClient, type TestBackend } from "./testing/harness";
import { CONVEX_VERSION } from "./server";

const api = anyApi;
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

type Profile = { _id: string; mood?: string; moodJournal: unknown[] } | null;

describe("live queries", () => {
  test("a subscription sees a mutation made over HTTP, and a WebSocket mutation resolves after its effect is visible", async () => {
    const client = wsClient(backend, "alice");
    try {
      await nextValue<Profile>(client, api.users.me, {}, (p) => p === null);
      const http = await httpClient(backend, "alice");
      const created = (await http.mutation(api.users.ensureViewer, {})) as { _id: string };
      const seen = await nextValue<Profile>(client, api.users.me, {}, (p) => p !== null);
      expect(seen?._id).toBe(created._id);

      let latest: Profile = null;
      const unsubscribe = client.onUpdate(api.users.me, {}, (p: Profile) => (latest = p));
      await client.mutation(api.users.setMood, { mood: "calm" });
      // The client resolves a mutation only once a Transition covering its timestamp arrived.
      expect(latest).not.toBeNull();
      expect(latest!.mood).toBe("calm");
      unsubscribe();
    } finally {
      await client.close();
    }
  });

  test("queries other users are subscribed to are not re-run by unrelated commits", async () => {
    const bob = wsClient(backend, "bob");
    try {
      await bob.mutation(api.users.ensureViewer, {});
      await nextValue<Profile>(bob, api.users.me, {}, (p) => p !== null);
      const runsBefore = backend.registry.runs;
      const carol = await httpClient(backend, "carol");
      await carol.mutation(api.users.ensureViewer, {});
      await carol.mutation(api.users.setMood, { mood: "tired" });
      await new Promise((resolve) => setTimeout(resolve, 100));
      // bob's `me` reads the users index range for his own clerkId only.
      expect(backend.registry.runs - runsBefore).toBe(0);
    } finally {
      await bob.close();
    }
  });

  test("an idle client is sent nothing for others' commits; its own mutation still resolves with its effect visible", async () => {
    const transitions: string[] = [];
    class CountingWebSocket extends WebSocket {
      constructor(...args: ConstructorParameters<typeof WebSocket>) {
        super(...args);
        this.on("message", (data: Buffer) => {
          const message = JSON.parse(data.toString()) as { type: string };
          if (message.type === "Transition") transitions.push(data.toString());
        });
      }
    }
    const erin = new ConvexClient(backend.origin, {
      webSocketConstructor: CountingWebSocket as unknown as typeof globalThis.WebSocket,
      skipConvexDeploymentUrlCheck: true,
      unsavedChangesWarning: false,
    });
    erin.setAuth(async () => await backend.auth.issue("erin"));
    try {
      await erin.mutation(api.users.ensureViewer, {});
      await nextValue<Profile>(erin, api.users.me, {}, (p) => p !== null);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const before = transitions.length;
      const frank = await httpClient(backend, "frank");
      await frank.mutation(api.users.ensureViewer, {});
      for (const mood of ["calm", "tired", "happy"]) await frank.mutation(api.users.setMood, { mood });
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(transitions.slice(before)).toEqual([]);

      let latest: Profile = null;
      const unsubscribe = erin.onUpdate(api.users.me, {}, (p: Profile) => (latest = p));
      await erin.mutation(api.users.setMood, { mood: "curious" });
      expect(latest!.mood).toBe("curious");
      unsubscribe();
    } finally {
      await erin.close();
    }
  });
});

describe("errors", () => {
  test("a ConvexError's data reaches both clients intact, from mutations and queries", async () => {
    const client = wsClient(backend, "dave");
    const http = await httpClient(backend, "dave");
    try {
      await http.mutation(api.users.ensureViewer, {});
      const fromWs = await client.mutation(api.users.setMood, { mood: "" }).catch((e: unknown) => e);
      expect(fromWs).toBeInstanceOf(ConvexError);
      expect((fromWs as ConvexError<{ code: string }>).data.code).toBe("INVALID");
      const fromHttp = await http.mutation(api.users.setMood, { mood: "" }).catch((e: unknown) => e);
      expect(fromHttp).toBeInstanceOf(ConvexError);
      expect((fromHttp as ConvexError<{ code: string }>).data.code).toBe("INVALID");
      const queryError = await nextValue(client, api.sync.pull, { cursor: "-1" }, () => true).catch((e: unknown) => e);
      expect(queryError).toBeInstanceOf(ConvexError);
      expect((queryError as ConvexError<{ code: string; message: string }>).data).toMatchObject({ code: "INVALID" });
    } finally {
      await client.close();
    }
  });

  test("internal functions are refused to clients", async () => {
    const http = await httpClient(backend);
    await expect(http.mutation(anyApi.sync.pruneClientOps, {})).rejects.toThrow(/Could not find public function/);
    await expect(http.mutation(anyApi.admin.bootstrapSuperAdmin, { username: "x" })).rejects.toThrow(/Could not find public function/);
    const client = wsClient(backend);
    try {
      await expect(client.mutation(anyApi.admin.bootstrapSuperAdmin, { username: "x" })).rejects.toThrow(/Could not find public function/);
      await expect(client.query(anyApi.push.notificationContext, {})).rejects.toThrow(/Could not find public function/);
    } finally {
      await client.close();
    }
  });
});

/** A raw protocol session: Connect, then Authenticate with `token`; resolves with the server's answer. */
async function authenticateRaw(token: string): Promise<Record<string, unknown>> {
  const ws = new WebSocket(`${backend.origin.replace("http", "ws")}/api/${CONVEX_VERSION}/sync`);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  try {
    const answer = new Promise<Record<string, unknown>>((resolve) =>
      ws.on("message", (data) => {
        const message = JSON.parse(data.toString()) as Record<string, unknown>;
        if (message.type !== "Ping") resolve(message);
      }),
    );
    ws.send(JSON.stringify({ type: "Connect", sessionId: "raw", connectionCount: 0, lastCloseReason: null, clientTs: Date.now() }));
    ws.send(JSON.stringify({ type: "Authenticate", tokenType: "User", value: token, baseVersion: 0 }));
    return await answer;
  } finally {
    ws.close();
  }
}

describe("auth", () => {
  test("a dev token is accepted and gives functions the identity", async () => {
    const answer = await authenticateRaw(await backend.auth.issue("erin"));
    expect(answer).toMatchObject({ type: "Transition", endVersion: { identity: 1 } });
    const verified = await backend.auth.verify(await backend.auth.issue("erin"));
    expect(verified).toMatchObject({
      ok: true,
      identity: {
        subject: "dev|erin",
        issuer: backend.origin,
        tokenIdentifier: `${backend.origin}|dev|erin`,
        email: "erin@whispers.local",
        nickname: "erin",
      },
    });
  });

  test("a token signed by another key, or expired, gets AuthError with the reason", async () => {
    const otherDir = tempDataDir();
    const stranger = await DevAuth.open(otherDir, backend.origin);
    fs.rmSync(otherDir, { recursive: true, force: true });
    expect(await authenticateRaw(await stranger.issue("alice"))).toMatchObject({
      type: "AuthError",
      error: "Could not verify token signature",
      authUpdateAttempted: true,
      baseVersion: 0,
    });
    const expired = await backend.auth.issue("alice", { expiresInSeconds: -60 });
    expect(await authenticateRaw(expired)).toMatchObject({ type: "AuthError", error: "Token expired" });
    const http = await httpClient(backend);
    http.setAuth(expired);
    await expect(http.query(api.users.me, {})).rejects.toThrow(/Token expired/);
  });

  test("POST /auth/dev/token returns a token; /auth/dev/users lists the demo accounts", async () => {
    const response = await fetch(`${backend.origin}/auth/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "Alice" }) });
    const { token } = (await response.json()) as { token: string };
    const verified = await backend.auth.verify(token);
    expect(verified.ok && verified.identity.subject).toBe("dev|alice");
    const bad = await fetch(`${backend.origin}/auth/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ username: "no spaces" }) });
    expect(bad.status).toBe(400);
    const users = (await (await fetch(`${backend.origin}/auth/dev/users`)).json()) as { users: string[]; accounts: { username: string }[] };
    expect(users.users).toEqual(["alice", "bob", "carol", "dave", "erin", "admin"]);
    expect(users.accounts.map((u) => u.username)).toEqual(users.users);
    expect(await bad.text()).toMatch(/^A sign-in name is/);
    const health = (await (await fetch(`${backend.origin}/health`)).json()) as { ok: boolean; convexVersion: string };
    expect(health).toMatchObject({ ok: true, convexVersion: CONVEX_VERSION });
  });
});
