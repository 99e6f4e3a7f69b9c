// Saving a conversation's picture: the file's readable name and the download itself.
import type { LocalWhisper } from "../../db/types";
import { shownAt } from "./whisperTime";

/** "whispers-image-2026-06-03-1405.jpg": when it was sent, local time. */
export function imageFileName(w: LocalWhisper, type: string): string {
  const at = new Date(shownAt(w));
  const two = (n: number) => String(n).padStart(2, "0");
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  const subtype = /^image\/([a-z0-9.+-]+)/i.exec(type)?.[1]?.toLowerCase().replace(/[^a-z0-9]/g, "");
  return `whispers-image-${stamp}.${!subtype || subtype === "jpeg" ? "jpg" : subtype}`;
}

/** `src`: a server URL (the media cache answers offline) or a local object URL. */
export async function downloadImage(w: LocalWhisper, src: string): Promise<void> {
  const response = await fetch(src);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = imageFileName(w, blob.type);
  link.click();
  // The browser has taken the URL once the click's download started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
