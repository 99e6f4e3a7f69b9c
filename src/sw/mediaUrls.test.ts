// Which URLs the media cache takes, the prefetch list, and the page/worker message guards.
import { describe, expect, it } from "vitest";
import { MAX_PREFETCH_URLS, isWorkerMessage, parsePageMessage } from "./messages";
import { isStorageMediaUrl, prefetchList } from "./mediaUrls";

const ORIGIN = "http://127.0.0.1:3210";

describe("isStorageMediaUrl", () => {
  it("takes storage downloads from the backend and Convex deployments", () => {
    expect(isStorageMediaUrl(new URL(`${ORIGIN}/api/storage/abc`), [ORIGIN])).toBe(true);
    expect(isStorageMediaUrl(new URL("https://happy-cat-123.convex.cloud/api/storage/9f2e"), [ORIGIN])).toBe(true);
  });

  it("leaves uploads, other paths and other origins alone", () => {
    expect(isStorageMediaUrl(new URL(`${ORIGIN}/api/storage/upload?token=x`), [ORIGIN])).toBe(false);
    expect(isStorageMediaUrl(new URL(`${ORIGIN}/api/storage/`), [ORIGIN])).toBe(false);
    expect(isStorageMediaUrl(new URL(`${ORIGIN}/api/1.48.0/sync`), [ORIGIN])).toBe(false);
    expect(isStorageMediaUrl(new URL("https://evil.test/api/storage/abc"), [ORIGIN])).toBe(false);
  });
});

describe("prefetchList", () => {
  it("resolves, filters, deduplicates and bounds the URLs", () => {
    const urls = ["/api/storage/a", `${ORIGIN}/api/storage/a`, "/c/1", "::bad::", "https://evil.test/api/storage/x"];
    expect(prefetchList(urls, ORIGIN, [ORIGIN])).toEqual([`${ORIGIN}/api/storage/a`]);
    const many = Array.from({ length: 200 }, (_, i) => `/api/storage/${i}`);
    expect(prefetchList(many, ORIGIN, [ORIGIN])).toHaveLength(MAX_PREFETCH_URLS);
  });
});

describe("message guards", () => {
  it("accepts the page's messages and drops anything else", () => {
    expect(parsePageMessage({ type: "SKIP_WAITING" })).toEqual({ type: "SKIP_WAITING" });
    expect(parsePageMessage({ type: "PREFETCH_MEDIA", urls: ["/api/storage/a", 3] })).toEqual({
      type: "PREFETCH_MEDIA",
      urls: ["/api/storage/a"],
    });
    expect(parsePageMessage({ type: "PREFETCH_MEDIA" })).toBeNull();
    expect(parsePageMessage("SKIP_WAITING")).toBeNull();
  });

  it("recognises the worker's messages", () => {
    expect(isWorkerMessage({ type: "DRAIN_OUTBOX" })).toBe(true);
    expect(isWorkerMessage({ type: "NAVIGATE", url: "/c/1" })).toBe(true);
    expect(isWorkerMessage({ type: "WB_UPDATE" })).toBe(false);
    expect(isWorkerMessage(null)).toBe(false);
  });
});
