// Web Push on the page against a fake PushManager: enable, disable, renew, and the iOS/permission rules.
import { describe, expect, it, vi } from "vitest";
import {
  disablePush,
  enablePush,
  isPushEnabled,
  pushAvailability,
  PUSH_FUNCTIONS,
  renewPushSubscription,
  ServiceWorkerNotReady,
  urlBase64ToUint8Array,
  type PushEnvironment,
} from "./push";

const keyBytes = (seed: number) => Uint8Array.from({ length: 65 }, (_, i) => (i * 7 + seed) % 256);
const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");
const KEY_A = b64url(keyBytes(1));
const KEY_B = b64url(keyBytes(2));

class FakeSubscription {
  unsubscribed = false;
  constructor(
    private readonly manager: FakePushManager,
    readonly endpoint: string,
    key: Uint8Array,
  ) {
    this.options = { applicationServerKey: key.slice().buffer, userVisibleOnly: true };
  }
  readonly options: PushSubscriptionOptions;
  toJSON() {
    return { endpoint: this.endpoint, keys: { p256dh: "p256-" + this.endpoint.slice(-1), auth: "auth" } };
  }
  async unsubscribe() {
    this.unsubscribed = true;
    if (this.manager.current === (this as unknown)) this.manager.current = null;
    return true;
  }
}

class FakePushManager {
  current: FakeSubscription | null = null;
  made = 0;
  subscribeOptions: PushSubscriptionOptionsInit[] = [];
  async getSubscription() {
    return this.current as unknown as PushSubscription | null;
  }
  async subscribe(options: PushSubscriptionOptionsInit) {
    this.subscribeOptions.push(options);
    this.made += 1;
    this.current = new FakeSubscription(this, `https://push.example/${this.made}`, options.applicationServerKey as Uint8Array);
    return this.current as unknown as PushSubscription;
  }
}

type SetupOptions = Partial<Pick<PushEnvironment, "supported" | "ios" | "standalone">> & {
  permission?: NotificationPermission;
  answer?: NotificationPermission;
  key?: string | null;
};

function setup(overrides: SetupOptions = {}) {
  const { permission: initial, answer, key, ...flags } = overrides;
  const manager = new FakePushManager();
  const store = new Map<string, string>();
  const events: string[] = [];
  let permission: NotificationPermission = initial ?? "default";
  let serverKey: string | null = key === undefined ? KEY_A : key;
  const env: PushEnvironment = {
    supported: true,
    ios: false,
    standalone: false,
    userAgent: "TestBrowser/1.0",
    permission: () => permission,
    requestPermission: vi.fn(async () => {
      events.push("prompt");
      permission = answer ?? "granted";
      return permission;
    }),
    pushManager: async () => manager as unknown as PushManager,
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, v),
      removeItem: (k) => void store.delete(k),
    },
    ...flags,
  };
  const call = vi.fn(async (path: string, args: Record<string, unknown>) => {
    events.push(path);
    if (path === PUSH_FUNCTIONS.vapidPublicKey) return serverKey;
    void args;
    return null;
  });
  return {
    env,
    manager,
    call,
    events,
    store,
    rotateKey: (key: string) => (serverKey = key),
    revoke: () => (permission = "denied"),
  };
}

describe("urlBase64ToUint8Array", () => {
  it("decodes base64url without padding", () => {
    const bytes = keyBytes(9);
    expect(Array.from(urlBase64ToUint8Array(b64url(bytes)))).toEqual(Array.from(bytes));
    expect(Array.from(urlBase64ToUint8Array("_-8"))).toEqual([0xff, 0xef]);
  });
});

