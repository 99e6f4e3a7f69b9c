// sniffType: the type comes from the bytes, so a declared image/png that is HTML or SVG is nothing inline.
import { describe, expect, test } from "vitest";
import { INLINE_TYPES, KIND_TYPES, kindOfType, sniffType } from "../../lib/fileTypes";

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...text(p)] : p)));

describe("sniffType", () => {
  test.each([
    ["image/jpeg", bytes([0xff, 0xd8, 0xff, 0xe0], "JFIF")],
    ["image/png", bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ["image/gif", bytes("GIF89a", [1, 0, 1, 0])],
    ["image/webp", bytes("RIFF", [0, 0, 0, 0], "WEBPVP8 ")],
    ["audio/wav", bytes("RIFF", [0, 0, 0, 0], "WAVEfmt ")],
    ["audio/webm", bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81])],
    ["audio/ogg", bytes("OggS", [0, 2, 0, 0])],
    ["audio/mp4", bytes([0, 0, 0, 0x20], "ftypM4A ")],
    ["audio/mpeg", bytes("ID3", [4, 0, 0])],
  ])("%s from its magic number", (type, data) => {
    expect(sniffType(data)).toBe(type);
  });

  test.each([
    ["SVG", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'],
    ["SVG with an XML prolog", '<?xml version="1.0"?><svg/>'],
    ["HTML", "<!doctype html><script>alert(document.domain)</script>"],
    ["script", "alert(1)"],
    ["empty", ""],
    ["a truncated PNG signature", "\x89PN"],
  ])("%s is none of the inline types", (_name, content) => {
    expect(sniffType(text(content))).toBeNull();
  });

  test("SVG is never an image type, and every inline type belongs to one kind", () => {
    expect(INLINE_TYPES.has("image/svg+xml")).toBe(false);
    for (const type of INLINE_TYPES) expect(kindOfType(type)).not.toBeNull();
    expect(kindOfType("image/svg+xml")).toBeNull();
    expect(kindOfType("text/html")).toBeNull();
    expect(KIND_TYPES.image.every((t) => kindOfType(t) === "image")).toBe(true);
  });
});
