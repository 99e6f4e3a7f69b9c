// What an uploaded file is, decided from its bytes (magic numbers), and which types may be shown inline.

/** A type the app shows inline: the images it displays and the voice formats it records. */
export type InlineType =
  | "image/jpeg"
  | "image/png"
  | "image/webp"
  | "image/gif"
  | "audio/webm"
  | "audio/ogg"
  | "audio/wav"
  | "audio/mp4"
  | "audio/mpeg";

export type FileKind = "image" | "voice";

/** The inline types of each kind of attachment; SVG is never an image. */
export const KIND_TYPES: Record<FileKind, readonly InlineType[]> = {
  image: ["image/jpeg", "image/png", "image/webp", "image/gif"],
  voice: ["audio/webm", "audio/ogg", "audio/wav", "audio/mp4", "audio/mpeg"],
};

/** Every type served inline; anything else is served as an attachment (`application/octet-stream`). */
export const INLINE_TYPES: ReadonlySet<string> = new Set<string>([...KIND_TYPES.image, ...KIND_TYPES.voice]);

/** The bytes of the file's start that `sniffType` needs (at most). */
export const SNIFF_BYTES = 16;

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((byte, i) => bytes[offset + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/**
 * The allowlisted type these bytes are, or null when they are none of them (HTML, SVG, scripts,
 * anything unknown). Only the first `SNIFF_BYTES` bytes are looked at.
 */
export function sniffType(bytes: Uint8Array): InlineType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, ascii("GIF87a")) || startsWith(bytes, ascii("GIF89a"))) return "image/gif";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WEBP"), 8)) return "image/webp";
  if (startsWith(bytes, ascii("RIFF")) && startsWith(bytes, ascii("WAVE"), 8)) return "audio/wav";
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return "audio/webm";
  if (startsWith(bytes, ascii("OggS"))) return "audio/ogg";
  if (startsWith(bytes, ascii("ftyp"), 4)) return "audio/mp4";
  if (startsWith(bytes, ascii("ID3")) || (bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) {
    return "audio/mpeg";
  }
  return null;
}

/** The kind an inline type belongs to. */
export function kindOfType(type: string): FileKind | null {
  if ((KIND_TYPES.image as readonly string[]).includes(type)) return "image";
  if ((KIND_TYPES.voice as readonly string[]).includes(type)) return "voice";
  return null;
}
