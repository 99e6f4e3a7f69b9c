// What sits at the bottom of the screen while typing (a composer) keeps the notices above it.
import { onCleanup } from "solid-js";

/** Read by the toast regions' CSS. */
export const BOTTOM_RESERVED = "--bottom-reserved";

const rooms = new Map<object, number>();

function publish(): void {
  const tallest = Math.max(0, ...rooms.values());
  const root = document.documentElement.style;
  if (tallest > 0) root.setProperty(BOTTOM_RESERVED, `${Math.ceil(tallest)}px`);
  else root.removeProperty(BOTTOM_RESERVED);
}

/** A `ref` for a bottom composer: BOTTOM_RESERVED follows its top (growth, resizes) so toasts and PWA notices never cover it. */
export function reserveBottom(element: HTMLElement): void {
  const key = {};
  const measure = () => {
    const top = element.getBoundingClientRect().top;
    rooms.set(key, element.isConnected ? Math.max(0, window.innerHeight - top) : 0);
    publish();
  };
  // Observing reports the first size as soon as the element is laid out, then every change.
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : undefined;
  observer?.observe(element);
  window.addEventListener("resize", measure);
  onCleanup(() => {
    observer?.disconnect();
    window.removeEventListener("resize", measure);
    rooms.delete(key);
    publish();
  });
}
