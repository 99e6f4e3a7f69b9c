// Real upload bytes for the backend suites (PNG, WAV, WebM, Ogg, SVG, HTML) and uploading + registering them as a person.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import type { Person, TestConvex } from "./test.setup";

/** A 1×1 PNG. */
export const PNG = Uint8Array.from(
  atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="),
  (c) => c.charCodeAt(0),
);

/** An SVG carrying a script: never an image. */
export const SVG = new TextEncoder().encode(
  '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(localStorage.token)</script></svg>',
);

/** An HTML page. */
export const HTML = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");

/** Bytes of `size` that start like a PNG (for size limits). */
export function pngOfSize(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set(PNG.subarray(0, 16));
  return bytes;
}

/** A 16-bit mono PCM WAV of `seconds` (silence), as src/platform/media/wav.ts writes them. */
export function wav(seconds: number, sampleRate = 8000): Uint8Array {
  const samples = Math.round(seconds * sampleRate);
  const bytes = new Uint8Array(44 + samples * 2);
  const dv = new DataView(bytes.buffer);
  const text = (at: number, value: string) => [...value].forEach((c, i) => dv.setUint8(at + i, c.charCodeAt(0)));
  text(0, "RIFF");
  dv.setUint32(4, 36 + samples * 2, true);
  text(8, "WAVE");
  text(12, "fmt ");
  dv.setUint32(16, 16, true);
  dv.setUint16(20, 1, true);
  dv.setUint16(22, 1, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * 2, true);
  dv.setUint16(32, 2, true);
  dv.setUint16(34, 16, true);
  text(36, "data");
  dv.setUint32(40, samples * 2, true);
  return bytes;
}

// ---- WebM -------------------------------------------------------------------------------

const UNKNOWN_SIZE = [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];

/** An EBML element: id bytes, an 8-byte size (or "unknown", as MediaRecorder streams Segment and Cluster), payload. */
function element(id: number[], payload: number[], unknownSize = false): number[] {
  const size = unknownSize ? UNKNOWN_SIZE : [0x01, 0, 0, 0, ...uintBytes(payload.length, 4)];
  return [...id, ...size, ...payload];
}

function uintBytes(value: number, length: number): number[] {
  return Array.from({ length }, (_, i) => Math.floor(value / 256 ** (length - 1 - i)) % 256);
}

/**
 * A minimal WebM shaped like Chromium's MediaRecorder output: EBML header, a Segment and Clusters
 * of unknown size, Info with TimecodeScale (and a Duration only when `declaredMs` is given; the
 * recorder writes none), one Opus track, and a SimpleBlock every `frameMs` (20 ms) until `ms`, a
 * new Cluster each second (block timecodes are 16-bit, relative to their Cluster's Timecode).
 * The payloads are not real Opus: only the container is read.
 */
export function webm(ms: number, { frameMs = 20, declaredMs, scale = 1_000_000 }: { frameMs?: number; declaredMs?: number; scale?: number } = {}): Uint8Array {
  const unit = scale / 1_000_000; // ms per timecode unit
  const header = element([0x1a, 0x45, 0xdf, 0xa3], [
    ...element([0x42, 0x86], [1]),
    ...element([0x42, 0x82], [..."webm"].map((c) => c.charCodeAt(0))),
  ]);
  const info = element([0x15, 0x49, 0xa9, 0x66], [
    ...element([0x2a, 0xd7, 0xb1], uintBytes(scale, 4)),
    ...(declaredMs === undefined ? [] : element([0x44, 0x89], float64(declaredMs / unit))),
  ]);
  const tracks = element([0x16, 0x54, 0xae, 0x6b], [
    ...element([0xae], [...element([0xd7], [1]), ...element([0x83], [2]), ...element([0x86], [..."A_OPUS"].map((c) => c.charCodeAt(0)))]),
  ]);
  const clusters: number[] = [];
  for (let clusterMs = 0; clusterMs <= ms; clusterMs += 1000) {
    const blocks: number[] = [];
    for (let t = clusterMs; t < Math.min(clusterMs + 1000, ms + 1); t += frameMs) {
      const rel = Math.round((t - clusterMs) / unit);
      blocks.push(...element([0xa3], [0x81, ...uintBytes(rel, 2), 0x80, 0xfc, 0xff, 0xfe]));
    }
    clusters.push(...element([0x1f, 0x43, 0xb6, 0x75], [...element([0xe7], uintBytes(Math.round(clusterMs / unit), 4)), ...blocks], true));
  }
  return Uint8Array.from([...header, ...element([0x18, 0x53, 0x80, 0x67], [...info, ...tracks, ...clusters], true)]);
}

