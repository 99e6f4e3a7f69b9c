// @vitest-environment jsdom
// The image viewer's download name: when the picture was sent (local time) and the extension of its type.
import { describe, expect, it } from "vitest";
import type { LocalWhisper } from "../../db/types";
import { imageFileName } from "./imageDownload";

const at = new Date(2026, 5, 3, 14, 5, 59).getTime(); // 3 June 2026, 14:05:59 local
const whisper = (fields: Partial<LocalWhisper>) => ({ sortKey: at, ...fields }) as LocalWhisper;

describe("imageFileName", () => {
  it("names the picture by when it was sent, with its type's extension", () => {
    expect(imageFileName(whisper({}), "image/jpeg")).toBe("whispers-image-2026-06-03-1405.jpg");
    expect(imageFileName(whisper({}), "image/webp")).toBe("whispers-image-2026-06-03-1405.webp");
    expect(imageFileName(whisper({}), "image/png")).toBe("whispers-image-2026-06-03-1405.png");
  });

  it("uses the time it was written (as its bubble shows it), not when it was delivered", () => {
    expect(imageFileName(whisper({ writtenAt: new Date(2026, 0, 9, 8, 7).getTime() }), "image/jpeg")).toBe("whispers-image-2026-01-09-0807.jpg");
  });

  it("falls back to .jpg when the type says nothing useful", () => {
    expect(imageFileName(whisper({}), "")).toBe("whispers-image-2026-06-03-1405.jpg");
    expect(imageFileName(whisper({}), "application/octet-stream")).toBe("whispers-image-2026-06-03-1405.jpg");
  });
});
