// The export file's text: parts bounded in size, the file valid JSON with every section in order, whatever the parts.
import { describe, expect, test } from "vitest";
import { ExportFileWriter, EXPORT_FORMAT, FILE_SECTIONS, listParts, PART_BYTES, utf8Length, valuePart } from "../../model/dataExportParts";

const fileOf = (exportedAt: number, parts: ReturnType<typeof listParts>) => {
  const writer = new ExportFileWriter(exportedAt);
  for (const part of parts) writer.add(part);
  return writer.finish().join("");
};

describe("listParts", () => {
  test("cuts a list into parts of at most PART_BYTES of UTF-8 JSON, in order, every item once", () => {
    const items = Array.from({ length: 3_000 }, (_, i) => ({ i, text: ["é", "话", "🙂"][i % 3].repeat(i % 300) }));
    const parts = listParts("whispersSent", items);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(Buffer.byteLength(part.json)).toBeLessThanOrEqual(PART_BYTES);
    expect(Buffer.byteLength(parts[0].json)).toBeGreaterThan(PART_BYTES * 0.9);
    expect(parts.flatMap((part) => JSON.parse(`[${part.json}]`))).toEqual(items);
    expect(parts.reduce((sum, part) => sum + part.count, 0)).toBe(items.length);
  });

  test("an item larger than a part gets a part of its own; an empty list no part", () => {
    const big = { text: "x".repeat(PART_BYTES + 10) };
    const parts = listParts("whispersSent", [{ a: 1 }, big, { b: 2 }]);
    expect(parts.map((part) => part.count)).toEqual([1, 1, 1]);
    expect(listParts("whispersSent", [])).toEqual([]);
  });
});

test("utf8Length counts as UTF-8 encodes", () => {
  for (const text of ["", "abc", "é", "话", "🙂", "a🙂é话\n\"", "\ud800"]) expect(utf8Length(text)).toBe(Buffer.byteLength(text));
});

describe("ExportFileWriter", () => {
  test("writes valid JSON with every section in file order; sections without parts are empty", () => {
    const text = fileOf(42, [
      valuePart("profile", { username: "ann", bio: "line\nbreak \"quoted\"" }),
      ...listParts("moodJournal", [{ mood: "calm" }]),
      ...listParts("whispersSent", [{ n: 1 }]),
      ...listParts("whispersSent", [{ n: 2 }, { n: 3 }]),
      ...listParts("chamberMessages", [{ m: 1 }]),
    ]);
    const data = JSON.parse(text);
    expect(Object.keys(data)).toEqual(["format", "exportedAt", ...FILE_SECTIONS]);
    expect(data).toMatchObject({
      format: EXPORT_FORMAT,
      exportedAt: 42,
      profile: { username: "ann", bio: "line\nbreak \"quoted\"" },
      moodJournal: [{ mood: "calm" }],
      friends: null,
      chambers: [],
      whispersSent: [{ n: 1 }, { n: 2 }, { n: 3 }],
      whispersReceived: [],
      chamberMessages: [{ m: 1 }],
    });
    expect(JSON.parse(fileOf(1, []))).toMatchObject({ whispersSent: [], profile: null });
  });

  test("refuses parts out of order", () => {
    const writer = new ExportFileWriter(1);
    writer.add(listParts("whispersReceived", [1])[0]);
    expect(() => writer.add(listParts("whispersSent", [1])[0])).toThrow(/out of order/);
  });
});
