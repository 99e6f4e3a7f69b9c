// In-app navigation requested by the service worker (a notification click): the router's, else a page load.

let navigator_: ((path: string) => void) | null = null;

/** The app registers its router's navigate (e.g. `setAppNavigator(useNavigate())` in a component under <Router>). */
export function setAppNavigator(navigate: ((path: string) => void) | null): void {
  navigator_ = navigate;
}

/** Only "/…" paths of this origin. */
export function navigateInApp(path: string): void {
  if (!path.startsWith("/") || path.startsWith("//")) return;
  if (navigator_) navigator_(path);
  else globalThis.location.assign(path);
}
