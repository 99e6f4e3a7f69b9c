// A generated picture for e2e uploads (no fixture file on disk), encoded by the seed's PNG writer.
import { encodePng } from "../../local-backend/seed/png";

/** A width×height RGB PNG with a diagonal gradient (distinct enough to see in a thumbnail). */
export function gradientPng(width = 640, height = 480): Buffer {
  return encodePng(width, height, (x, y) => [Math.round((255 * x) / width), Math.round((255 * y) / height), 180]);
}
