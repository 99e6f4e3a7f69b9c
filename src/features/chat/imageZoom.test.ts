// The image viewer's geometry: fit (contain), zoom about a point, pan within the picture's reach.
import { describe, expect, it } from "vitest";
import { clampView, fitSize, FITTED, maxScale, panBy, zoomAt } from "./imageZoom";

const stage = { width: 1000, height: 800 };

describe("fitSize", () => {
  it("fits a wide picture to the stage's width and a tall one to its height, keeping the aspect", () => {
    expect(fitSize({ width: 2000, height: 1000 }, stage)).toEqual({ width: 1000, height: 500 });
    expect(fitSize({ width: 1200, height: 1600 }, stage)).toEqual({ width: 600, height: 800 });
  });

  it("leaves a small picture at its own size, and an unknown one empty", () => {
    expect(fitSize({ width: 300, height: 200 }, stage)).toEqual({ width: 300, height: 200 });
    expect(fitSize({ width: 0, height: 0 }, stage)).toEqual({ width: 0, height: 0 });
  });
});

describe("maxScale", () => {
  it("is 4× at least, more for a picture shrunk a lot to fit", () => {
    expect(maxScale({ width: 1000, height: 500 }, { width: 1000, height: 500 })).toBe(4);
    expect(maxScale({ width: 4000, height: 2000 }, { width: 1000, height: 500 })).toBe(8);
  });
});

describe("zoom and pan", () => {
  const fitted = { width: 1000, height: 500 };

  it("zooms about the centre without moving it", () => {
    expect(zoomAt(FITTED, 2, { x: 0, y: 0 }, fitted, stage, 4)).toEqual({ scale: 2, x: 0, y: 0 });
  });

  it("keeps the point under the pointer where it was", () => {
    const at = { x: 200, y: 100 };
    const view = zoomAt(FITTED, 2, at, fitted, stage, 4);
    // The picture's point under `at` was (200, 100) from its centre at scale 1; at scale 2 it is drawn at centre + 2×.
    expect(view).toEqual({ scale: 2, x: -200, y: -100 });
    expect(view.x + 2 * 200).toBe(at.x);
    expect(view.y + 2 * 100).toBe(at.y);
  });

  it("never zooms below fitted or past the maximum", () => {
    expect(zoomAt(FITTED, 0.5, { x: 0, y: 0 }, fitted, stage, 4).scale).toBe(1);
    expect(zoomAt(FITTED, 9, { x: 0, y: 0 }, fitted, stage, 4).scale).toBe(4);
  });

  it("pans only as far as the zoomed picture reaches beyond the stage", () => {
    const zoomed = { scale: 2, x: 0, y: 0 }; // 2000 × 1000 on 1000 × 800: 500 px each side, 100 above and below
    expect(panBy(zoomed, 120, -40, fitted, stage, 4)).toEqual({ scale: 2, x: 120, y: -40 });
    expect(panBy(zoomed, 900, 900, fitted, stage, 4)).toEqual({ scale: 2, x: 500, y: 100 });
    expect(panBy(FITTED, 50, 50, fitted, stage, 4)).toEqual(FITTED);
  });

  it("recentres a picture zoomed back out to fit", () => {
    expect(clampView({ scale: 1, x: 300, y: -200 }, fitted, stage, 4)).toEqual(FITTED);
  });
});
