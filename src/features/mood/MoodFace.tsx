// The 12 moods as drawn faces (SVG, one stroke style): they look the same on every device, with or without an emoji font.
import { For } from "solid-js";

type Part = { d: string; fill?: boolean };

const dot = (cx: number, cy: number, r = 1.15): Part => ({
  d: `M${cx - r} ${cy}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`,
  fill: true,
});
const DOT_EYES = [dot(9, 10.2), dot(15, 10.2)];

/** Eyes, brows, mouth and extras of each mood on a 24 × 24 face (the circle is drawn for all). */
const FACES: Record<string, Part[]> = {
  happy: [...DOT_EYES, { d: "M7.8 14.2q4.2 4 8.4 0" }],
  calm: [{ d: "M7.4 10.6q1.6 1.3 3.2 0" }, { d: "M13.4 10.6q1.6 1.3 3.2 0" }, { d: "M9.4 15.1q2.6 1.8 5.2 0" }],
  excited: [
    { d: "M7.4 10.8l1.6-1.9l1.6 1.9" },
    { d: "M13.4 10.8l1.6-1.9l1.6 1.9" },
    { d: "M7.6 13.4h8.8q-.6 4.6-4.4 4.6t-4.4-4.6z", fill: true },
  ],
  grateful: [
    { d: "M7.4 10.8q1.6-1.6 3.2 0" },
    { d: "M13.4 10.8q1.6-1.6 3.2 0" },
    { d: "M8.6 14.4q3.4 3.2 6.8 0" },
    { d: "M5.8 13.2h1.6M16.6 13.2h1.6" },
  ],
  hopeful: [dot(9, 9.6), dot(15, 9.6), { d: "M7.6 7.2q1.4-1.2 2.8 0M13.6 7.2q1.4-1.2 2.8 0" }, { d: "M9 14.6q3 2.4 6 0" }],
  curious: [dot(9, 10.4), dot(15, 10.4), { d: "M7.6 8.2l2.8-.4M13.4 7.2q1.6-1.2 3 .2" }, { d: "M10 15.6l4.2-1" }],
  anxious: [
    dot(9, 10.6),
    dot(15, 10.6),
    { d: "M7.4 8.6l3-1.2M16.6 8.6l-3-1.2" },
    { d: "M7.8 15.6q1.05-1.2 2.1 0t2.1 0t2.1 0t2.1 0" },
    { d: "M18.6 5.4q1.2 1.8 0 2.6q-1.2-.8 0-2.6z", fill: true },
  ],
  sad: [dot(9, 10.2), dot(15, 10.2), { d: "M8.4 16.6q3.6-3.2 7.2 0" }, { d: "M8.4 12.6q.8 1.3 0 2q-.8-.7 0-2z", fill: true }],
  lonely: [
    { d: "M7.3 10.4a1.7 1.7 0 1 0 3.4 0a1.7 1.7 0 1 0 -3.4 0M13.3 10.4a1.7 1.7 0 1 0 3.4 0a1.7 1.7 0 1 0 -3.4 0" },
    dot(9.2, 10.9, 0.7),
    dot(15.2, 10.9, 0.7),
    { d: "M7.6 8.2l2.6-1M16.4 8.2l-2.6-1" },
    { d: "M10 16q2-1.4 4 0" },
  ],
  angry: [dot(9, 11), dot(15, 11), { d: "M7.2 7.8l3.4 1.6M16.8 7.8l-3.4 1.6" }, { d: "M8.6 16.4q3.4-2.4 6.8 0" }],
  tired: [{ d: "M7.4 10.8h3.2M13.4 10.8h3.2" }, { d: "M10.6 15.6a1.4 1.4 0 1 0 2.8 0a1.4 1.4 0 1 0 -2.8 0" }, { d: "M17.4 2.6h2.8l-2.8 3h2.8" }],
  bored: [{ d: "M7.4 9.8h3.2M13.4 9.8h3.2" }, dot(9.4, 11, 0.9), dot(15.4, 11, 0.9), { d: "M9 15.4h6" }],
};

/** Any other mood (a newer server's): a plain face. */
const NEUTRAL: Part[] = [...DOT_EYES, { d: "M9.2 15h5.6" }];

/** Decorative: the mood's word is always beside it. */
export function MoodFace(props: { mood: string | undefined; size?: number; class?: string }) {
  const parts = () => FACES[props.mood ?? ""] ?? NEUTRAL;
  return (
    <svg
      class={`mood-face mood-face-${props.mood && props.mood in FACES ? props.mood : "neutral"} ${props.class ?? ""}`}
      viewBox="0 0 24 24"
      width={props.size ?? 20}
      height={props.size ?? 20}
      aria-hidden="true"
    >
      <circle class="mood-face-skin" cx="12" cy="12" r="9.6" />
      <For each={parts()}>{(part) => <path d={part.d} class={part.fill ? "mood-face-fill" : "mood-face-line"} />}</For>
    </svg>
  );
}
