// The ConvexClient for this app: VITE_CONVEX_URL, or the page's own origin (the local backend serves both).
import { ConvexClient } from "convex/browser";
import { convexUrl } from "./convexUrl";

export { convexUrl };

/** One per signed-in session; it reconnects by itself after network loss. */
export function createConvexClient(url: string = convexUrl()): ConvexClient {
  return new ConvexClient(url, { unsavedChangesWarning: false });
}
