// Web Push delivery: notification payloads (mystery shows nothing) and real delivery through
// web-push-testing's mock push service (encrypted payloads, 410 removes the subscription, loopback and
// redirects refused). Saving subscriptions and the VAPID key: push.subscriptions.test.ts.
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import webpush from "web-push";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { api, internal } from "../_generated/api";
import { codeOf, newTest, scheduledDone, type Person, person, type TestConvex } from "./test.setup";
import { upload } from "./uploads.fixtures";

// web-push-testing has no typings and its package "main" points at a missing file: load its parts directly.
type PushApiModel = { notifyUrl: string };
type TestingServer = { _app: { listen(port: number, host: string): Server }; setRequestHandlers(): void };
const load = createRequire(import.meta.url);
const { PushApiModel } = load("web-push-testing/src/PushApiModel.js") as { PushApiModel: new () => PushApiModel };
const WebPushTestingServer = load("web-push-testing/src/server.js") as new (
  model: PushApiModel,
  port: number,
) => TestingServer;

let server: Server;
let base = "";

beforeAll(async () => {
  const model = new PushApiModel();
  const testing = new WebPushTestingServer(model, 0);
  testing.setRequestHandlers();
  server = testing._app.listen(0, "127.0.0.1");
  await once(server, "listening");
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  model.notifyUrl = `${base}/notify/`;
});

