// The app icon badge (Badging API) from the page: unread count where supported, silently nothing elsewhere.

type BadgeNavigator = { setAppBadge?: (count?: number) => Promise<void>; clearAppBadge?: () => Promise<void> };

/** 0 clears it; resolves whether the browser has the API. */
export async function setAppBadge(count: number, nav: BadgeNavigator = globalThis.navigator ?? {}): Promise<boolean> {
  const value = Math.max(0, Math.floor(Number.isFinite(count) ? count : 0));
  try {
    if (value === 0) {
      if (!nav.clearAppBadge) return false;
      await nav.clearAppBadge();
    } else {
      if (!nav.setAppBadge) return false;
      await nav.setAppBadge(value);
    }
    return true;
  } catch {
    // Not installed, or the permission is missing: the badge is decoration only.
    return false;
  }
}

export function clearAppBadge(nav?: BadgeNavigator): Promise<boolean> {
  return setAppBadge(0, nav);
}
