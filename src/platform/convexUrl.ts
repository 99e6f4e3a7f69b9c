// Where the Convex API lives: VITE_CONVEX_URL, or the page's own origin (the local backend serves both). No client code, so boot.ts may use it.

export function convexUrl(): string {
  const configured = import.meta.env.VITE_CONVEX_URL as string | undefined;
  return configured ? configured : globalThis.location.origin;
}
