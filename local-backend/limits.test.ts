// Per-connection limits of the sync protocol and hostile arguments: repeated queries, too many queries, deep or malformed args.
import { anyApi } from "convex/server";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { WebSocket } from "./ws";
import { MAX_QUERIES_PER_CONNECTION } from "./protocol/connection";
import { CONVEX_VERSION } from "./server";
import { httpClient, startTestBackend, type TestBackend } from "./testing/harness";

const api = anyApi;
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

type Message = Record<string, unknown> & { type: string };
type Modification = { type: string; queryId: number; value?: unknown; errorMessage?: string; errorData?: { code: string; message: string } };
type Transition = Message & { endVersion: { querySet: number; identity: number }; modifications: Modification[] };

/** A raw protocol session (no client library): Connect, then Authenticate as `username`. */
class RawSession {
  private readonly received: Message[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on("message", (data: Buffer) => {
      const message = JSON.parse(data.toString()) as Message;
      if (message.type === "Ping") return;
      this.received.push(message);
      for (const wake of this.waiters.splice(0)) wake();
    });
  }

  static async open(username: string): Promise<RawSession> {
    const ws = new WebSocket(`${backend.origin.replace("http", "ws")}/api/${CONVEX_VERSION}/sync`);
    await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
    const session = new RawSession(ws);
    session.send(JSON.stringify({ type: "Connect", sessionId: `raw-${username}`, connectionCount: 0, lastCloseReason: null, clientTs: Date.now() }));
    session.send(JSON.stringify({ type: "Authenticate", tokenType: "User", value: await backend.auth.issue(username), baseVersion: 0 }));
    await session.next<Transition>((m) => m.type === "Transition" && m.endVersion.identity === 1);
    return session;
  }

  send(raw: string): void {
    this.ws.send(raw);
  }

