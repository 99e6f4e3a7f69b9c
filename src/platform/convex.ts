// The ConvexClient for this app: VITE_CONVEX_URL, or the page's own origin (the local backend serves both).
import { ConvexClient } from "convex/browser";

/** Where the Convex API lives. */
export function convexUrl(): string {
  const configured = import.meta.env.VITE_CONVEX_URL as string | undefined;
  return configured ? configured : globalThis.location.origin;
}

/** A new client (one per signed-in session; it reconnects by itself after network loss). */
export function createConvexClient(url: string = convexUrl()): ConvexClient {
  return new ConvexClient(url, { unsavedChangesWarning: false });
}
