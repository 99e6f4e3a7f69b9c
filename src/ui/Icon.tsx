// Inline SVG icons (decorative: aria-hidden); the control that holds one carries the accessible name.
const PATHS = {
  send: "M3 20.5 21 12 3 3.5l2.5 7.1L14 12l-8.5 1.4z",
  mic: "M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.9V21h2v-3.1A7 7 0 0 0 19 11Z",
  stop: "M7 7h10v10H7z",
  image: "M4 5h16v14H4zM6 17h12l-4-5-3 3.5L9 13zM8.5 10A1.5 1.5 0 1 0 8.5 7a1.5 1.5 0 0 0 0 3Z",
  clock: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm1 9.4 3.2 2.4-1 1.4L11 13V7h2Z",
  chat: "M4 4h16v12H7l-3 3z",
  mood: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18ZM9 9.5a1.2 1.2 0 1 1 0 .1Zm6 0a1.2 1.2 0 1 1 0 .1ZM7.8 14h8.4a4.5 4.5 0 0 1-8.4 0Z",
  rooms: "M3 10 12 4l9 6v10H3zm6 10v-6h6v6",
  skills: "M12 2 15 8.5 22 9.3 16.8 14 18.2 21 12 17.6 5.8 21 7.2 14 2 9.3 9 8.5z",
  settings: "M12 8.5a3.5 3.5 0 1 0 0 7 3.5 3.5 0 0 0 0-7Zm8.6 5-1.9-.3a7 7 0 0 1-.7 1.6l1.1 1.6-1.9 1.9-1.6-1.1a7 7 0 0 1-1.6.7l-.3 1.9h-2.6l-.3-1.9a7 7 0 0 1-1.6-.7l-1.6 1.1-1.9-1.9 1.1-1.6a7 7 0 0 1-.7-1.6l-1.9-.3v-2.6l1.9-.3a7 7 0 0 1 .7-1.6L5.3 6.8l1.9-1.9 1.6 1.1a7 7 0 0 1 1.6-.7l.3-1.9h2.6l.3 1.9a7 7 0 0 1 1.6.7l1.6-1.1 1.9 1.9-1.1 1.6a7 7 0 0 1 .7 1.6l1.9.3z",
  shield: "M12 2 4 5v6c0 5 3.4 9.4 8 11 4.6-1.6 8-6 8-11V5z",
  plus: "M11 4h2v7h7v2h-7v7h-2v-7H4v-2h7z",
  back: "M15.5 4 7.5 12l8 8 1.4-1.4L10.3 12l6.6-6.6z",
  pin: "M14 3 21 10l-2 1-3-1-4 4 1 5-2 1-3.5-4.5L3 21l-.5-.5 5.5-5.5L3.5 11.5l1-2 5 1 4-4-1-3z",
  archive: "M3 4h18v4H3zm1 5h16v11H4zm5 3v2h6v-2z",
  reply: "M10 9V5l-7 7 7 7v-4.1c5 0 8.5 1.6 11 5.1-1-5-4-10-11-11Z",
  smile: "M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18Zm-3 6.5a1.2 1.2 0 1 1 0 .1Zm6 0a1.2 1.2 0 1 1 0 .1ZM7.8 14h8.4a4.5 4.5 0 0 1-8.4 0Z",
  mask: "M3 7c3-1.5 6-1.5 9 0 3-1.5 6-1.5 9 0v4c0 4-3 7-6 7-1.5 0-2.4-1-3-2-.6 1-1.5 2-3 2-3 0-6-3-6-7zm4 3.5a1.5 1.5 0 1 0 0 .1Zm10 0a1.5 1.5 0 1 0 0 .1Z",
  play: "M8 5v14l11-7z",
  pause: "M7 5h4v14H7zm6 0h4v14h-4z",
  close: "M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12l5.6 5.6-1.4 1.4-5.6-5.6L6.4 19 5 17.6l5.6-5.6L5 6.4z",
  alert: "M12 2 1 21h22zm-1 7h2v6h-2zm0 8h2v2h-2z",
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName; size?: number; class?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={props.size ?? 20}
      height={props.size ?? 20}
      fill="currentColor"
      aria-hidden="true"
      class={props.class}
    >
      <path d={PATHS[props.name]} />
    </svg>
  );
}
