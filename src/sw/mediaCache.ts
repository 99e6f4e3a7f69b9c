// Runtime cache for storage media: cache-first, bounded, Range-capable so cached voice clips seek offline.
import { ExpirationPlugin } from "workbox-expiration";
import { RangeRequestsPlugin } from "workbox-range-requests";
import { registerRoute } from "workbox-routing";
import { CacheFirst } from "workbox-strategies";
import type { WorkboxPlugin } from "workbox-core/types";
import { MEDIA_CACHE } from "./messages";
import { isStorageMediaUrl, prefetchList } from "./mediaUrls";

const MAX_ENTRIES = 250;
const MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** A miss fetches the whole file, CORS and no Range: no-cors or 206 answers (what <img>/<audio> ask for) can't be cached or sliced. */
const wholeFileRequests: WorkboxPlugin = {
  requestWillFetch: async ({ request }) => {
    const headers = new Headers(request.headers);
    headers.delete("range");
    return new Request(request.url, { method: "GET", headers, mode: "cors", credentials: "omit" });
  },
};

export const mediaStrategy = new CacheFirst({
  cacheName: MEDIA_CACHE,
  plugins: [
    wholeFileRequests,
    // Answers a Range request from the cached full file with a 206 slice.
    new RangeRequestsPlugin(),
    new ExpirationPlugin({ maxEntries: MAX_ENTRIES, maxAgeSeconds: MAX_AGE_SECONDS, purgeOnQuotaError: true }),
  ],
});

/** `origins`: backend origins besides *.convex.cloud. */
export function registerMediaRoute(origins: readonly string[]): void {
  registerRoute(({ url, request }) => request.method === "GET" && isStorageMediaUrl(url, origins), mediaStrategy);
}

/** Through the strategy, so expiration bookkeeping applies; a few at a time. */
export async function prefetchMedia(
  event: ExtendableEvent,
  urls: readonly string[],
  base: string,
  origins: readonly string[],
): Promise<{ cached: number; failed: number }> {
  const queue = prefetchList(urls, base, origins);
  let cached = 0;
  let failed = 0;
  const worker = async () => {
    for (let url = queue.shift(); url; url = queue.shift()) {
      try {
        const response = await mediaStrategy.handle({ event, request: new Request(url) });
        if (response.ok) cached += 1;
        else failed += 1;
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
  return { cached, failed };
}
