// Clerk sign-in, loaded lazily (dynamic import) and only when VITE_CLERK_PUBLISHABLE_KEY is set.
import type { Clerk } from "@clerk/clerk-js";

let loading: Promise<Clerk> | undefined;

/** The publishable key, or undefined when the app runs with the local backend's dev sign-in. */
export function clerkPublishableKey(): string | undefined {
  const key = import.meta.env.VITE_CLERK_PUBLISHABLE_KEY as string | undefined;
  return key ? key : undefined;
}

/** Kept out of the first bundle; a failed load (offline) is forgotten so the next call tries again. */
export function loadClerk(publishableKey: string): Promise<Clerk> {
  loading ??= (async () => {
    const { Clerk: ClerkClass } = await import("@clerk/clerk-js");
    const clerk = new ClerkClass(publishableKey);
    await clerk.load();
    return clerk;
  })().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Clerk's native Convex integration puts `aud: "convex"` on the session token; otherwise the "convex" JWT template mints one. */
function convexTokenOptions(clerk: Pick<Clerk, "session">): { template?: "convex" } {
  const aud: unknown = clerk.session?.lastActiveToken?.jwt?.claims?.aud;
  const native = aud === "convex" || (Array.isArray(aud) && aud.includes("convex"));
  return native ? {} : { template: "convex" };
}

/** Offline or signed out: null, and the outbox waits. */
export function clerkTokenFetcher(getClerk: () => Promise<Pick<Clerk, "session">>) {
  return async ({ forceRefreshToken }: { forceRefreshToken: boolean }): Promise<string | null> => {
    try {
      const clerk = await getClerk();
      const options = convexTokenOptions(clerk);
      try {
        return (await clerk.session?.getToken({ ...options, skipCache: forceRefreshToken })) ?? null;
      } catch (error) {
        // A refresh that cannot reach Clerk keeps the cached token: null would sign the client out until the next attempt.
        if (!forceRefreshToken) throw error;
        return (await clerk.session?.getToken(options)) ?? null;
      }
    } catch {
      return null;
    }
  };
}
