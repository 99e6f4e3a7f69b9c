// @vitest-environment jsdom
// startPwaSession: Background Sync on an offline enqueue, DRAIN_OUTBOX to the drainer, cleanup on sign-out.
import { afterEach, describe, expect, it, vi } from "vitest";
import { notifyOutboxChanged } from "../sync/outboxSignal";
import { startPwaSession } from "./pwaSession";
import { OUTBOX_SYNC_TAG } from "./worker";

afterEach(() => vi.unstubAllGlobals());

function browser(onLine: boolean) {
  const register = vi.fn(async () => undefined);
  const container = Object.assign(new EventTarget(), { getRegistration: async () => ({ sync: { register } }) });
  vi.stubGlobal("navigator", { onLine, userAgent: "test", serviceWorker: container });
  return { register, container };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("startPwaSession", () => {
  it("registers Background Sync when something is queued offline, not online", async () => {
    const { register } = browser(false);
    const stop = startPwaSession({ call: vi.fn(), account: "u1", outboxDbName: "whispers-u1" });
    notifyOutboxChanged("whispers-u1");
    await flush();
    expect(register).toHaveBeenCalledWith(OUTBOX_SYNC_TAG);
    stop();
    notifyOutboxChanged("whispers-u1");
    await flush();
    expect(register).toHaveBeenCalledTimes(1);

    const online = browser(true);
    const stopOnline = startPwaSession({ call: vi.fn(), account: "u1", outboxDbName: "whispers-u1" });
    notifyOutboxChanged("whispers-u1");
    await flush();
    expect(online.register).not.toHaveBeenCalled();
    stopOnline();
  });

  it("routes the worker's DRAIN_OUTBOX to the drainer until stopped", () => {
    const { container } = browser(true);
    const drain = vi.fn();
    const stop = startPwaSession({ call: vi.fn(), account: "u1", drain });
    container.dispatchEvent(new MessageEvent("message", { data: { type: "DRAIN_OUTBOX" } }));
    stop();
    container.dispatchEvent(new MessageEvent("message", { data: { type: "DRAIN_OUTBOX" } }));
    expect(drain).toHaveBeenCalledTimes(1);
  });

  it("does not touch the server when notifications were never turned on", async () => {
    browser(true);
    const call = vi.fn();
    startPwaSession({ call, account: "u1" })();
    await flush();
    expect(call).not.toHaveBeenCalled();
  });
});
