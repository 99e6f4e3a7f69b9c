// Web Push: subscriptions, the VAPID key, notification payloads (mystery shows nothing), and real delivery
// through web-push-testing's mock push service (encrypted payloads, 410 removes the subscription).
import { once } from "node:events";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import webpush from "web-push";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import { api, internal } from "./_generated/api";
import type { Id } from "./_generated/dataModel";
import { codeOf, newTest, type Person, person, type TestConvex } from "./test.setup";
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
  await new Promise((resolve) => setTimeout(resolve, 20));
  await t.finishInProgressScheduledFunctions();
}

const newId = () => crypto.randomUUID();
const send = (from: Person, to: Person, content: string, isMystery?: boolean) =>
  from.as.mutation(api.whispers.sendWhisper, { clientId: newId(), recipientId: to.id, content, isMystery });

const browserSubscription = (endpoint = "https://fcm.googleapis.com/fcm/send/abc123") => ({
  endpoint,
  keys: {
    p256dh: "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM",
    auth: "tBHItJI5svbpez7KI4CCXg",
  },
  userAgent: "Chromium test",
});

async function setup() {
  const t = newTest();
  return { t, alice: await person(t, "alice"), bob: await person(t, "bob") };
}

const token = (t: TestConvex, id: Id<"users">) =>
  t.run(async (ctx) => (await ctx.db.get("users", id))!.pushNotificationToken ?? null);
const subscriptions = (t: TestConvex) => t.run((ctx) => ctx.db.query("pushSubscriptions").collect());

