// Image compression sizing: the longest edge is capped at 1600 px, aspect ratio kept, never upscaled.
import { describe, expect, it } from "vitest";
import { fitWithin } from "./imageCompress";

describe("fitWithin", () => {
  it("scales a large landscape picture to 1600 px wide", () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
  });
  it("scales a portrait picture by its height", () => {
    expect(fitWithin(1000, 4000)).toEqual({ width: 400, height: 1600 });
  });
  it("leaves small pictures alone", () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
