// Quota pressure: a write that exceeds the quota surfaces as StorageFullError and leaves earlier data intact.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freshDb } from "../test/util";
import { sendWhisper } from "../actions";
import { isQuotaError, requestPersistentStorage, StorageFullError } from "./storage";

afterEach(() => vi.restoreAllMocks());

describe("storage pressure", () => {
  it("turns QuotaExceededError into StorageFullError and keeps what was saved", async () => {
    const db = await freshDb("quota");
    await sendWhisper({ recipientId: "bob", content: "saved before" }, db);
    const realPut = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (this: IDBObjectStore, ...args) {
      if (this.name === "blobs") throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      return realPut.apply(this, args as Parameters<IDBObjectStore["put"]>);
    });
    const image = new Blob([new Uint8Array(10)], { type: "image/png" });
    await expect(sendWhisper({ recipientId: "bob", content: "too big", image }, db)).rejects.toBeInstanceOf(StorageFullError);
    vi.restoreAllMocks();
    const whispers = await db.whispers.toArray();
    expect(whispers.map((w) => w.content)).toEqual(["saved before"]);
    expect(await db.outbox.count()).toBe(1);
    expect(await db.blobs.count()).toBe(0);
    db.close();
  });

  it("recognises wrapped quota errors", () => {
    expect(isQuotaError({ name: "AbortError", inner: { name: "QuotaExceededError" } })).toBe(true);
    expect(isQuotaError(new Error("nope"))).toBe(false);
  });

  it("asks for persistent storage once", async () => {
    const persist = vi.fn(async () => true);
    vi.stubGlobal("navigator", { storage: { persist, persisted: async () => false } });
    expect(await requestPersistentStorage()).toBe(true);
    expect(await requestPersistentStorage()).toBe(true);
    expect(persist).toHaveBeenCalledTimes(1);
    vi.unstubAllGlobals();
  });
});