afterAll(async () => {
  server.close();
  await once(server, "close");
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

async function post<T>(path: string, body?: object): Promise<{ status: number; json: T }> {
  const response = await fetch(base + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    json: (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as T,
  };
}

type MockSubscription = { endpoint: string; keys: { p256dh: string; auth: string }; clientHash: string };

/**
 * VAPID keys in the environment and a browser-like subscription at the mock push service, whose
 * origin (http on loopback) is allowed only through the test-only WHISPERS_PUSH_TEST_ENDPOINTS.
 */
async function pushReady(): Promise<MockSubscription> {
  const vapid = webpush.generateVAPIDKeys();
  vi.stubEnv("VAPID_PUBLIC_KEY", vapid.publicKey);
  vi.stubEnv("VAPID_PRIVATE_KEY", vapid.privateKey);
  vi.stubEnv("VAPID_SUBJECT", "mailto:push@whispers.test");
  vi.stubEnv("WHISPERS_PUSH_TEST_ENDPOINTS", base);
  const { json } = await post<{ data: MockSubscription }>("/subscribe", { applicationServerKey: vapid.publicKey });
  return json.data;
}

/** Saves the mock subscription as `owner`'s, through push:saveSubscription. */
const subscribeAt = (owner: Person, sub: MockSubscription) =>
  owner.as.mutation(api.push.saveSubscription, { endpoint: sub.endpoint, keys: sub.keys });

/** Stores a subscription row as it is, as one saved before today's checks would be. */
const storeRaw = (t: TestConvex, owner: Person, sub: MockSubscription, endpoint = sub.endpoint) =>
  t.run((ctx) =>
    ctx.db.insert("pushSubscriptions", {
      userId: owner.id,
      endpoint,
      p256dh: sub.keys.p256dh,
      auth: sub.keys.auth,
      updatedAt: Date.now(),
    }),
  );

async function received(sub: MockSubscription): Promise<string[]> {
  const { json } = await post<{ data: { messages: string[] } }>("/get-notifications", { clientHash: sub.clientHash });
  return json.data.messages;
}

/** Lets the push job scheduled by a send run to completion. */
async function settle(t: TestConvex) {
  await scheduledDone(t);
}

const newId = () => crypto.randomUUID();
const send = (from: Person, to: Person, content: string, isMystery?: boolean) =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content, isMystery });

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

const subscriptions = (t: TestConvex) => t.run((ctx) => ctx.db.query("pushSubscriptions").collect());

describe("notification payloads", () => {
  test("names the sender and previews the whisper", async () => {
    const { t, alice, bob } = await setup();
    await t.run((ctx) =>
      ctx.db.insert("pushSubscriptions", {
        userId: bob.id,
        endpoint: "https://p.test/1",
        p256dh: "k",
        auth: "a",
        updatedAt: 0,
      }),
    );
    const { whisperId, conversationId } = await send(alice, bob, "x".repeat(500));
    const context = await t.query(internal.push.notificationContext, { whisperId });
    expect(context!.payload).toMatchObject({
      title: "Alice",
      conversationId,
      tag: conversationId,
      url: `/c/${conversationId}`,
      unreadCount: 1,
    });
    expect(context!.payload.body.length).toBeLessThanOrEqual(120);
    expect(context!.subscriptions).toEqual([{ endpoint: "https://p.test/1", keys: { p256dh: "k", auth: "a" } }]);

    const voice = await alice.as.mutation(api.whispers.sendVoiceWhisper, {
      clientId: newId(),
      conversationId,
      audioStorageId: await upload(t, alice, "voice"),
      audioDuration: 3,
      isVoiceModulated: true,
    });
    const image = await alice.as.mutation(api.whispers.sendWhisper, {
      clientId: newId(),
      conversationId,
      content: "",
      imageStorageId: await upload(t, alice, "image"),
    });
    expect((await t.query(internal.push.notificationContext, { whisperId: voice.whisperId }))!.payload.body).toBe(
      "🎤 Voice whisper",
    );
    expect((await t.query(internal.push.notificationContext, { whisperId: image.whisperId }))!.payload).toMatchObject({
      body: "📷 Image",
      unreadCount: 3,
    });
    await settle(t);
  });

  test("a mystery whisper's notification names nobody and shows no content", async () => {
    const { t, alice, bob } = await setup();
    await t.run((ctx) =>
      ctx.db.insert("pushSubscriptions", {
        userId: bob.id,
        endpoint: "https://p.test/1",
        p256dh: "k",
        auth: "a",
        updatedAt: 0,
      }),
    );
    const { whisperId } = await send(alice, bob, "secret admirer", true);
    const { payload } = (await t.query(internal.push.notificationContext, { whisperId }))!;
    expect(payload).toMatchObject({ title: "Someone whispered you", body: "" });
    const json = JSON.stringify(payload);
    for (const trace of [alice.id, "alice", "Alice", "secret admirer"]) expect(json).not.toContain(trace);
    await settle(t);
  });

  test("nothing to send: no subscription, a deleted whisper, a banned recipient", async () => {
    const { t, alice, bob } = await setup();
    const { whisperId } = await send(alice, bob, "hi");
    expect(await t.query(internal.push.notificationContext, { whisperId })).toBeNull();
    await t.run((ctx) =>
      ctx.db.insert("pushSubscriptions", {
        userId: bob.id,
        endpoint: "https://p.test/1",
        p256dh: "k",
        auth: "a",
        updatedAt: 0,
      }),
    );
    expect(await t.query(internal.push.notificationContext, { whisperId })).not.toBeNull();
    await t.run((ctx) => ctx.db.patch("users", bob.id, { isBanned: true }));
    expect(await t.query(internal.push.notificationContext, { whisperId })).toBeNull();
    await t.run((ctx) => ctx.db.patch("users", bob.id, { isBanned: false }));
    await alice.as.mutation(api.whispers.deleteWhisper, { whisperId });
    expect(await t.query(internal.push.notificationContext, { whisperId })).toBeNull();
    await settle(t);
  });
});

describe("sendWhisperNotification through a mock push service", () => {
  test("the mock push service's loopback origin is refused unless the test-only setting names it", async () => {
    const { t, alice } = await setup();
    const sub = await pushReady();
    vi.stubEnv("WHISPERS_PUSH_TEST_ENDPOINTS", undefined);
    expect(await codeOf(subscribeAt(alice, sub))).toBe("INVALID");
    vi.stubEnv("WHISPERS_PUSH_TEST_ENDPOINTS", "http://127.0.0.1:1");
    expect(await codeOf(subscribeAt(alice, sub))).toBe("INVALID");
    vi.stubEnv("WHISPERS_PUSH_TEST_ENDPOINTS", base);
    expect(await codeOf(subscribeAt(alice, sub))).toBe("OK");
    expect(await subscriptions(t)).toHaveLength(1);
  });

  test("a delivered whisper reaches the recipient's device, encrypted and decrypted intact", async () => {
    const { t, alice, bob } = await setup();
    const sub = await pushReady();
    await subscribeAt(bob, sub);
    const { whisperId, conversationId } = await send(alice, bob, "hello bob");
    await settle(t);
    const messages = await received(sub);
    expect(messages).toHaveLength(1);
    expect(JSON.parse(messages[0])).toEqual({
      title: "Alice",
      body: "hello bob",
      conversationId,
      whisperId,
      tag: conversationId,
      url: `/c/${conversationId}`,
      unreadCount: 1,
    });
    expect(await t.action(internal.pushNode.sendWhisperNotification, { whisperId })).toEqual({ sent: 1, removed: 0 });
    expect(await received(sub)).toHaveLength(2);
  });

  test("a mystery whisper's notification carries no trace of its sender", async () => {
    const { t, alice, bob } = await setup();
    const sub = await pushReady();
    await subscribeAt(bob, sub);
    await send(alice, bob, "secret admirer", true);
    await settle(t);
    const [message] = await received(sub);
    expect(JSON.parse(message)).toMatchObject({ title: "Someone whispered you", body: "" });
    for (const trace of [alice.id, "alice", "Alice", "secret admirer"]) expect(message).not.toContain(trace);
  });

  test("a 410 from the push service removes that subscription", async () => {
    const { t, alice, bob } = await setup();
    const sub = await pushReady();
    await subscribeAt(bob, sub);
    const { whisperId } = await send(alice, bob, "hi");
    await settle(t);
    expect((await post(`/expire-subscription/${sub.clientHash}`)).status).toBe(200);
    expect(await t.action(internal.pushNode.sendWhisperNotification, { whisperId })).toEqual({ sent: 0, removed: 1 });
    expect(await subscriptions(t)).toEqual([]);
  });

  test("a stored subscription is checked again before sending: a loopback service saved before the checks gets nothing", async () => {
    const { t, alice, bob } = await setup();
    const sub = await pushReady();
    vi.stubEnv("WHISPERS_PUSH_TEST_ENDPOINTS", undefined);
    await storeRaw(t, bob, sub);
    await storeRaw(t, bob, { ...sub, keys: { p256dh: "k", auth: "a" } }, "https://fcm.googleapis.com/fcm/send/bad-keys");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    const { whisperId } = await send(alice, bob, "hi");
    await settle(t);
    expect(await t.action(internal.pushNode.sendWhisperNotification, { whisperId })).toEqual({ sent: 0, removed: 0 });
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(warn.mock.calls.map((call) => String(call[0]))).toEqual(
      expect.arrayContaining([expect.stringContaining("https URL"), expect.stringContaining("p256dh")]),
    );
    expect(await received(sub)).toEqual([]);
  });

  test("a redirect from the push endpoint is not followed", async () => {
    const { t, alice, bob } = await setup();
    const sub = await pushReady();
    const landed: string[] = [];
    // A push endpoint that answers 303 See Other towards an internal address (its own /internal path here).
    const redirector = createServer((request, response) => {
      if (request.url === "/internal") {
        landed.push(request.method ?? "");
        response.writeHead(201).end();
      } else response.writeHead(303, { Location: "/internal" }).end();
    }).listen(0, "127.0.0.1");
    await once(redirector, "listening");
    try {
      const redirectOrigin = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
      vi.stubEnv("WHISPERS_PUSH_TEST_ENDPOINTS", `${base}, ${redirectOrigin}`);
      await subscribeAt(bob, { ...sub, endpoint: `${redirectOrigin}/push/x` });
      const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
      const { whisperId } = await send(alice, bob, "hi");
      await settle(t);
      expect(await t.action(internal.pushNode.sendWhisperNotification, { whisperId })).toEqual({ sent: 0, removed: 0 });
      expect(warn).toHaveBeenCalled();
      expect(landed).toEqual([]);
    } finally {
      redirector.close();
      await once(redirector, "close");
    }
  });

  test("without VAPID keys it skips quietly, warning at most once", async () => {
    const { t, alice, bob } = await setup();
    const sub = await pushReady();
    vi.stubEnv("VAPID_PRIVATE_KEY", undefined);
    await subscribeAt(bob, sub);
    const { whisperId } = await send(alice, bob, "hi");
    await settle(t);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    for (let i = 0; i < 2; i++) {
      expect(await t.action(internal.pushNode.sendWhisperNotification, { whisperId })).toEqual({ sent: 0, removed: 0 });
    }
    expect(warn.mock.calls.length).toBeLessThanOrEqual(1);
    expect(await received(sub)).toEqual([]);
    expect(await subscriptions(t)).toHaveLength(1);
  });
});
