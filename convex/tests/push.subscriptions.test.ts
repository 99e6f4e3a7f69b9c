// Web Push subscriptions: saving and removing them (one owner per endpoint, only Web Push services'
// https endpoints with keys that can encrypt, at most 10 per person) and the public VAPID key.
import { afterEach, describe, expect, test, vi } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { codeOf, newTest, person, type TestConvex } from "./test.setup";

afterEach(() => {
  vi.unstubAllEnvs();
});

/** A subscription as a browser's PushManager gives it (an FCM endpoint, full-size keys). */
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
    const feed = await alice.as.query(api.sync.pull, { cursor: "" });
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