describe("enablePush", () => {
  it("asks permission first, subscribes with the server's key, and saves the subscription", async () => {
    const { env, manager, call, events } = setup();
    expect(await enablePush(call, { env })).toEqual({ ok: true });
    expect(events[0]).toBe("prompt");
    expect(manager.subscribeOptions[0].userVisibleOnly).toBe(true);
    expect(Array.from(manager.subscribeOptions[0].applicationServerKey as Uint8Array)).toEqual(Array.from(keyBytes(1)));
    expect(call).toHaveBeenCalledWith(PUSH_FUNCTIONS.save, {
      endpoint: "https://push.example/1",
      keys: { p256dh: "p256-1", auth: "auth" },
      userAgent: "TestBrowser/1.0",
    });
    expect(isPushEnabled({ env })).toBe(true);
  });

  it("does not prompt again once granted", async () => {
    const { env, call } = setup({ permission: "granted" });
    await enablePush(call, { env });
    expect(env.requestPermission).not.toHaveBeenCalled();
  });

  it("stops when the user blocks or dismisses the prompt", async () => {
    const blocked = setup({ answer: "denied" });
    expect(await enablePush(blocked.call, { env: blocked.env })).toMatchObject({ ok: false, reason: "denied" });
    const dismissed = setup({ answer: "default" });
    expect(await enablePush(dismissed.call, { env: dismissed.env })).toMatchObject({ ok: false, reason: "dismissed" });
    expect(blocked.manager.made + dismissed.manager.made).toBe(0);
    expect(blocked.call).not.toHaveBeenCalled();
  });

  it("explains instead of prompting when already blocked", async () => {
    const { env, call } = setup({ permission: "denied" });
    const result = await enablePush(call, { env });
    expect(result).toMatchObject({ ok: false, reason: "denied" });
    expect(result.ok ? "" : result.message).toMatch(/site settings/);
    expect(env.requestPermission).not.toHaveBeenCalled();
  });

  it("on iOS asks only in the installed app", async () => {
    const inSafari = setup({ ios: true, standalone: false });
    const result = await enablePush(inSafari.call, { env: inSafari.env });
    expect(result).toMatchObject({ ok: false, reason: "ios-needs-install" });
    expect(result.ok ? "" : result.message).toMatch(/Add to Home Screen/);
    expect(inSafari.env.requestPermission).not.toHaveBeenCalled();
    const installed = setup({ ios: true, standalone: true });
    expect(await enablePush(installed.call, { env: installed.env })).toEqual({ ok: true });
  });

  it("reports browsers without push and servers without a VAPID key", async () => {
    const old = setup({ supported: false });
    expect(pushAvailability(old.env)).toBe("unsupported");
    expect(await enablePush(old.call, { env: old.env })).toMatchObject({ reason: "unsupported" });
    const unconfigured = setup({ key: null });
    expect(await enablePush(unconfigured.call, { env: unconfigured.env })).toMatchObject({ reason: "not-configured" });
    expect(unconfigured.manager.made).toBe(0);
  });

  it("replaces a subscription made with another key", async () => {
    const { env, manager, call, rotateKey } = setup();
    await enablePush(call, { env });
    const first = manager.current!;
    rotateKey(KEY_B);
    await enablePush(call, { env });
    expect(first.unsubscribed).toBe(true);
    expect(manager.current?.endpoint).toBe("https://push.example/2");
  });

  it("names the real reason when the browser will not subscribe: no push service, no service worker, permission taken back", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const cases: [Error, string][] = [
      [Object.assign(new Error("Registration failed - push service not available"), { name: "AbortError" }), "no-push-service"],
      [new ServiceWorkerNotReady(), "no-service-worker"],
      [Object.assign(new Error("Registration failed - permission denied"), { name: "NotAllowedError" }), "denied"],
    ];
    for (const [error, reason] of cases) {
      const { env, manager, call } = setup();
      manager.subscribe = async () => {
        throw error;
      };
      const result = await enablePush(call, { env });
      expect(result).toMatchObject({ ok: false, reason });
      expect((result as { message: string }).message).not.toMatch(/connection/);
      expect(isPushEnabled({ env })).toBe(false);
    }
  });

  it("fails cleanly when the server cannot save it", async () => {
    const { env, call } = setup();
    call.mockImplementation(async (path) => {
      if (path === PUSH_FUNCTIONS.vapidPublicKey) return KEY_A;
      throw new Error("offline");
    });
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    expect(await enablePush(call, { env })).toMatchObject({ ok: false, reason: "failed" });
    expect(isPushEnabled({ env })).toBe(false);
  });
});

