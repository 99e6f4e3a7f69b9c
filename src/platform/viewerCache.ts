// The last signed-in person, cached in localStorage so the app opens offline already signed in.

export type CachedViewer = {
  /** The auth subject: names the person's IndexedDB database. */
  userKey: string;
  provider: "clerk" | "dev";
  username?: string;
  /** The server user id, once ensureViewer answered. */
  userId?: string;
  displayName?: string;
};

const VIEWER_KEY = "whispers:viewer";
const memory = new Map<string, string>();

/** An in-memory map where localStorage is missing or throws (tests, private modes). */
export function storage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> {
  try {
    const ls = (globalThis as { localStorage?: Storage }).localStorage;
    if (ls) return ls;
  } catch {
    // Access denied: fall through.
  }
  return {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  };
}

export function loadCachedViewer(): CachedViewer | null {
  const raw = storage().getItem(VIEWER_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as CachedViewer;
    return typeof value.userKey === "string" && value.userKey ? value : null;
  } catch {
    return null;
  }
}

export function saveCachedViewer(viewer: CachedViewer): void {
  storage().setItem(VIEWER_KEY, JSON.stringify(viewer));
}

/** E.g. the server id after ensureViewer. */
export function updateCachedViewer(patch: Partial<CachedViewer>): CachedViewer | null {
  const current = loadCachedViewer();
  if (!current) return null;
  const next = { ...current, ...patch };
  saveCachedViewer(next);
  return next;
}

export function clearCachedViewer(): void {
  storage().removeItem(VIEWER_KEY);
}