function float64(value: number): number[] {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, value);
  return [...bytes];
}

// ---- Ogg Opus -----------------------------------------------------------------------------

/**
 * A minimal Ogg Opus stream: an OpusHead page (pre-skip 312), an OpusTags page, then a page per
 * second whose granule position counts 48 kHz samples. CRCs are left zero (only the pages'
 * framing and granules are read).
 */
export function oggOpus(seconds: number, preSkip = 312): Uint8Array {
  const page = (granule: number, body: number[], sequence: number) => {
    const low = granule % 2 ** 32;
    const high = Math.floor(granule / 2 ** 32);
    const le = (value: number, length: number) => uintBytes(value, length).reverse();
    const segments: number[] = [];
    let left = body.length;
    do {
      segments.push(Math.min(255, left));
      left -= 255;
    } while (left >= 0);
    return [..."OggS"].map((c) => c.charCodeAt(0)).concat(0, sequence === 0 ? 2 : 0, le(low, 4), le(high, 4), le(7, 4), le(sequence, 4), [0, 0, 0, 0], segments.length, segments, body);
  };
  const head = [..."OpusHead"].map((c) => c.charCodeAt(0)).concat(1, 1, uintBytes(preSkip, 2).reverse(), uintBytes(48000, 4).reverse(), 0, 0, 0);
  const tags = [..."OpusTags"].map((c) => c.charCodeAt(0)).concat([0, 0, 0, 0, 0, 0, 0, 0]);
  const pages = [...page(0, head, 0), ...page(0, tags, 1)];
  for (let s = 1; s <= Math.ceil(seconds); s++) {
    pages.push(...page(Math.round(Math.min(s, seconds) * 48000) + preSkip, [0xfc, 0xff, 0xfe], s + 1));
  }
  return Uint8Array.from(pages);
}

// ---- Real recordings ----------------------------------------------------------------------

/**
 * A real clip Chromium's MediaRecorder wrote (fake microphone, about 2 s; made by
 * scripts/record-voice-fixture.mjs): "webm" is audio/webm;codecs=opus (no Duration element), "mp4" is
 * audio/mp4 (fragmented, no duration in its header).
 */
export function recorded(format: "webm" | "mp4"): Uint8Array {
  return new Uint8Array(readFileSync(fileURLToPath(new URL(`./testdata/mediarecorder-opus.${format}`, import.meta.url))));
}

// ---- Uploading ----------------------------------------------------------------------------

/** Stores `bytes` as an upload through the HTTP API would (the declared type is whatever the uploader sent). */
export async function storeBytes(t: TestConvex, bytes: Uint8Array, declaredType = "application/octet-stream"): Promise<Id<"_storage">> {
  return await t.run(async (ctx) => await ctx.storage.store(new Blob([bytes as BlobPart], { type: declaredType })));
}

/** Uploads `bytes` as `who` and registers them (files:registerUpload), as the app does; returns the storageId. */
export async function upload(t: TestConvex, who: Person, kind: "image" | "voice", bytes?: Uint8Array): Promise<Id<"_storage">> {
  const storageId = await storeBytes(t, bytes ?? (kind === "image" ? PNG : wav(2)));
  await who.as.action(api.files.registerUpload, { storageId, kind });
  return storageId;
}
