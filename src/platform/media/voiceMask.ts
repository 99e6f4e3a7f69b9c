// The voice mask on the device: decode the recorded clip, shift its pitch (duration kept), encode it as WAV.
import { encodeWav, wavBytes } from "./wav";
import { MASK_SEMITONES, mixDown, pitchShift, resample, semitoneRatio } from "./pitchShift";

/** The server takes voice clips up to 2 MB. */
export const MAX_VOICE_BYTES = 2 * 1024 * 1024;
/** Masked clips are speech: 16 kHz is plenty (lower for long clips, to stay under MAX_VOICE_BYTES). */
export const MASK_SAMPLE_RATE = 16_000;

export function rateFor(seconds: number, maxBytes = MAX_VOICE_BYTES): number {
  const fits = Math.floor((maxBytes - 1024) / 2 / Math.max(seconds, 0.001));
  return Math.max(4000, Math.min(MASK_SAMPLE_RATE, fits));
}

export type MaskedClip = { blob: Blob; duration: number };

/** The pure part of maskVoice. */
export function maskSamples(samples: Float32Array, sampleRate: number, semitones = MASK_SEMITONES): MaskedClip {
  const duration = samples.length / sampleRate;
  const rate = rateFor(duration);
  const shifted = pitchShift(samples, sampleRate, semitoneRatio(semitones));
  const out = resample(shifted, sampleRate, rate);
  if (wavBytes(out.length) > MAX_VOICE_BYTES) throw new Error("This voice whisper is too long to send.");
  return { blob: encodeWav(out, rate), duration };
}

/** Any type the browser decodes, through an OfflineAudioContext: entirely on the device. */
export async function maskVoice(clip: Blob, semitones = MASK_SEMITONES): Promise<MaskedClip> {
  const context = new OfflineAudioContext(1, 1, MASK_SAMPLE_RATE);
  const decoded = await context.decodeAudioData(await clip.arrayBuffer());
  const channels = Array.from({ length: decoded.numberOfChannels }, (_, i) => decoded.getChannelData(i));
  return maskSamples(mixDown(channels), decoded.sampleRate, semitones);
}
