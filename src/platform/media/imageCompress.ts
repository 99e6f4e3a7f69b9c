// Image compression on the device before queueing: longest edge ≤ 1600 px, JPEG (or WebP) at quality 0.8.
import { KIND_TYPES } from "../../../convex/lib/fileTypes";

export const MAX_EDGE = 1600;
export const QUALITY = 0.8;
/** The server takes images up to 5 MB. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Never upscaled. */
export function fitWithin(width: number, height: number, maxEdge = MAX_EDGE): { width: number; height: number } {
  const longest = Math.max(width, height);
  if (longest <= maxEdge || longest === 0) return { width, height };
  const scale = maxEdge / longest;
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;

function canvasOf(width: number, height: number): Canvas {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(width, height);
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

function encode(canvas: Canvas, type: string, quality: number): Promise<Blob | null> {
  if ("convertToBlob" in canvas) return canvas.convertToBlob({ type, quality }).catch(() => null);
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/**
 * EXIF orientation applied; WebP where transparency may matter (PNG/GIF/WebP sources). The original wins when smaller
 * and already acceptable: a type the server refuses (BMP, AVIF) is always re-encoded.
 */
export async function compressImage(file: Blob): Promise<Blob> {
  if (!file.type.startsWith("image/")) throw new Error("Choose an image file.");
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    throw new Error("This image could not be read.");
  }
  const natural = { width: bitmap.width, height: bitmap.height };
  const size = fitWithin(natural.width, natural.height);
  const canvas = canvasOf(size.width, size.height);
  const context = canvas.getContext("2d") as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!context) throw new Error("This browser cannot resize images.");
  const keepsAlpha = /image\/(png|gif|webp)/.test(file.type);
  if (!keepsAlpha) {
    context.fillStyle = "#fff";
    context.fillRect(0, 0, size.width, size.height);
  }
  context.drawImage(bitmap, 0, 0, size.width, size.height);
  bitmap.close();
  const type = keepsAlpha ? "image/webp" : "image/jpeg";
  const encoded = (await encode(canvas, type, QUALITY)) ?? (await encode(canvas, "image/jpeg", QUALITY));
  if (!encoded) throw new Error("This image could not be compressed.");
  const sendable = KIND_TYPES.image.some((type) => type === file.type);
  const originalFits = sendable && size.width === natural.width && file.size <= MAX_IMAGE_BYTES && file.size <= encoded.size;
  const result = originalFits ? file : encoded;
  if (result.size > MAX_IMAGE_BYTES) throw new Error("This image is too large to send, even compressed.");
  return result;
}
