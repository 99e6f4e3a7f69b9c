// Sign-in for the UI: Clerk when configured, else the local backend's dev sign-in; the viewer is cached for offline starts.
import { clearDevToken, devSignIn, devTokenFetcher } from "./devAuth";
import { clerkPublishableKey, clerkTokenFetcher, loadClerk } from "./clerkAuth";
import { convexUrl } from "./convex";
import { clearCachedViewer, loadCachedViewer, saveCachedViewer, type CachedViewer } from "./viewerCache";

export type { CachedViewer };

export type TokenFetcher = (args: { forceRefreshToken: boolean }) => Promise<string | null>;

/** "clerk" when VITE_CLERK_PUBLISHABLE_KEY is set, otherwise "dev" (the local backend). */
export function authMode(): "clerk" | "dev" {
  return clerkPublishableKey() ? "clerk" : "dev";
}

/** No network needed. */
export function restoreViewer(): CachedViewer | null {
  return loadCachedViewer();
}

/** Online; caches the viewer. */
export async function signInWithDevAccount(username: string, baseUrl: string = convexUrl()): Promise<CachedViewer> {
  const { subject } = await devSignIn(username, baseUrl);
  const viewer: CachedViewer = { userKey: subject, provider: "dev", username: username.trim() };
  saveCachedViewer(viewer);
  return viewer;
}

/** Throws when Clerk is not configured. */
export async function clerk() {
  const key = clerkPublishableKey();
  if (!key) throw new Error("Clerk is not configured (VITE_CLERK_PUBLISHABLE_KEY is empty).");
  return loadClerk(key);
}

/** After Clerk's sign-in finished; null if not signed in. */
export async function viewerFromClerk(): Promise<CachedViewer | null> {
  const instance = await clerk();
  const user = instance.user;
  if (!user) return null;
  const viewer: CachedViewer = { userKey: user.id, provider: "clerk", username: user.username ?? undefined };
  saveCachedViewer(viewer);
  return viewer;
}

export function tokenFetcherFor(viewer: CachedViewer, baseUrl: string = convexUrl()): TokenFetcher {
  return viewer.provider === "clerk" ? clerkTokenFetcher(clerk) : devTokenFetcher(baseUrl);
}

/** Token and cached viewer; Clerk signs out too when online. */
export async function forgetViewer(viewer: CachedViewer | null): Promise<void> {
  clearCachedViewer();
  clearDevToken();
  if (viewer?.provider === "clerk") {
    try {
      await (await clerk()).signOut();
    } catch {
      // Offline: Clerk's session ends next time; this device already forgot it.
    }
  }
}
