// The voice mask's DSP on a synthetic sine: the dominant frequency moves by the ratio, the duration stays.
import { describe, expect, it } from "vitest";
import { mixDown, pitchShift, resample, semitoneRatio, timeStretch } from "./pitchShift";
import { maskSamples, rateFor, MAX_VOICE_BYTES } from "./voiceMask";
import { encodeWav } from "./wav";

function sine(freq: number, seconds: number, rate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < out.length; i++) out[i] = 0.6 * Math.sin((2 * Math.PI * freq * i) / rate);
  return out;
}

/** Goertzel power of `freq` in `x`. */
function power(x: Float32Array, rate: number, freq: number): number {
  const k = (2 * Math.PI * freq) / rate;
  const coeff = 2 * Math.cos(k);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const s0 = x[i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** The strongest frequency between 80 and 2000 Hz, to the nearest 2 Hz. */
function dominant(x: Float32Array, rate: number): number {
  let best = 0;
  let bestPower = -1;
  for (let f = 80; f <= 2000; f += 2) {
    const p = power(x, rate, f);
    if (p > bestPower) [best, bestPower] = [f, p];
  }
  return best;
}

describe("pitchShift", () => {
  const rate = 16_000;

  it("lowers a 440 Hz sine by five semitones and keeps its length", () => {
    const input = sine(440, 1, rate);
    const ratio = semitoneRatio(-5);
    const out = pitchShift(input, rate, ratio);
    expect(out.length).toBe(input.length);
    expect(dominant(input, rate)).toBe(440);
    expect(Math.abs(dominant(out, rate) - 440 * ratio)).toBeLessThanOrEqual(4);
  });

  it("raises a 300 Hz sine by an octave", () => {
    const out = pitchShift(sine(300, 0.8, rate), rate, 2);
    expect(out.length).toBe(Math.round(0.8 * rate));
    expect(Math.abs(dominant(out, rate) - 600)).toBeLessThanOrEqual(4);
  });

  it("keeps the signal's energy spread over the whole clip (no silent tail or head)", () => {
    const out = pitchShift(sine(440, 1, rate), rate, 0.75);
    const rms = (a: number, b: number) => Math.sqrt(out.slice(a, b).reduce((s, v) => s + v * v, 0) / (b - a));
    expect(rms(0, 1600)).toBeGreaterThan(0.2);
    expect(rms(out.length - 1600, out.length)).toBeGreaterThan(0.2);
  });

  it("stretches time without changing the pitch", () => {
    const out = timeStretch(sine(500, 0.5, rate), rate, 1.5);
    expect(out.length).toBe(12_000);
    expect(dominant(out, rate)).toBe(500);
  });

  it("shifts every partial of a two-tone signal", () => {
    const a = sine(300, 1, rate);
    const b = sine(700, 1, rate);
    const mix = a.map((v, i) => v + 0.5 * b[i]!);
    const out = pitchShift(mix, rate, 0.8);
    expect(Math.abs(dominant(out, rate) - 240)).toBeLessThanOrEqual(4);
    expect(power(out, rate, 560)).toBeGreaterThan(power(out, rate, 700) * 10);
  });

  it("ratio 1 returns the signal unchanged", () => {
    const input = sine(440, 0.2, rate);
    const out = pitchShift(input, rate, 1);
    for (let i = 0; i < input.length; i += 97) expect(out[i]).toBeCloseTo(input[i]!, 4);
  });
});

describe("helpers", () => {
  it("mixes channels down and resamples keeping the frequency", () => {
    const a = sine(440, 0.5, 48_000);
    expect(mixDown([a, a])[100]).toBeCloseTo(a[100]!, 6);
    const down = resample(a, 48_000, 16_000);
    expect(down.length).toBe(8000);
    expect(dominant(down, 16_000)).toBe(440);
  });

  it("picks a sample rate that keeps a 120 s clip under 2 MB", () => {
    expect(rateFor(10)).toBe(16_000);
    expect(44 + rateFor(120) * 120 * 2).toBeLessThanOrEqual(MAX_VOICE_BYTES);
  });

  it("encodes a WAV header and 16-bit samples", async () => {
    const blob = encodeWav(new Float32Array([0, 1, -1]), 8000);
    const view = new DataView(await blob.arrayBuffer());
    expect(blob.type).toBe("audio/wav");
    expect(String.fromCharCode(view.getUint8(0), view.getUint8(1), view.getUint8(2), view.getUint8(3))).toBe("RIFF");
    expect(view.getUint32(24, true)).toBe(8000);
    expect(view.getInt16(46, true)).toBe(32767);
    expect(view.getInt16(48, true)).toBe(-32768);
  });

  it("masks samples into a WAV with the same duration", () => {
    const { blob, duration } = maskSamples(sine(440, 2, 16_000), 16_000);
    expect(duration).toBe(2);
    expect(blob.size).toBe(44 + 2 * 16_000 * 2);
  });
});
