// startLater: starts once loaded, never when stopped before, stops what started, logs a failure.
import { describe, expect, it, vi } from "vitest";
import { startLater } from "./startLater";

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("startLater", () => {
  it("starts what loaded and stops it", async () => {
    const stopped = vi.fn();
    const start = vi.fn((loaded: string) => (loaded === "module" ? stopped : () => {}));
    const stop = startLater(async () => "module", start, "a piece");
    expect(start).not.toHaveBeenCalled();
    await settle();
    expect(start).toHaveBeenCalledWith("module");
    stop();
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it("never starts what was stopped before it loaded", async () => {
    const start = vi.fn(() => () => {});
    const stop = startLater(async () => "module", start, "a piece");
    stop();
    await settle();
    expect(start).not.toHaveBeenCalled();
  });

  it("logs a failed load or start, and stopping afterwards is harmless", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const stopLoad = startLater(() => Promise.reject(new Error("offline")), () => () => {}, "The indexer");
      const stopStart = startLater(async () => 1, () => { throw new Error("broken"); }, "Push renewal");
      await settle();
      expect(warn.mock.calls.map((c) => c[0])).toEqual(["The indexer did not start", "Push renewal did not start"]);
      stopLoad();
      stopStart();
    } finally {
      warn.mockRestore();
    }
  });
});
