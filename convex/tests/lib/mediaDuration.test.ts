// Voice clip lengths read from the bytes: WAV, WebM/Matroska (with and without a Duration element), MP4, Ogg; what is refused.
import { describe, expect, test } from "vitest";
import { oggOpus, PNG, recorded, wav, webm } from "../uploads.fixtures";
import { mediaDuration } from "../../lib/mediaDuration";

describe("mediaDuration", () => {
  test("WAV: the data chunk over the byte rate, at any sample rate; a streamed placeholder size counts the bytes present", () => {
    expect(mediaDuration(wav(2), "audio/wav")).toBe(2);
    expect(mediaDuration(wav(1.25, 48000), "audio/wav")).toBe(1.25);
    const streamed = wav(1);
    new DataView(streamed.buffer).setUint32(40, 0xffffffff, true);
    expect(mediaDuration(streamed, "audio/wav")).toBe(1);
    expect(mediaDuration(wav(1).subarray(0, 36), "audio/wav")).toBeNull(); // no data chunk
  });

  test("WebM as MediaRecorder writes it (unknown sizes, no Duration): the last block's time", () => {
    expect(mediaDuration(webm(3000), "audio/webm")).toBeCloseTo(3, 3);
    expect(mediaDuration(webm(61_000), "audio/webm")).toBeCloseTo(61, 3);
    expect(mediaDuration(webm(2500, { scale: 500_000 }), "audio/webm")).toBeCloseTo(2.5, 3);
    expect(mediaDuration(recorded("webm"), "audio/webm")).toBeCloseTo(1.92, 2);
  });

  test("WebM with a Duration element: used, but never shorter than the blocks", () => {
    expect(mediaDuration(webm(500, { declaredMs: 1000 }), "audio/webm")).toBeCloseTo(1, 3);
    expect(mediaDuration(webm(90_000, { declaredMs: 1000 }), "audio/webm")).toBeCloseTo(90, 3);
  });

  test("a torn WebM counts the blocks it has; one without blocks or Duration is unknown", () => {
    const whole = webm(5000);
    expect(mediaDuration(whole.subarray(0, Math.floor(whole.length * 0.6)), "audio/webm")).toBeGreaterThan(2);
    expect(mediaDuration(whole.subarray(0, 80), "audio/webm")).toBeNull();
  });

  test("MP4: MediaRecorder's fragmented file, from its fragments", () => {
    expect(mediaDuration(recorded("mp4"), "audio/mp4")).toBeCloseTo(1.941, 3);
  });

  test("Ogg Opus: the last granule minus the pre-skip, at 48 kHz", () => {
    expect(mediaDuration(oggOpus(3), "audio/ogg")).toBeCloseTo(3, 5);
    expect(mediaDuration(oggOpus(0.5, 0), "audio/ogg")).toBeCloseTo(0.5, 5);
  });

  test("MP3, garbage and an empty clip are unknown (null)", () => {
    expect(mediaDuration(Uint8Array.from([0x49, 0x44, 0x33, 3, 0]), "audio/mpeg")).toBeNull();
    expect(mediaDuration(PNG, "audio/webm")).toBeNull();
    expect(mediaDuration(PNG, "audio/ogg")).toBeNull();
    expect(mediaDuration(PNG, "audio/mp4")).toBeNull();
    expect(mediaDuration(wav(0), "audio/wav")).toBeNull();
  });
});
