// @vitest-environment jsdom
// The small browser-edge helpers: iOS/standalone detection, badge, install prompt, Background Sync, messages, theme colour.
import { afterEach, describe, expect, it, vi } from "vitest";
import { clearAppBadge, setAppBadge } from "./badge";
import { isIos, isIosSafari, isStandalone } from "./environment";
import { canInstall, isInstalled, needsIosInstallHint, promptInstall, resetInstallState, watchInstallPrompt } from "./install";
import { applyThemeColor } from "./themeColor";
import { OUTBOX_SYNC_TAG, onWorkerMessage, requestBackgroundDrain } from "./worker";

const IPHONE_SAFARI =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";
const IPHONE_CHROME =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0 Mobile/15E148 Safari/604.1";
const IPAD_DESKTOP_MODE =
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15";
const ANDROID = "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36";

afterEach(() => {
  vi.unstubAllGlobals();
  resetInstallState();
});

describe("environment", () => {
  it("recognises iPhone, iPad in desktop mode, and Safari among iOS browsers", () => {
    expect(isIos({ userAgent: IPHONE_SAFARI })).toBe(true);
    expect(isIos({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 5 })).toBe(true);
    expect(isIos({ userAgent: IPAD_DESKTOP_MODE, maxTouchPoints: 0 })).toBe(false);
    expect(isIos({ userAgent: ANDROID })).toBe(false);
    expect(isIosSafari({ userAgent: IPHONE_SAFARI })).toBe(true);
    expect(isIosSafari({ userAgent: IPHONE_CHROME })).toBe(false);
  });

  it("knows when it runs installed", () => {
    const media = (mode: string) => (query: string) => ({ matches: query === `(display-mode: ${mode})` });
    expect(isStandalone({ userAgent: ANDROID }, media("standalone"))).toBe(true);
    expect(isStandalone({ userAgent: ANDROID }, media("browser"))).toBe(false);
    expect(isStandalone({ userAgent: IPHONE_SAFARI, standalone: true }, media("browser"))).toBe(true);
  });

  it("shows the iOS hint only in Safari on iOS before installing", () => {
    expect(needsIosInstallHint({ userAgent: IPHONE_SAFARI }, false)).toBe(true);
    expect(needsIosInstallHint({ userAgent: IPHONE_SAFARI }, true)).toBe(false);
    expect(needsIosInstallHint({ userAgent: ANDROID }, false)).toBe(false);
  });
});

describe("badge", () => {
  it("sets, clears and tolerates missing support", async () => {
    const nav = { setAppBadge: vi.fn(async () => undefined), clearAppBadge: vi.fn(async () => undefined) };
    expect(await setAppBadge(4.7, nav)).toBe(true);
    expect(nav.setAppBadge).toHaveBeenCalledWith(4);
    expect(await clearAppBadge(nav)).toBe(true);
    expect(await setAppBadge(-3, nav)).toBe(true);
    expect(nav.clearAppBadge).toHaveBeenCalledTimes(2);
    expect(await setAppBadge(2, {})).toBe(false);
    expect(await setAppBadge(2, { setAppBadge: async () => Promise.reject(new Error("no")) })).toBe(false);
  });
});

describe("install prompt", () => {
  function installEvent(outcome: "accepted" | "dismissed") {
    const event = new Event("beforeinstallprompt", { cancelable: true }) as Event & Record<string, unknown>;
    event.prompt = vi.fn(async () => undefined);
    event.userChoice = Promise.resolve({ outcome });
    return event;
  }

  it("stashes beforeinstallprompt, prompts once, and hides after accepting", async () => {
    const target = new EventTarget() as Window;
    watchInstallPrompt(target);
    expect(canInstall()).toBe(false);
    const event = installEvent("accepted");
    target.dispatchEvent(event);
    expect(event.defaultPrevented).toBe(true);
    expect(canInstall()).toBe(true);
    expect(await promptInstall()).toBe("accepted");
    expect(event.prompt).toHaveBeenCalledTimes(1);
    expect(canInstall()).toBe(false);
    expect(isInstalled()).toBe(true);
    expect(await promptInstall()).toBe("unavailable");
  });

  it("forgets the offer once the app is installed another way", () => {
    const target = new EventTarget() as Window;
    watchInstallPrompt(target);
    target.dispatchEvent(installEvent("dismissed"));
    target.dispatchEvent(new Event("appinstalled"));
    expect(canInstall()).toBe(false);
    expect(isInstalled()).toBe(true);
  });
});

describe("worker conversation", () => {
  function fakeContainer(registration: object | undefined) {
    const target = new EventTarget();
    return Object.assign(target, { getRegistration: async () => registration });
  }

  it("registers the outbox sync tag where Background Sync exists", async () => {
    const register = vi.fn(async () => undefined);
    vi.stubGlobal("navigator", { serviceWorker: fakeContainer({ sync: { register } }) });
    expect(await requestBackgroundDrain()).toBe(true);
    expect(register).toHaveBeenCalledWith(OUTBOX_SYNC_TAG);
  });

  it("reports false without Background Sync or a worker", async () => {
    vi.stubGlobal("navigator", { serviceWorker: fakeContainer({}) });
    expect(await requestBackgroundDrain()).toBe(false);
    vi.stubGlobal("navigator", {});
    expect(await requestBackgroundDrain()).toBe(false);
  });

  it("routes the worker's messages to the handlers until unsubscribed", () => {
    const container = fakeContainer(undefined);
    vi.stubGlobal("navigator", { serviceWorker: container });
    const drain = vi.fn();
    const navigate = vi.fn();
    const stop = onWorkerMessage({ drain, navigate });
    container.dispatchEvent(new MessageEvent("message", { data: { type: "DRAIN_OUTBOX" } }));
    container.dispatchEvent(new MessageEvent("message", { data: { type: "NAVIGATE", url: "/c/1" } }));
    container.dispatchEvent(new MessageEvent("message", { data: { type: "unknown" } }));
    stop();
    container.dispatchEvent(new MessageEvent("message", { data: { type: "DRAIN_OUTBOX" } }));
    expect(drain).toHaveBeenCalledTimes(1);
    expect(navigate).toHaveBeenCalledWith("/c/1");
  });
});

describe("theme colour", () => {
  it("follows an explicit theme and restores per-scheme colours for system", () => {
    document.head.innerHTML = `
      <meta name="theme-color" media="(prefers-color-scheme: light)" content="#f6f5fb">
      <meta name="theme-color" media="(prefers-color-scheme: dark)" content="#0f0d1a">`;
    const contents = () => [...document.querySelectorAll<HTMLMetaElement>('meta[name="theme-color"]')].map((m) => m.content);
    applyThemeColor("dark");
    expect(contents()).toEqual(["#0f0d1a", "#0f0d1a"]);
    applyThemeColor("system");
    expect(contents()).toEqual(["#f6f5fb", "#0f0d1a"]);
  });
});
