// Facts about the browser the PWA features depend on: iOS, installed (standalone), and what it supports.

/** Injectable in tests. */
export type NavigatorLike = { userAgent: string; maxTouchPoints?: number; standalone?: boolean };

/** iPhone, iPod or iPad (iPadOS reports itself as a Mac with touch). */
export function isIos(nav: NavigatorLike): boolean {
  if (/iPad|iPhone|iPod/.test(nav.userAgent)) return true;
  return /Macintosh/.test(nav.userAgent) && (nav.maxTouchPoints ?? 0) > 1;
}

/** Safari on iOS (not Chrome/Firefox/Edge for iOS, which cannot add to the home screen the same way on older iOS). */
export function isIosSafari(nav: NavigatorLike): boolean {
  return isIos(nav) && /Safari\//.test(nav.userAgent) && !/CriOS|FxiOS|EdgiOS|OPiOS/.test(nav.userAgent);
}

/** Standalone window or iOS home-screen app. */
export function isStandalone(
  nav: NavigatorLike = globalThis.navigator,
  matchMedia: ((query: string) => { matches: boolean }) | undefined = globalThis.matchMedia?.bind(globalThis),
): boolean {
  if (nav?.standalone === true) return true;
  return ["standalone", "fullscreen", "minimal-ui"].some((mode) => matchMedia?.(`(display-mode: ${mode})`).matches);
}

/** Service worker, PushManager and Notification all exist. */
export function hasPushApi(scope: object = globalThis): boolean {
  const nav = (scope as { navigator?: object }).navigator;
  return !!nav && "serviceWorker" in nav && "PushManager" in scope && "Notification" in scope;
}
