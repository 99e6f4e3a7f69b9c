// The frame every inline icon shares: a 24×24 path drawn in the current text colour, hidden from assistive technology.
export function SvgIcon(props: { path: string; size?: number; class?: string }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width={props.size ?? 20}
      height={props.size ?? 20}
      fill="currentColor"
      aria-hidden="true"
      class={props.class}
    >
      <path d={props.path} />
    </svg>
  );
}
