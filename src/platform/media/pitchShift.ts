// The voice mask's DSP: a WSOLA time stretch + resample pitch shifter that keeps the clip's duration (pure, testable).

/** The mask's default shift: five semitones down (a deeper, unrecognisable voice). */
export const MASK_SEMITONES = -5;

/** The playback-rate factor of a shift in semitones (+12 = one octave up = ×2). */
export function semitoneRatio(semitones: number): number {
  return 2 ** (semitones / 12);
}

function hann(size: number): Float32Array {
  const w = new Float32Array(size);
  for (let i = 0; i < size; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  return w;
}

/** x(t) by linear interpolation; 0 outside the signal. */
function sampleAt(x: Float32Array, t: number): number {
  if (t < 0 || t > x.length - 1) return 0;
  const i = Math.floor(t);
  const frac = t - i;
  const a = x[i]!;
  return i + 1 < x.length ? a + (x[i + 1]! - a) * frac : a;
}

export type PitchShiftOptions = {
  /** Frame length in seconds (default 30 ms). */
  frameSeconds?: number;
  /** How far a frame may move to line up with the previous one, in seconds (default 8 ms). */
  toleranceSeconds?: number;
};

/** Pitch kept: each frame moves within the tolerance to best continue the previous one, so no phase jumps. */
export function timeStretch(input: Float32Array, sampleRate: number, factor: number, options: PitchShiftOptions = {}): Float32Array {
  const size = 2 * Math.max(8, Math.round(((options.frameSeconds ?? 0.03) * sampleRate) / 2));
  const synthesisHop = size / 2;
  const analysisHop = synthesisHop / factor;
  const tolerance = Math.round((options.toleranceSeconds ?? 0.008) * sampleRate);
  const outLength = Math.round(input.length * factor);
  const out = new Float32Array(outLength + size);
  const weight = new Float32Array(outLength + size);
  const window = hann(size);
  const at = (i: number) => (i >= 0 && i < input.length ? input[i]! : 0);
  let previous = 0;
  for (let k = 0; k * synthesisHop < outLength; k++) {
    let position = 0;
    if (k > 0) {
      const nominal = Math.round(k * analysisHop);
      const natural = previous + synthesisHop;
      let best = -Infinity;
      for (let delta = -tolerance; delta <= tolerance; delta++) {
        const candidate = nominal + delta;
        if (candidate < 0) continue;
        let score = 0;
        for (let n = 0; n < synthesisHop; n += 2) score += at(natural + n) * at(candidate + n);
        if (score > best) [best, position] = [score, candidate];
      }
    }
    const base = k * synthesisHop;
    for (let n = 0; n < size; n++) {
      const w = window[n]!;
      out[base + n] = out[base + n]! + at(position + n) * w;
      weight[base + n] = weight[base + n]! + w;
    }
    previous = position;
  }
  const result = new Float32Array(outLength);
  for (let i = 0; i < outLength; i++) result[i] = weight[i]! > 1e-3 ? out[i]! / weight[i]! : out[i]!;
  return result;
}

/** Same length out: stretch by `ratio` (pitch kept), then read `ratio` times faster (frequencies scaled, duration back). */
export function pitchShift(input: Float32Array, sampleRate: number, ratio: number, options: PitchShiftOptions = {}): Float32Array {
  if (ratio === 1) return input.slice();
  const stretched = timeStretch(input, sampleRate, ratio, options);
  const out = new Float32Array(input.length);
  for (let i = 0; i < out.length; i++) out[i] = sampleAt(stretched, i * ratio);
  return out;
}

export function mixDown(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0]!;
  const out = new Float32Array(channels[0]?.length ?? 0);
  for (const channel of channels) for (let i = 0; i < out.length; i++) out[i] = out[i]! + channel[i]! / channels.length;
  return out;
}

/** Linear-interpolation resampling (each output sample averages the input it covers when shrinking). */
export function resample(input: Float32Array, from: number, to: number): Float32Array {
  if (from === to) return input;
  const step = from / to;
  const out = new Float32Array(Math.max(1, Math.round(input.length / step)));
  for (let i = 0; i < out.length; i++) {
    const t = i * step;
    if (step <= 1) {
      out[i] = sampleAt(input, t);
    } else {
      let sum = 0;
      let count = 0;
      for (let k = Math.floor(t); k < Math.min(input.length, Math.floor(t + step)); k++, count++) sum += input[k]!;
      out[i] = count > 0 ? sum / count : sampleAt(input, t);
    }
  }
  return out;
}
