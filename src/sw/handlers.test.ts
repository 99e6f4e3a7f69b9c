// The worker's event logic with fake windows: push (show/suppress/badge), click, sync, subscription change.
import { describe, expect, it, vi } from "vitest";
import { clickTarget, handleNotificationClick, handlePush, handleSubscriptionChange, handleSync, type WorkerDeps } from "./handlers";
import { OUTBOX_SYNC_TAG, type WorkerToPage } from "./messages";

const ORIGIN = "https://whispers.test";

function fakeWindow(path: string, focused = false) {
  return {
    url: `${ORIGIN}${path}`,
    focused,
    visibilityState: (focused ? "visible" : "hidden") as DocumentVisibilityState,
    focus: vi.fn(async () => undefined),
    postMessage: vi.fn<(message: WorkerToPage) => void>(),
  };
}

function fakeDeps(windows: ReturnType<typeof fakeWindow>[]) {
  const deps = {
    origin: ORIGIN,
    windows: async () => windows,
    openWindow: vi.fn(async () => null),
    showNotification: vi.fn<WorkerDeps["showNotification"]>(async () => undefined),
    setBadge: vi.fn(async () => undefined),
  };
  return deps;
}

const payload = (extra: object = {}) =>
  JSON.stringify({ title: "Quiet Fox", body: "Hello", conversationId: "c1", tag: "c1", url: "/c/c1", unreadCount: 2, ...extra });

describe("handlePush", () => {
  it("shows the notification, sets the badge and tells open windows", async () => {
    const win = fakeWindow("/", true);
    const deps = fakeDeps([win]);
    expect(await handlePush(deps, payload())).toBe("shown");
    expect(deps.showNotification).toHaveBeenCalledWith(
      "Quiet Fox",
      expect.objectContaining({ body: "Hello", tag: "c1", renotify: true, data: { url: "/c/c1" } }),
    );
    expect(deps.setBadge).toHaveBeenCalledWith(2);
    expect(win.postMessage).toHaveBeenCalledWith({ type: "PUSH_RECEIVED", conversationId: "c1", shown: true, unreadCount: 2 });
  });

  it("skips the notification when a focused window shows that conversation, but still sets the badge", async () => {
    const deps = fakeDeps([fakeWindow("/c/c1", true)]);
    expect(await handlePush(deps, payload())).toBe("suppressed");
    expect(deps.showNotification).not.toHaveBeenCalled();
    expect(deps.setBadge).toHaveBeenCalledWith(2);
  });

  it("shows it when that conversation is open but not focused", async () => {
    const deps = fakeDeps([fakeWindow("/c/c1", false)]);
    expect(await handlePush(deps, payload())).toBe("shown");
  });

  it("shows a mystery whisper exactly as sent: no sender, no content", async () => {
    const deps = fakeDeps([]);
    await handlePush(deps, payload({ title: "Someone whispered you", body: "" }));
    expect(deps.showNotification).toHaveBeenCalledWith("Someone whispered you", expect.objectContaining({ body: "" }));
  });

  it("shows a generic notification for an unreadable payload and leaves the badge alone", async () => {
    const deps = fakeDeps([]);
    await handlePush(deps, "garbage");
    expect(deps.showNotification).toHaveBeenCalledWith("Whispers", expect.objectContaining({ data: { url: "/" } }));
    expect(deps.setBadge).not.toHaveBeenCalled();
  });

  it("a badge failure does not stop the notification", async () => {
    const deps = fakeDeps([]);
    deps.setBadge.mockRejectedValueOnce(new Error("not installed"));
    expect(await handlePush(deps, payload())).toBe("shown");
  });
});

describe("handleNotificationClick", () => {
  it("focuses an open window and asks it to show the conversation", async () => {
    const win = fakeWindow("/mood", true);
    const deps = fakeDeps([win]);
    expect(await handleNotificationClick(deps, "/c/c1")).toBe("focused");
    expect(win.focus).toHaveBeenCalled();
    expect(win.postMessage).toHaveBeenCalledWith({ type: "NAVIGATE", url: "/c/c1" });
    expect(deps.openWindow).not.toHaveBeenCalled();
  });

  it("prefers the window already on that conversation and does not navigate it", async () => {
    const other = fakeWindow("/", true);
    const there = fakeWindow("/c/c1");
    const deps = fakeDeps([other, there]);
    await handleNotificationClick(deps, "/c/c1");
    expect(there.focus).toHaveBeenCalled();
    expect(there.postMessage).not.toHaveBeenCalled();
    expect(other.focus).not.toHaveBeenCalled();
  });

  it("opens a window when none is open", async () => {
    const deps = fakeDeps([]);
    expect(await handleNotificationClick(deps, "/c/c1")).toBe("opened");
    expect(deps.openWindow).toHaveBeenCalledWith("/c/c1");
  });

  it("reads the target from the notification's data, defaulting to home", () => {
    expect(clickTarget({ url: "/c/c1" })).toBe("/c/c1");
    expect(clickTarget({ url: "https://evil.test" })).toBe("/");
    expect(clickTarget(null)).toBe("/");
  });
});

describe("sync and subscription change", () => {
  it("wakes the drain in every open window for the outbox tag only", async () => {
    const a = fakeWindow("/");
    const b = fakeWindow("/mood");
    const deps = fakeDeps([a, b]);
    expect(await handleSync(deps, OUTBOX_SYNC_TAG)).toBe(2);
    expect(a.postMessage).toHaveBeenCalledWith({ type: "DRAIN_OUTBOX" });
    expect(b.postMessage).toHaveBeenCalledWith({ type: "DRAIN_OUTBOX" });
    expect(await handleSync(deps, "something-else")).toBe(0);
    expect(a.postMessage).toHaveBeenCalledTimes(1);
  });

  it("with no window there is nothing to wake (the app drains on its next start)", async () => {
    expect(await handleSync(fakeDeps([]), OUTBOX_SYNC_TAG)).toBe(0);
  });

  it("asks the pages to save a changed subscription", async () => {
    const a = fakeWindow("/");
    expect(await handleSubscriptionChange(fakeDeps([a]))).toBe(1);
    expect(a.postMessage).toHaveBeenCalledWith({ type: "PUSH_SUBSCRIPTION_CHANGED" });
  });
});
