// What sits at the bottom of the screen while typing (a composer) keeps the notices above it.
import { onCleanup } from "solid-js";

/** The root element's custom property holding the reserved height (read by the toast regions' CSS). */
export const BOTTOM_RESERVED = "--bottom-reserved";

const heights = new Map<object, number>();

function publish(): void {
  const tallest = Math.max(0, ...heights.values());
  const root = document.documentElement.style;
  if (tallest > 0) root.setProperty(BOTTOM_RESERVED, `${Math.ceil(tallest)}px`);
  else root.removeProperty(BOTTOM_RESERVED);
}

/**
 * While the calling component is mounted, keeps BOTTOM_RESERVED at `element`'s height (it grows
 * with a reply preview or a long message), so toasts and PWA notices never cover it. Use as a
 * `ref` callback on a composer fixed at the bottom.
 */
export function reserveBottom(element: HTMLElement): void {
  const key = {};
  const measure = () => {
    heights.set(key, element.getBoundingClientRect().height);
    publish();
  };
  // Observing reports the first size as soon as the element is laid out, then every change.
  const observer = typeof ResizeObserver === "function" ? new ResizeObserver(measure) : undefined;
  observer?.observe(element);
  onCleanup(() => {
    observer?.disconnect();
    heights.delete(key);
    publish();
  });
}
