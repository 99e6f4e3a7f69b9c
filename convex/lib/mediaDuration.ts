// How long a voice clip lasts, read from its bytes (WAV, WebM/Matroska, Ogg, MP4): the declared length is never trusted.
import type { InlineType } from "./fileTypes";

/**
 * The clip's length in seconds, read from the file, or null when it cannot be determined
 * (a malformed or truncated file, an MP3, an MP4 whose movie header holds no duration).
 * - WAV: the data chunk's size / the fmt chunk's byte rate (the masked clips, src/platform/media/wav.ts).
 * - WebM/Matroska: the Info Duration element, or — MediaRecorder writes none — the last block's
 *   time (Cluster Timecode + the block's relative timecode, + BlockDuration if any); the larger
 *   of the two, so a file cannot declare itself shorter than its blocks. Times × TimecodeScale.
 * - Ogg: the last page's granule position (minus the pre-skip) / 48,000 for Opus, / the sample rate for Vorbis.
 * - MP4: the movie header (mvhd) duration / timescale, or for a fragmented file (MediaRecorder's)
 *   the end of its last fragment (tfdt + the trun sample durations) / the track's timescale.
 */
export function mediaDuration(bytes: Uint8Array, type: InlineType): number | null {
  const seconds = (() => {
    switch (type) {
      case "audio/wav":
        return wavDuration(bytes);
      case "audio/webm":
        return matroskaDuration(bytes);
      case "audio/ogg":
        return oggDuration(bytes);
      case "audio/mp4":
        return mp4Duration(bytes);
      default:
        return null; // MP3 (no recorder of the app writes it) and images: refused.
    }
  })();
  return seconds !== null && Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fourCC(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

// ---- WAV --------------------------------------------------------------------------------

function wavDuration(bytes: Uint8Array): number | null {
  if (bytes.length < 12 || fourCC(bytes, 0) !== "RIFF" || fourCC(bytes, 8) !== "WAVE") return null;
  const dv = view(bytes);
  let byteRate = 0;
  for (let at = 12; at + 8 <= bytes.length; ) {
    const id = fourCC(bytes, at);
    const size = dv.getUint32(at + 4, true);
    if (id === "fmt " && at + 20 <= bytes.length) byteRate = dv.getUint32(at + 16, true);
    if (id === "data") {
      if (byteRate === 0) return null;
      // A streamed WAV may carry a placeholder size: count only the bytes that are there.
      const present = Math.min(size, bytes.length - (at + 8));
      return present / byteRate;
    }
    at += 8 + size + (size % 2); // chunks are padded to an even size
  }
  return null;
}

// ---- WebM / Matroska (EBML) ---------------------------------------------------------------

const EBML = {
  segment: 0x18538067,
  cluster: 0x1f43b675,
  info: 0x1549a966,
  timecodeScale: 0x2ad7b1,
  duration: 0x4489,
  timecode: 0xe7,
  simpleBlock: 0xa3,
  blockGroup: 0xa0,
  block: 0xa1,
  blockDuration: 0x9b,
} as const;

/** Elements whose children are read in place (their size may be "unknown": MediaRecorder streams them). */
const CONTAINERS = new Set<number>([EBML.segment, EBML.cluster, EBML.info, EBML.blockGroup]);

/** An EBML variable-length integer at `at`: its value (marker bit removed, or raw with it for ids), length and whether it is "unknown". */
function vint(bytes: Uint8Array, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | null {
  const first = bytes[at];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // 1 for 0b1xxxxxxx … 8 for 0b00000001
  if (at + length > bytes.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

function readUint(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let i = 0; i < size; i++) value = value * 256 + bytes[at + i]!;
  return value;
}

function matroskaDuration(bytes: Uint8Array): number | null {
  const dv = view(bytes);
  let scale = 1_000_000; // the default TimecodeScale: 1 ms in ns
  let declared: number | null = null;
  let clusterTime: number | null = null;
  let lastEnd: number | null = null; // in TimecodeScale units
  let lastBlock: number | null = null; // the last block's time, to which a BlockDuration adds
  // One flat walk: containers are entered in place, everything else skipped by its size, so an
  // unknown-size Cluster simply ends where the next Cluster's id is read.
  for (let at = 0; at < bytes.length; ) {
    const id = vint(bytes, at, true);
    if (!id) break;
    const size = vint(bytes, at + id.length, false);
    if (!size) break;
    const start = at + id.length + size.length;
    if (CONTAINERS.has(id.value)) {
      at = start;
      continue;
    }
    if (size.unknown || start + size.value > bytes.length) break; // truncated: use what was read
    const end = start + size.value;
    if (id.value === EBML.timecodeScale) scale = readUint(bytes, start, size.value);
    else if (id.value === EBML.duration) {
      if (size.value === 4) declared = dv.getFloat32(start);
      else if (size.value === 8) declared = dv.getFloat64(start);
    } else if (id.value === EBML.timecode) clusterTime = readUint(bytes, start, size.value);
    else if (id.value === EBML.simpleBlock || id.value === EBML.block) {
      const track = vint(bytes, start, false);
      if (clusterTime === null || !track || start + track.length + 2 > end) return null;
      const time = clusterTime + dv.getInt16(start + track.length);
      lastBlock = time;
      lastEnd = Math.max(lastEnd ?? 0, time);
    } else if (id.value === EBML.blockDuration && lastBlock !== null) {
      lastEnd = Math.max(lastEnd ?? 0, lastBlock + readUint(bytes, start, size.value));
    }
    at = end;
  }
  if (scale <= 0) return null;
  const units = Math.max(declared ?? 0, lastEnd ?? 0);
  if (declared === null && lastEnd === null) return null;
  return (units * scale) / 1e9;
}

// ---- Ogg ----------------------------------------------------------------------------------

function oggDuration(bytes: Uint8Array): number | null {
  const dv = view(bytes);
  let rate = 0;
  let preSkip = 0;
  let serial: number | null = null;
  let granule: number | null = null;
  for (let at = 0; at + 27 <= bytes.length; ) {
    if (fourCC(bytes, at) !== "OggS") return null;
    const segments = bytes[at + 26]!;
    if (at + 27 + segments > bytes.length) break;
    let bodySize = 0;
    for (let i = 0; i < segments; i++) bodySize += bytes[at + 27 + i]!;
    const body = at + 27 + segments;
    if (body + bodySize > bytes.length) break; // a torn last page: keep the previous granule
    const pageSerial = dv.getUint32(at + 14, true);
    if (serial === null) {
      serial = pageSerial;
      if (bodySize >= 19 && fourCC(bytes, body) === "Opus" && fourCC(bytes, body + 4) === "Head") {
        rate = 48_000; // Opus granules always count 48 kHz samples
        preSkip = dv.getUint16(body + 10, true);
      } else if (bodySize >= 16 && bytes[body] === 1 && fourCC(bytes, body + 1) === "vorb") {
        rate = dv.getUint32(body + 12, true);
      } else return null;
    }
    const low = dv.getUint32(at + 6, true);
    const high = dv.getUint32(at + 10, true);
    const noGranule = low === 0xffffffff && high === 0xffffffff; // a page where no packet ends
    if (pageSerial === serial && !noGranule) granule = high * 2 ** 32 + low;
    at = body + bodySize;
  }
  if (rate === 0 || granule === null) return null;
  return (granule - preSkip) / rate;
}

// ---- MP4 ----------------------------------------------------------------------------------

function mp4Duration(bytes: Uint8Array): number | null {
  const moov = box(bytes, 0, bytes.length, "moov");
  if (!moov) return null;
  const dv = view(bytes);
  const mvhd = box(bytes, moov.start, moov.end, "mvhd");
  if (mvhd && mvhd.end - mvhd.start >= 32) {
    const { timescale, duration } = timed(bytes, mvhd.start);
    if (timescale > 0 && duration > 0 && duration !== 0xffffffff) return duration / timescale;
  }
  // A fragmented file (what MediaRecorder streams) has no length in its header: its first
  // track's fragments say when they start (tfdt) and how long their samples last (trun).
  const trak = box(bytes, moov.start, moov.end, "trak");
  const mdia = trak ? box(bytes, trak.start, trak.end, "mdia") : null;
  const mdhd = mdia ? box(bytes, mdia.start, mdia.end, "mdhd") : null;
  if (!mdhd || mdhd.end - mdhd.start < 32) return null;
  const { timescale } = timed(bytes, mdhd.start);
  const mvex = box(bytes, moov.start, moov.end, "mvex");
  const trex = mvex ? box(bytes, mvex.start, mvex.end, "trex") : null;
  const trexDuration = trex && trex.end - trex.start >= 16 ? dv.getUint32(trex.start + 12) : 0;
  let end = 0;
  for (const moof of boxes(bytes, 0, bytes.length, "moof")) {
    for (const traf of boxes(bytes, moof.start, moof.end, "traf")) {
      const fragmentEnd = trafEnd(bytes, traf, trexDuration);
      if (fragmentEnd === null) return null;
      end = Math.max(end, fragmentEnd);
    }
  }
  return timescale > 0 ? end / timescale : null;
}

/** mvhd's or mdhd's timescale and duration (version 0: 32-bit times, version 1: 64-bit). */
function timed(bytes: Uint8Array, at: number): { timescale: number; duration: number } {
  const dv = view(bytes);
  return bytes[at] === 1
    ? { timescale: dv.getUint32(at + 20), duration: readUint(bytes, at + 24, 8) }
    : { timescale: dv.getUint32(at + 12), duration: dv.getUint32(at + 16) };
}

/** When a track fragment's last sample ends: its decode time plus its samples' durations. */
function trafEnd(bytes: Uint8Array, traf: { start: number; end: number }, trexDuration: number): number | null {
  const dv = view(bytes);
  const tfhd = box(bytes, traf.start, traf.end, "tfhd");
  const tfdt = box(bytes, traf.start, traf.end, "tfdt");
  if (!tfhd || !tfdt) return null;
  const tfhdFlags = dv.getUint32(tfhd.start) & 0xffffff;
  let field = tfhd.start + 8; // after version/flags and track_ID
  if (tfhdFlags & 0x01) field += 8; // base-data-offset
  if (tfhdFlags & 0x02) field += 4; // sample-description-index
  const defaultDuration = tfhdFlags & 0x08 ? dv.getUint32(field) : trexDuration;
  let time = bytes[tfdt.start] === 1 ? readUint(bytes, tfdt.start + 4, 8) : dv.getUint32(tfdt.start + 4);
  for (const trun of boxes(bytes, traf.start, traf.end, "trun")) {
    const flags = dv.getUint32(trun.start) & 0xffffff;
    const count = dv.getUint32(trun.start + 4);
    let at = trun.start + 8;
    if (flags & 0x01) at += 4; // data-offset
    if (flags & 0x04) at += 4; // first-sample-flags
    const perSample = [0x100, 0x200, 0x400, 0x800].filter((bit) => flags & bit).length * 4;
    if (at + count * perSample > trun.end) return null;
    if (!(flags & 0x100)) time += count * defaultDuration;
    else for (let i = 0; i < count; i++) time += dv.getUint32(at + i * perSample);
  }
  return time;
}

/** Every `type` box directly inside [from, to), in order: their payloads' ranges. */
function boxes(bytes: Uint8Array, from: number, to: number, type: string): { start: number; end: number }[] {
  const found = [];
  for (let at = from; ; ) {
    const next = box(bytes, at, to, type);
    if (!next) return found;
    found.push(next);
    at = next.end;
  }
}

/** The first `type` box directly inside [from, to): its payload's range. */
function box(bytes: Uint8Array, from: number, to: number, type: string): { start: number; end: number } | null {
  const dv = view(bytes);
  for (let at = from; at + 8 <= to; ) {
    let size = dv.getUint32(at);
    let header = 8;
    if (size === 1) {
      if (at + 16 > to) return null;
      size = readUint(bytes, at + 8, 8);
      header = 16;
    } else if (size === 0) size = to - at; // to the end
    if (size < header || at + size > to) return null;
    if (fourCC(bytes, at + 4) === type) return { start: at + header, end: at + size };
    at += size;
  }
  return null;
}
