// Which requests are media from the backend's storage (images, voice clips), and cleaning prefetch lists.
import { MAX_PREFETCH_URLS } from "./messages";

const STORAGE_PREFIX = "/api/storage/";

/** GET <deployment>/api/storage/<id>; uploads (/api/storage/upload) are never cached. */
export function isStorageMediaUrl(url: URL, allowedOrigins: readonly string[]): boolean {
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (!url.pathname.startsWith(STORAGE_PREFIX) || url.pathname.length === STORAGE_PREFIX.length) return false;
  if (url.pathname === `${STORAGE_PREFIX}upload`) return false;
  return (
    allowedOrigins.includes(url.origin) ||
    url.hostname.endsWith(".convex.cloud") ||
    url.hostname.endsWith(".convex.site")
  );
}

/** Distinct, resolved against `base`, at most MAX_PREFETCH_URLS. */
export function prefetchList(urls: readonly string[], base: string, allowedOrigins: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of urls) {
    let url: URL;
    try {
      url = new URL(raw, base);
    } catch {
      continue;
    }
    if (isStorageMediaUrl(url, allowedOrigins)) out.add(url.href);
    if (out.size >= MAX_PREFETCH_URLS) break;
  }
  return [...out];
}
