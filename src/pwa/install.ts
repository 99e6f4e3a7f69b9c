// Install state: the stashed beforeinstallprompt event, whether the app is installed, and the iOS hint rule.
import { createSignal } from "solid-js";
import { isIosSafari, isStandalone, type NavigatorLike } from "./environment";

/** Chromium's install prompt event (not in TypeScript's DOM lib). */
export type BeforeInstallPromptEvent = Event & {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: "accepted" | "dismissed"; platform?: string }>;
};

const [deferredPrompt, setDeferredPrompt] = createSignal<BeforeInstallPromptEvent | null>(null);
const [installed, setInstalled] = createSignal(false);

export const canInstall = () => deferredPrompt() !== null;
/** Standalone, or `appinstalled` fired in this page. */
export const isInstalled = installed;

let watching = false;

/** Call once, early (mount.tsx does): `beforeinstallprompt` may fire before any component mounts. */
export function watchInstallPrompt(target: Window = window): void {
  if (watching) return;
  watching = true;
  setInstalled(isStandalone());
  target.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    setDeferredPrompt(event as BeforeInstallPromptEvent);
  });
  target.addEventListener("appinstalled", () => {
    setDeferredPrompt(null);
    setInstalled(true);
  });
}

/** The stashed event is single-use. */
export async function promptInstall(): Promise<"accepted" | "dismissed" | "unavailable"> {
  const event = deferredPrompt();
  if (!event) return "unavailable";
  setDeferredPrompt(null);
  await event.prompt();
  const { outcome } = await event.userChoice;
  if (outcome === "accepted") setInstalled(true);
  return outcome;
}

/** Safari on iOS, not yet on the Home Screen: it has no install prompt, so the app explains the steps. */
export function needsIosInstallHint(
  nav: NavigatorLike = globalThis.navigator,
  standalone: boolean = isStandalone(),
): boolean {
  return !standalone && isIosSafari(nav);
}

/** For tests. */
export function resetInstallState(): void {
  setDeferredPrompt(null);
  setInstalled(false);
  watching = false;
}
