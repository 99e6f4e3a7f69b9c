// Wraps a live reader's value in a box, so "still loading" (no box yet) differs from "not on this device" (empty box).
import type { Live } from "../../db/queries";

export type Box<T> = { value: T };

export function boxed<T>(source: Live<T>): Live<Box<T>> {
  return {
    subscribe(next, error) {
      return source.subscribe((value) => next?.({ value }), error);
    },
  };
}