describe("saveSubscription and removeSubscription", () => {
  test("upserts by endpoint and keeps pushNotificationToken on the latest endpoint", async () => {
    const { t, alice } = await setup();
    await alice.as.mutation(api.push.saveSubscription, browserSubscription());
    await alice.as.mutation(api.push.saveSubscription, { ...browserSubscription(), userAgent: "Updated" });
    expect(await subscriptions(t)).toMatchObject([{ userId: alice.id, userAgent: "Updated" }]);
    expect(await token(t, alice.id)).toBe(browserSubscription().endpoint);
    const second = browserSubscription("https://updates.push.services.mozilla.com/wpush/v2/second");
    await alice.as.mutation(api.push.saveSubscription, second);
    expect(await token(t, alice.id)).toBe(second.endpoint);
    const feed = await alice.as.query(api.sync.pull, { cursor: 0 });
    expect(feed.changes.map((c) => c.id)).toContain(alice.id);

    await alice.as.mutation(api.push.removeSubscription, { endpoint: second.endpoint });
    expect(await token(t, alice.id)).toBe(browserSubscription().endpoint);
    await alice.as.mutation(api.push.removeSubscription, { endpoint: browserSubscription().endpoint });
    expect(await token(t, alice.id)).toBeNull();
    expect(await subscriptions(t)).toEqual([]);
  });

  test("an endpoint saved by another account moves to it; nobody removes someone else's", async () => {
    const { t, alice, bob } = await setup();
    await alice.as.mutation(api.push.saveSubscription, browserSubscription());
    await bob.as.mutation(api.push.removeSubscription, { endpoint: browserSubscription().endpoint });
    expect(await subscriptions(t)).toHaveLength(1);

    await bob.as.mutation(api.push.saveSubscription, browserSubscription());
    expect(await subscriptions(t)).toMatchObject([{ userId: bob.id }]);
    expect(await token(t, bob.id)).toBe(browserSubscription().endpoint);
    expect(await token(t, alice.id)).toBeNull();
  });

  test("validates the subscription and requires a signed-in person", async () => {
    const { t, alice } = await setup();
    const bad = [
      { ...browserSubscription(), endpoint: "https://fcm.googleapis.com/" + "x".repeat(2000) },
      { ...browserSubscription(), userAgent: "u".repeat(501) },
      { ...browserSubscription(), keys: { p256dh: "bad key!", auth: "tBHItJI5svbpez7KI4CCXg" } },
      { ...browserSubscription(), keys: { p256dh: "BNcR", auth: "" } },
    ];
    for (const args of bad) expect(await codeOf(alice.as.mutation(api.push.saveSubscription, args))).toBe("INVALID");
    expect(await codeOf(t.mutation(api.push.saveSubscription, browserSubscription()))).toBe("UNAUTHENTICATED");
    expect(await codeOf(t.mutation(api.push.removeSubscription, { endpoint: "https://x.test" }))).toBe(
      "UNAUTHENTICATED",
    );
    expect(await subscriptions(t)).toEqual([]);
  });

  test("only a Web Push service's https endpoint: no other host, IP address, port, user info or plain http", async () => {
    const { t, alice } = await setup();
    const refused = [
      "not a url",
      "http://fcm.googleapis.com/fcm/send/x",
      "https://push.example.test/send/x",
      "https://127.0.0.1/x",
      "https://[::1]/x",
      "https://10.0.0.7/x",
      "https://192.168.1.1/x",
      "https://169.254.169.254/latest/meta-data",
      "https://0x7f.1/x",
      "https://localhost/x",
      "https://fcm.googleapis.com:8443/fcm/send/x",
      "https://fcm.googleapis.com:443@127.0.0.1/x",
      "https://user:secret@fcm.googleapis.com/fcm/send/x",
      "https://fcm.googleapis.com.evil.test/fcm/send/x",
      "https://evil.test/?host=fcm.googleapis.com",
      "https://evilnotify.windows.com/w/?token=x",
      "https://notify.windows.com.evil.test/w",
      "https://push.apple.com.evil.test/x",
      "ftp://fcm.googleapis.com/x",
    ];
    for (const endpoint of refused) {
      const call = alice.as.mutation(api.push.saveSubscription, browserSubscription(endpoint));
      expect(await codeOf(call), endpoint).toBe("INVALID");
    }
    expect(await subscriptions(t)).toEqual([]);
    const accepted = [
      "https://fcm.googleapis.com/fcm/send/abc:def",
      "https://fcm.googleapis.com:443/wp/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/gAAAA",
      "https://push.services.mozilla.com/wpush/v1/gAAAA",
      "https://web.push.apple.com/QGx4Y2",
      "https://wns2-par02p.notify.windows.com/w/?token=BQYAAAD",
    ];
    for (const endpoint of accepted) await alice.as.mutation(api.push.saveSubscription, browserSubscription(endpoint));
    expect((await subscriptions(t)).map((row) => row.endpoint).sort()).toEqual([...accepted].sort());
  });

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

  test("keys must be able to encrypt: a 65-byte uncompressed P-256 key and a 16-byte auth secret", async () => {
    const { t, alice } = await setup();
    const b64url = (bytes: number[]) => Buffer.from(bytes).toString("base64url");
    const point = [4, ...Array.from({ length: 64 }, (_, i) => i + 1)];
    const good = { p256dh: b64url(point), auth: b64url(Array.from({ length: 16 }, (_, i) => i)) };
    const refused = [
      { ...good, p256dh: b64url(point.slice(0, 33)) }, // a compressed point's length
      { ...good, p256dh: b64url([2, ...point.slice(1)]) }, // not uncompressed
      { ...good, p256dh: b64url([...point, 0]) },
      { ...good, p256dh: good.p256dh.slice(0, -1) + "!" },
      { ...good, auth: b64url(Array.from({ length: 15 }, () => 1)) },
      { ...good, auth: b64url(Array.from({ length: 32 }, () => 1)) },
      { ...good, auth: "" },
    ];
    for (const keys of refused) {
      expect(await codeOf(alice.as.mutation(api.push.saveSubscription, { ...browserSubscription(), keys })), JSON.stringify(keys)).toBe("INVALID");
    }
    await alice.as.mutation(api.push.saveSubscription, { ...browserSubscription(), keys: { ...good, p256dh: good.p256dh + "=" } });
    expect(await subscriptions(t)).toHaveLength(1);
  });

  test("a person keeps at most 10 subscriptions: another replaces the least recently saved", async () => {
    const { t, alice, bob } = await setup();
    vi.useFakeTimers({ toFake: ["Date"] });
    const endpoint = (i: number) => `https://fcm.googleapis.com/fcm/send/device-${i}`;
    for (let i = 0; i < 10; i++) {
      vi.setSystemTime(1_000_000 + i * 1000);
      await alice.as.mutation(api.push.saveSubscription, browserSubscription(endpoint(i)));
    }
    vi.setSystemTime(1_100_000);
    await alice.as.mutation(api.push.saveSubscription, browserSubscription(endpoint(0))); // refreshed: now the newest
    vi.setSystemTime(1_200_000);
    await alice.as.mutation(api.push.saveSubscription, browserSubscription(endpoint(10)));
    vi.setSystemTime(1_300_000);
    await bob.as.mutation(api.push.saveSubscription, browserSubscription(endpoint(99)));
    vi.useRealTimers();
    const mine = (await subscriptions(t)).filter((row) => row.userId === alice.id).map((row) => row.endpoint);
    expect(mine.sort()).toEqual([0, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(endpoint).sort());
    expect(await token(t, alice.id)).toBe(endpoint(10));
    expect(await subscriptions(t)).toHaveLength(11);
  });
});

describe("vapidPublicKey", () => {
  test("null until configured, then the key, even signed out", async () => {
    const t = newTest();
    vi.stubEnv("VAPID_PUBLIC_KEY", undefined);
    expect(await t.query(api.push.vapidPublicKey, {})).toBeNull();
    vi.stubEnv("VAPID_PUBLIC_KEY", "BPublicKey");
    expect(await t.query(api.push.vapidPublicKey, {})).toBe("BPublicKey");
  });
});

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
