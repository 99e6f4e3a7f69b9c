// The image viewer's geometry: the picture fitted to the screen, zoomed about a point, panned only as far as it reaches.

export type Size = { width: number; height: number };
export type Point = { x: number; y: number };

/** `scale` times the fitted size (1 = fitted), centre moved (`x`, `y`) CSS px from the stage's. */
export type View = { scale: number; x: number; y: number };

export const FITTED: View = { scale: 1, x: 0, y: 0 };

/** The furthest zoom is at least this over the fitted size (maxScale). */
const MIN_MAX_SCALE = 4;

/** Contain, never enlarged past its own pixels. */
export function fitSize(natural: Size, stage: Size): Size {
  if (natural.width <= 0 || natural.height <= 0) return { width: 0, height: 0 };
  const ratio = Math.min(1, stage.width / natural.width, stage.height / natural.height);
  return { width: natural.width * ratio, height: natural.height * ratio };
}

/** 4×, or far enough to see each of the picture's pixels twice its size. */
export function maxScale(natural: Size, fitted: Size): number {
  if (fitted.width <= 0) return MIN_MAX_SCALE;
  return Math.max(MIN_MAX_SCALE, (2 * natural.width) / fitted.width);
}

/** Scale within [1, max], moved back until the picture covers what it can of the stage. */
export function clampView(view: View, fitted: Size, stage: Size, max: number): View {
  const scale = Math.min(max, Math.max(1, view.scale));
  const reachX = Math.max(0, (fitted.width * scale - stage.width) / 2);
  const reachY = Math.max(0, (fitted.height * scale - stage.height) / 2);
  const clamp = (value: number, reach: number) => Math.min(reach, Math.max(-reach, value)) || 0;
  return { scale, x: clamp(view.x, reachX), y: clamp(view.y, reachY) };
}

/** Keeps the point under `at` where it is, as far as the edges allow. */
export function zoomAt(view: View, scale: number, at: Point, fitted: Size, stage: Size, max: number): View {
  const next = Math.min(max, Math.max(1, scale));
  const ratio = next / view.scale;
  return clampView({ scale: next, x: at.x - (at.x - view.x) * ratio, y: at.y - (at.y - view.y) * ratio }, fitted, stage, max);
}

export function panBy(view: View, dx: number, dy: number, fitted: Size, stage: Size, max: number): View {
  return clampView({ ...view, x: view.x + dx, y: view.y + dy }, fitted, stage, max);
}