describe("disablePush", () => {
  it("forgets the subscription on the server and in the browser", async () => {
    const { env, manager, call } = setup();
    await enablePush(call, { env });
    const subscription = manager.current!;
    await disablePush(call, { env });
    expect(call).toHaveBeenCalledWith(PUSH_FUNCTIONS.remove, { endpoint: "https://push.example/1" });
    expect(subscription.unsubscribed).toBe(true);
    expect(isPushEnabled({ env })).toBe(false);
  });

  it("still unsubscribes when the server is unreachable", async () => {
    const { env, manager, call } = setup();
    await enablePush(call, { env });
    const subscription = manager.current!;
    call.mockRejectedValue(new Error("offline"));
    vi.spyOn(console, "warn").mockImplementation(() => undefined);
    await disablePush(call, { env });
    expect(subscription.unsubscribed).toBe(true);
  });
});

describe("renewPushSubscription", () => {
  it("does nothing unless the user turned notifications on", async () => {
    const { env, call, manager } = setup({ permission: "granted" });
    expect(await renewPushSubscription(call, { env })).toBe("skipped");
    expect(manager.made).toBe(0);
    expect(call).not.toHaveBeenCalled();
  });

  it("leaves an unchanged subscription alone", async () => {
    const { env, call } = setup();
    await enablePush(call, { env });
    call.mockClear();
    expect(await renewPushSubscription(call, { env })).toBe("unchanged");
    expect(call).not.toHaveBeenCalledWith(PUSH_FUNCTIONS.save, expect.anything());
  });

  it("resubscribes and saves when the browser lost the subscription", async () => {
    const { env, call, manager } = setup();
    await enablePush(call, { env });
    manager.current = null;
    expect(await renewPushSubscription(call, { env })).toBe("saved");
    expect(call).toHaveBeenLastCalledWith(PUSH_FUNCTIONS.save, expect.objectContaining({ endpoint: "https://push.example/2" }));
  });

  it("saves a subscription the worker replaced (pushsubscriptionchange) even offline for the key", async () => {
    const { env, call, manager } = setup();
    await enablePush(call, { env });
    await manager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(1) });
    call.mockImplementation(async (path) => {
      if (path === PUSH_FUNCTIONS.vapidPublicKey) throw new Error("offline");
      return null;
    });
    expect(await renewPushSubscription(call, { env })).toBe("saved");
    expect(call).toHaveBeenLastCalledWith(PUSH_FUNCTIONS.save, expect.objectContaining({ endpoint: "https://push.example/2" }));
  });

  it("moves to the server's new VAPID key", async () => {
    const { env, call, manager, rotateKey } = setup();
    await enablePush(call, { env });
    rotateKey(KEY_B);
    expect(await renewPushSubscription(call, { env })).toBe("saved");
    expect(Array.from(new Uint8Array(manager.current!.options.applicationServerKey!))).toEqual(Array.from(keyBytes(2)));
  });

  it("never prompts, and skips once the permission was revoked", async () => {
    const { env, call, revoke } = setup();
    await enablePush(call, { env });
    revoke();
    expect(await renewPushSubscription(call, { env })).toBe("skipped");
    expect(env.requestPermission).toHaveBeenCalledTimes(1);
  });

  it("keeps accounts apart on a shared device", async () => {
    const { env, call } = setup();
    await enablePush(call, { env, account: "alice" });
    expect(isPushEnabled({ env, account: "alice" })).toBe(true);
    expect(isPushEnabled({ env, account: "bob" })).toBe(false);
    expect(await renewPushSubscription(call, { env, account: "bob" })).toBe("skipped");
  });
});
