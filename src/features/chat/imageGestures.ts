// Touch and pen in the image viewer: swipe to the previous / next picture, swipe down to close, pan when zoomed, pinch, double tap.
import type { Accessor, Setter } from "solid-js";
import { panBy, zoomAt, type Point, type Size, type View } from "./imageZoom";

/** A horizontal swipe this long (CSS px) goes to the previous / next picture; a downward one closes. */
const SWIPE_DISTANCE = 60;
const CLOSE_DISTANCE = 110;
/** A second tap within this long and this near is a double tap. */
const DOUBLE_TAP_MS = 300;
const DOUBLE_TAP_SLOP = 30;
const TAP_SLOP = 8;
/** A dblclick this soon after a finger lifted is the browser's echo of a double tap already handled. */
const TOUCH_ECHO_MS = 600;

type Gesture =
  | { kind: "pan"; start: Point; view: View }
  | { kind: "swipe"; start: Point; axis?: "x" | "y" }
  | { kind: "pinch"; distance: number; middle: Point; view: View };

export type GestureTarget = {
  fromCentre(event: { clientX: number; clientY: number }): Point;
  capture(pointerId: number): void;
  view: Accessor<View>;
  setView: Setter<View>;
  zoomed(): boolean;
  zoomTo(scale: number): void;
  toggleZoom(at: Point): void;
  bounds(): { fitted: Size; stage: Size; max: number };
  /** How far the picture follows a swipe (released: back to 0). */
  drag: Accessor<Point>;
  setDrag: Setter<Point>;
  setAnimated: Setter<boolean>;
  /** False when there is none. */
  step(direction: -1 | 1): boolean;
  close(): void;
};

/** Also tells whether a dblclick is a mouse's own or a touch's echo. */
export function createImageGestures(o: GestureTarget) {
  const pointers = new Map<number, Point>();
  let gesture: Gesture | undefined;
  let downAt = { time: 0, point: { x: 0, y: 0 } };
  let lastTap = { time: 0, point: { x: 0, y: 0 } };
  /** When a finger or pen last lifted: the browser may follow a double tap with a dblclick, already handled. */
  let lastTouchUp = -Infinity;
  const twoPointers = () => {
    const [a, b] = [...pointers.values()] as [Point, Point];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y) || 1, middle: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 } };
  };
  const startSingle = (point: Point): Gesture => (o.zoomed() ? { kind: "pan", start: point, view: o.view() } : { kind: "swipe", start: point });

  const onPointerDown = (event: PointerEvent) => {
    if (event.pointerType === "mouse" && event.button !== 0) return;
    o.capture(event.pointerId);
    const point = o.fromCentre(event);
    pointers.set(event.pointerId, point);
    o.setAnimated(false);
    if (pointers.size === 1) {
      downAt = { time: event.timeStamp, point };
      // A mouse does not swipe: at the fitted size it only double-clicks to zoom.
      gesture = event.pointerType === "mouse" && !o.zoomed() ? undefined : startSingle(point);
    } else if (pointers.size === 2) {
      o.setDrag({ x: 0, y: 0 });
      gesture = { kind: "pinch", ...twoPointers(), view: o.view() };
    }
  };

  const onPointerMove = (event: PointerEvent) => {
    if (!pointers.has(event.pointerId)) return;
    const point = o.fromCentre(event);
    pointers.set(event.pointerId, point);
    if (!gesture) return;
    const b = o.bounds();
    if (gesture.kind === "pan") {
      o.setView(panBy(gesture.view, point.x - gesture.start.x, point.y - gesture.start.y, b.fitted, b.stage, b.max));
    } else if (gesture.kind === "swipe") {
      const dx = point.x - gesture.start.x;
      const dy = point.y - gesture.start.y;
      gesture.axis ??= Math.hypot(dx, dy) < TAP_SLOP ? undefined : Math.abs(dx) >= Math.abs(dy) ? "x" : "y";
      if (gesture.axis === "x") o.setDrag({ x: dx, y: 0 });
      if (gesture.axis === "y") o.setDrag({ x: 0, y: Math.max(0, dy) });
    } else if (pointers.size >= 2) {
      const now = twoPointers();
      const pinched = zoomAt(gesture.view, (gesture.view.scale * now.distance) / gesture.distance, gesture.middle, b.fitted, b.stage, b.max);
      o.setView(panBy(pinched, now.middle.x - gesture.middle.x, now.middle.y - gesture.middle.y, b.fitted, b.stage, b.max));
    }
  };

  const onPointerUp = (event: PointerEvent) => {
    if (!pointers.has(event.pointerId)) return;
    const point = o.fromCentre(event);
    pointers.delete(event.pointerId);
    const ended = gesture;
    if (event.pointerType !== "mouse") lastTouchUp = event.timeStamp;
    if (pointers.size === 1) {
      // One finger of a pinch lifted: the other pans (or swipes) on from where it is.
      gesture = startSingle([...pointers.values()][0]!);
      return;
    }
    if (pointers.size > 1) return;
    gesture = undefined;
    if (ended?.kind === "pinch" && o.view().scale <= 1.05) o.zoomTo(1);
    if (ended?.kind === "swipe") {
      const moved = o.drag();
      o.setAnimated(true);
      o.setDrag({ x: 0, y: 0 });
      if (moved.x <= -SWIPE_DISTANCE && o.step(1)) return;
      if (moved.x >= SWIPE_DISTANCE && o.step(-1)) return;
      if (moved.y >= CLOSE_DISTANCE) return o.close();
    }
    // A tap (not a mouse: it has dblclick) that follows another one near it zooms.
    const tap = event.timeStamp - downAt.time < DOUBLE_TAP_MS && Math.hypot(point.x - downAt.point.x, point.y - downAt.point.y) < TAP_SLOP;
    if (!tap || event.pointerType === "mouse" || ended?.kind === "pinch") return;
    const near = Math.hypot(point.x - lastTap.point.x, point.y - lastTap.point.y) < DOUBLE_TAP_SLOP;
    if (event.timeStamp - lastTap.time < DOUBLE_TAP_MS && near) {
      lastTap = { time: 0, point };
      o.toggleZoom(point);
    } else {
      lastTap = { time: event.timeStamp, point };
    }
  };

  const onPointerCancel = (event: PointerEvent) => {
    pointers.delete(event.pointerId);
    if (pointers.size > 0) return;
    gesture = undefined;
    o.setAnimated(true);
    o.setDrag({ x: 0, y: 0 });
  };

  return {
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel,
    notJustTouched: (timeStamp: number) => timeStamp - lastTouchUp > TOUCH_ECHO_MS,
  };
}
