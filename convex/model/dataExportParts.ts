// A data export as JSON text: its sections in file order, cut into bounded parts while collecting, and joined into one file at the end.

/** The export file's format name (version 2: delivered as a file, every item present, no `limits`). */
export const EXPORT_FORMAT = "whispers-export/2";

/** The most JSON text (UTF-8 bytes) one part holds; a single larger item gets a part of its own (documents may hold 1 MiB). */
export const PART_BYTES = 256 * 1024;

/** Parts one read of the assembly handles: at most 4 MiB, a quarter of the 16 MiB read and return limits. */
export const PARTS_PER_READ = 16;
/** Parts one cleanup batch deletes: finding and deleting a part both count its bytes as read (at most 4 MiB in all). */
export const PARTS_PER_DELETE = 8;

/** Sections holding one value (an object); every other section is a list. */
const VALUE_SECTIONS = new Set(["profile", "friends"]);

/** The small sections, read in one go (model/dataExport.ts exportBase), in file order. */
export const BASE_SECTIONS = [
  "profile",
  "moodJournal",
  "friends",
  "chambers",
  "skills",
  "skillMatches",
  "unmaskingRequests",
  "adminRequests",
  "pushSubscriptions",
] as const;

/** The sections that can grow large, read page by page (model/dataExport.ts exportPage), in file order. */
export const PAGED_SECTIONS = ["whispersSent", "whispersReceived", "conversations", "chamberMessages"] as const;
export type PagedSection = (typeof PAGED_SECTIONS)[number];

export const FILE_SECTIONS: readonly string[] = [...BASE_SECTIONS, ...PAGED_SECTIONS];

/** A part as collected: JSON text of consecutive items of one section (joined by ",\n"), or of a value section's value. */
export type PartText = { section: string; count: number; json: string };

/** At most PART_BYTES each, except a single larger item, which gets a part of its own. */
export function listParts(section: string, items: readonly unknown[]): PartText[] {
  const parts: PartText[] = [];
  let texts: string[] = [];
  let length = 0;
  const flush = () => {
    if (texts.length > 0) parts.push({ section, count: texts.length, json: texts.join(",\n") });
    texts = [];
    length = 0;
  };
  for (const item of items) {
    const text = JSON.stringify(item);
    const bytes = utf8Length(text);
    if (texts.length > 0 && length + 2 + bytes > PART_BYTES) flush();
    texts.push(text);
    length += (texts.length > 1 ? 2 : 0) + bytes;
  }
  flush();
  return parts;
}

/** The UTF-8 length of `text`, without encoding it. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

export function valuePart(section: string, value: unknown): PartText {
  return { section, count: 1, json: JSON.stringify(value) };
}

/** Joins parts, in collecting order, into the file's text as chunks; a section without parts appears as [] (a value section as null). */
export class ExportFileWriter {
  private readonly chunks: string[];
  private next = 0;
  private open: { section: string; items: number } | null = null;

  constructor(exportedAt: number) {
    this.chunks = [`{"format":${JSON.stringify(EXPORT_FORMAT)},"exportedAt":${JSON.stringify(exportedAt)}`];
  }

  /** Appends one part; throws when parts come out of order or name an unknown section. */
  add(part: PartText): void {
    if (this.open?.section !== part.section) {
      const at = FILE_SECTIONS.indexOf(part.section);
      if (at < this.next) throw new Error(`The export's part of section "${part.section}" came out of order.`);
      this.closeSection();
      while (this.next < at) this.emptySection(FILE_SECTIONS[this.next++]);
      this.next = at + 1;
      this.chunks.push(`,\n${JSON.stringify(part.section)}:`);
      this.open = { section: part.section, items: 0 };
      if (VALUE_SECTIONS.has(part.section)) {
        this.chunks.push(part.json);
        return;
      }
      this.chunks.push("[\n");
    } else if (VALUE_SECTIONS.has(part.section)) {
      throw new Error(`The export's section "${part.section}" holds one value, not several parts.`);
    }
    if (part.count === 0) return;
    this.chunks.push(this.open.items > 0 ? ",\n" + part.json : part.json);
    this.open.items += part.count;
  }

  finish(): string[] {
    this.closeSection();
    while (this.next < FILE_SECTIONS.length) this.emptySection(FILE_SECTIONS[this.next++]);
    this.chunks.push("\n}\n");
    return this.chunks;
  }

  private closeSection(): void {
    if (this.open && !VALUE_SECTIONS.has(this.open.section)) this.chunks.push("\n]");
    this.open = null;
  }

  private emptySection(section: string): void {
    this.chunks.push(`,\n${JSON.stringify(section)}:${VALUE_SECTIONS.has(section) ? "null" : "[]"}`);
  }
}
