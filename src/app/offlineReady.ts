// Keeps the installed app ready: the app badge shows the unread total, recent media is fetched ahead for offline.
import type { WhispersDB } from "../db/database";
import { recentMedia, unreadTotalLive } from "../db/media";
import { setAppBadge } from "../pwa/badge";
import { prefetchMedia } from "../pwa/worker";
import { isNavigatorOnline } from "../sync/wakeUps";

const PREFETCH_DELAY_MS = 3_000;
/** Both readers start this long after the session (their IndexedDB reads stay off the first screen's path). */
const START_DELAY_MS = 1_500;

export function keepOfflineReadySoon(db: WhispersDB, delayMs = START_DELAY_MS): () => void {
  let stop: (() => void) | null = null;
  const timer = setTimeout(() => (stop = keepOfflineReady(db)), delayMs);
  return () => {
    clearTimeout(timer);
    stop?.();
  };
}

export function keepOfflineReady(db: WhispersDB): () => void {
  const badge = unreadTotalLive(db).subscribe(
    (count) => void setAppBadge(count),
    (error) => console.warn("Unread total failed:", error),
  );
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Re-run when the recent conversations change; debounced so a catch-up burst prefetches once.
  const media = recentMedia(db).subscribe(
    (urls) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        if (urls.length > 0 && isNavigatorOnline()) void prefetchMedia(urls);
      }, PREFETCH_DELAY_MS);
    },
    (error) => console.warn("Recent media failed:", error),
  );
  return () => {
    clearTimeout(timer);
    badge.unsubscribe();
    media.unsubscribe();
  };
}
