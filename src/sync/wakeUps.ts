// Browser events that should wake the sync machinery: coming back online, and the tab becoming visible.

type Handlers = { online?: () => void; offline?: () => void; visible?: () => void };

/** Each listener only where it exists (tests and workers may lack them); returns the unsubscribe. */
export function watchWakeUps(handlers: Handlers): () => void {
  const scope = globalThis as Partial<Pick<Window, "addEventListener" | "removeEventListener">>;
  const doc = (globalThis as { document?: Document }).document;
  const onOnline = () => handlers.online?.();
  const onOffline = () => handlers.offline?.();
  const onVisibility = () => {
    if (doc?.visibilityState === "visible") handlers.visible?.();
  };
  scope.addEventListener?.("online", onOnline);
  scope.addEventListener?.("offline", onOffline);
  doc?.addEventListener("visibilitychange", onVisibility);
  return () => {
    scope.removeEventListener?.("online", onOnline);
    scope.removeEventListener?.("offline", onOffline);
    doc?.removeEventListener("visibilitychange", onVisibility);
  };
}

/** navigator.onLine where it exists; true otherwise (Node, tests). */
export function isNavigatorOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine ?? true;
}