  /** The first message (received so far or later) that satisfies `predicate`; it is consumed. */
  async next<T extends Message>(predicate: (message: T) => boolean, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const index = this.received.findIndex((m) => predicate(m as T));
      if (index !== -1) return this.received.splice(index, 1)[0] as T;
      if (Date.now() > deadline) throw new Error("no such message");
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** Sends a ModifyQuerySet and resolves with its Transition. */
  async modify(baseVersion: number, modifications: object[]): Promise<Transition> {
    this.send(JSON.stringify({ type: "ModifyQuerySet", baseVersion, newVersion: baseVersion + 1, modifications }));
    return await this.next<Transition>((m) => m.type === "Transition" && m.endVersion.querySet === baseVersion + 1);
  }

  close(): void {
    this.ws.close();
  }
}

/** A distinct well-formed feed position per number (distinct arguments: distinct queries). */
const position = (n: number) => `${String(n).padStart(20, "0")}:x`;
const pull = (queryId: number, cursor = "") => ({ type: "Add", queryId, udfPath: "sync:pull", args: [{ cursor }] });

describe("per connection", () => {
  test("2,000 identical subscriptions: evaluated once, the result travels once; the repeats are refused and the connection goes on", async () => {
    const alice = await httpClient(backend, "alice");
    await alice.mutation(api.users.ensureViewer, {});
    for (const mood of ["calm", "tired", "hopeful"]) await alice.mutation(api.users.setMood, { mood });
    const session = await RawSession.open("alice");
    try {
      const runs = backend.registry.runs;
      const added = await session.modify(
        0,
        Array.from({ length: 2000 }, (_, i) => pull(i)),
      );
      expect(backend.registry.runs - runs).toBe(1);
      const updated = added.modifications.filter((m) => m.type === "QueryUpdated");
      expect(updated.map((m) => m.queryId)).toEqual([0]);
      const repeats = added.modifications.filter((m) => m.type === "QueryFailed");
      expect(repeats).toHaveLength(1999);
      expect(repeats[0].errorData).toEqual({
        code: "INVALID",
        message: "Query 1 repeats query 0 (sync:pull with the same arguments) on this connection: subscribe to a query once and share its result.",
      });
      // A change to alice's feed: one run, one copy of the new result.
      const runsBefore = backend.registry.runs;
      await alice.mutation(api.users.setMood, { mood: "curious" });
      const changed = await session.next<Transition>((m) => m.type === "Transition" && m.modifications.length > 0);
      expect(changed.modifications.map((m) => [m.type, m.queryId])).toEqual([["QueryUpdated", 0]]);
      expect(backend.registry.runs - runsBefore).toBe(1);
      // Once the original is removed, the same query may be added under a new id.
      const again = await session.modify(1, [{ type: "Remove", queryId: 0 }, pull(5000)]);
      expect(again.modifications.map((m) => [m.type, m.queryId])).toEqual([
        ["QueryRemoved", 0],
        ["QueryUpdated", 5000],
      ]);
    } finally {
      session.close();
    }
  });

  test(`past ${MAX_QUERIES_PER_CONNECTION} queries an added one fails with a clear error; removing one makes room; mutations still work`, async () => {
    const bob = await httpClient(backend, "bob");
    await bob.mutation(api.users.ensureViewer, {});
    const session = await RawSession.open("bob");
    try {
      const added = await session.modify(
        0,
        Array.from({ length: MAX_QUERIES_PER_CONNECTION + 1 }, (_, i) => pull(i, position(i))),
      );
      expect(added.modifications.filter((m) => m.type === "QueryUpdated")).toHaveLength(MAX_QUERIES_PER_CONNECTION);
      const over = added.modifications.find((m) => m.queryId === MAX_QUERIES_PER_CONNECTION)!;
      expect(over.type).toBe("QueryFailed");
      expect(over.errorData).toEqual({
        code: "LIMIT_REACHED",
        message: `This connection already has ${MAX_QUERIES_PER_CONNECTION} queries, the most one connection may subscribe to: remove some before adding sync:pull.`,
      });
      const room = await session.modify(1, [{ type: "Remove", queryId: 0 }, pull(9000, position(9000))]);
      expect(room.modifications.map((m) => [m.type, m.queryId])).toEqual([
        ["QueryRemoved", 0],
        ["QueryUpdated", 9000],
      ]);
      session.send(JSON.stringify({ type: "Mutation", requestId: 1, udfPath: "users:setMood", args: [{ mood: "calm" }] }));
      expect(await session.next((m) => m.type === "MutationResponse")).toMatchObject({ requestId: 1, success: true });
    } finally {
      session.close();
    }
  }, 60_000);
});

/** The JSON text of arguments nested `levels` levels deep: the arguments object, then arrays inside `mood`. */
function nestedArgs(levels: number): string {
  return `{"mood":${"[".repeat(levels - 1)}${"]".repeat(levels - 1)}}`;
}

const tooDeep = { code: "INVALID", message: "The arguments are nested more than 64 levels deep." };

describe("deep or malformed arguments", () => {
  test("over the WebSocket: mutations, actions and queries get ConvexError INVALID, not a stack overflow", async () => {
    const carol = await httpClient(backend, "carol");
    await carol.mutation(api.users.ensureViewer, {});
    const session = await RawSession.open("carol");
    try {
      const calls = [
        ["Mutation", "users:setMood", nestedArgs(5000)],
        ["Action", "files:registerUpload", nestedArgs(5000)],
        ["Mutation", "users:setMood", nestedArgs(65)],
      ] as const;
      for (const [i, [type, udfPath, args]] of calls.entries()) {
        session.send(`{"type":"${type}","requestId":${10 + i},"udfPath":"${udfPath}","args":[${args}]}`);
        const answer = await session.next<Message & { success: boolean; errorData?: unknown }>((m) => m.type === `${type}Response` && m.requestId === 10 + i);
        expect(answer.success, udfPath).toBe(false);
        expect(answer.errorData, udfPath).toEqual(tooDeep);
      }
      // 64 levels pass the depth check and reach the function's validator.
      session.send(`{"type":"Mutation","requestId":20,"udfPath":"users:setMood","args":[${nestedArgs(64)}]}`);
      const validated = await session.next<Message & { success: boolean; result: string; errorData?: unknown }>((m) => m.type === "MutationResponse" && m.requestId === 20);
      expect(validated.success).toBe(false);
      expect(validated.errorData).toBeUndefined();
      expect(validated.result).toMatch(/Validator error/);

      const adds = [
        `{"type":"Add","queryId":1,"udfPath":"sync:pull","args":[${nestedArgs(5000).replace('"mood"', '"cursor"')}]}`,
        `{"type":"Add","queryId":2,"udfPath":"sync:pull","args":[{"cursor":{"$bytes":5}}]}`,
        `{"type":"Add","queryId":3,"udfPath":"sync:pull","args":[[0]]}`,
        `{"type":"Add","queryId":4,"udfPath":"sync:pull","args":[{"cursor":""}]}`,
      ];
      session.send(`{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[${adds.join(",")}]}`);
      const transition = await session.next<Transition>((m) => m.type === "Transition" && m.endVersion.querySet === 1);
      const byId = new Map(transition.modifications.map((m) => [m.queryId, m]));
      expect(byId.get(1)).toMatchObject({ type: "QueryFailed", errorData: tooDeep });
      expect(byId.get(2)).toMatchObject({ type: "QueryFailed", errorData: { code: "INVALID", message: expect.stringMatching(/^The arguments are not valid Convex values: /) } });
      expect(byId.get(3)).toMatchObject({ type: "QueryFailed", errorData: { code: "INVALID", message: "The arguments to a Convex function must be an object." } });
      expect(byId.get(4)?.type).toBe("QueryUpdated");
    } finally {
      session.close();
    }
  });

  test("a call whose arguments are not an array is refused as a protocol error (FatalError) instead of running with {}", async () => {
    const session = await RawSession.open("carol");
    try {
      session.send(JSON.stringify({ type: "Mutation", requestId: 1, udfPath: "users:setMood", args: { mood: "calm" } }));
      expect(await session.next((m) => m.type === "FatalError")).toEqual({ type: "FatalError", error: "Could not parse client message" });
    } finally {
      session.close();
    }
    expect((await fetch(`${backend.origin}/health`)).status).toBe(200);
  });

  test("over HTTP: /api/mutation, /api/query and /api/action answer ConvexError INVALID", async () => {
    const token = await backend.auth.issue("carol");
    for (const [endpoint, path] of [
      ["mutation", "users:setMood"],
      ["query", "sync:pull"],
      ["action", "files:registerUpload"],
    ]) {
      const response = await fetch(`${backend.origin}/api/${endpoint}`, {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        body: `{"path":"${path}","format":"convex_encoded_json","args":[${nestedArgs(5000)}]}`,
      });
      expect(response.status, endpoint).toBe(560);
      expect(((await response.json()) as { errorData?: unknown }).errorData, endpoint).toEqual(tooDeep);
    }
    expect((await fetch(`${backend.origin}/health`)).status).toBe(200);
  });
});
