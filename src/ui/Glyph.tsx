// More inline SVG icons (decorative: aria-hidden) for the mood, chamber, skill and admin screens; same style as Icon.
import { SvgIcon } from "./SvgIcon";
const PATHS = {
  edit: "M4 17.3V20h2.7l8-8-2.7-2.7zM19.7 7a1 1 0 0 0 0-1.4l-1.3-1.3a1 1 0 0 0-1.4 0l-1.5 1.5 2.7 2.7z",
  trash: "M9 3h6l1 1h4v2H4V4h4zm-3 4h12l-1 13H7zm4 3v8h1.5v-8zm2.5 0v8H14v-8z",
  copy: "M8 3h11v13h-2V5H8zM5 7h10v14H5zm2 2v10h6V9z",
  link: "M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 1.4 1.4L12 13.4a1 1 0 0 1-1.4 0ZM7 18a3 3 0 0 1-2.1-5.1l2.8-2.8 1.4 1.4-2.8 2.8A1 1 0 0 0 7.7 15.7l2.8-2.8 1.4 1.4-2.8 2.8A3 3 0 0 1 7 18Zm8.9-4.1-1.4-1.4 2.8-2.8a1 1 0 0 0-1.4-1.4l-2.8 2.8-1.4-1.4 2.8-2.8a3 3 0 0 1 4.2 4.2z",
  users:
    "M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm7.5 0a3 3 0 1 0 0-6 3 3 0 0 0 0 6ZM2 19c0-3 3.1-5.5 7-5.5s7 2.5 7 5.5v1H2zm15.5-5.4c2.6.3 4.5 2.2 4.5 4.4v1h-4v-1c0-1.7-.2-3.2-.5-4.4Z",
  search:
    "M10.5 4a6.5 6.5 0 0 1 5.2 10.4l4.4 4.4-1.4 1.4-4.4-4.4A6.5 6.5 0 1 1 10.5 4Zm0 2a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9Z",
  refresh: "M17.7 6.3A8 8 0 1 0 20 12h-2a6 6 0 1 1-1.8-4.2L13 11h7V4z",
  check: "M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7z",
  leave: "M10 4H4v16h6v-2H6V6h4zm5.6 3.4L14.2 8.8 16.4 11H9v2h7.4l-2.2 2.2 1.4 1.4L20.2 12z",
  heart:
    "M12 20.5 10.6 19.2C5.4 14.5 2 11.5 2 7.8A4.8 4.8 0 0 1 6.9 3c1.9 0 3.7.9 5.1 2.3A6.8 6.8 0 0 1 17.1 3 4.8 4.8 0 0 1 22 7.8c0 3.7-3.4 6.7-8.6 11.4z",
  lock: "M7 10V7a5 5 0 0 1 10 0v3h1v11H6V10zm2 0h6V7a3 3 0 0 0-6 0z",
  globe:
    "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm6.9 8h-3a14 14 0 0 0-1.3-5.5A7 7 0 0 1 18.9 11ZM12 5.1c.9 1.2 1.7 3.3 1.9 5.9h-3.8c.2-2.6 1-4.7 1.9-5.9ZM9.4 5.5A14 14 0 0 0 8.1 11h-3a7 7 0 0 1 4.3-5.5ZM5.1 13h3a14 14 0 0 0 1.3 5.5A7 7 0 0 1 5.1 13Zm6.9 5.9c-.9-1.2-1.7-3.3-1.9-5.9h3.8c-.2 2.6-1 4.7-1.9 5.9Zm2.6-.4a14 14 0 0 0 1.3-5.5h3a7 7 0 0 1-4.3 5.5Z",
  ban: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-7 9a7 7 0 0 1 11.3-5.5L6.5 16.3A7 7 0 0 1 5 12Zm7 7a7 7 0 0 1-4.3-1.5l9.8-9.8A7 7 0 0 1 12 19Z",
  flag: "M5 3h2v18H5zm3 1h10l-2 4 2 4H8z",
  chart: "M4 20V4h2v14h14v2zm4-4V10h2.5v6zm4.5 0V6H15v10zm4.5 0v-4h2.5v4z",
} as const;

export type GlyphName = keyof typeof PATHS;

export function Glyph(props: { name: GlyphName; size?: number; class?: string }) {
  return <SvgIcon path={PATHS[props.name]} size={props.size} class={props.class} />;
}
