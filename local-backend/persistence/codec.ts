// Encoding documents and timestamps for the data directory (Convex JSON, bigints as strings), and checksummed lines.
import zlib from "node:zlib";
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { StoredDoc } from "../engine/internals";
import { ConfigError } from "../listen";

export function encodeDoc(doc: StoredDoc): JSONValue {
  return convexToJson(doc as unknown as Value);
}

export function decodeDoc(json: JSONValue): StoredDoc {
  return jsonToConvex(json) as unknown as StoredDoc;
}

/** One write-ahead-log record: a commit's timestamp, id counter, creation clock and written documents. */
export type WalRecord = { ts: string; n: number; c: number; w: [string, JSONValue | null][] };

/**
 * A stored line: 8 hex digits of the CRC32 of the JSON's UTF-8 bytes, a space, the JSON. The
 * checksum catches damage that keeps the JSON valid (a changed digit), which parsing cannot.
 */
export function checksummedLine(json: string): string {
  return `${crcHex(json)} ${json}\n`;
}

function crcHex(text: string | Buffer): string {
  return zlib.crc32(text).toString(16).padStart(8, "0");
}

/**
 * The value of one stored line (without its "\n"), or undefined when it fails its checksum or
 * does not parse. Lines that start with "{" were written before checksums existed (accepted as
 * they parse; the store rewrites them with checksums at startup).
 */
export function parseStoredLine(line: Buffer): { value: unknown; legacy: boolean } | undefined {
  try {
    if (line[0] === 0x7b /* { */) return { value: JSON.parse(line.toString("utf8")) as unknown, legacy: true };
    if (line.length < 10 || line[8] !== 0x20) return undefined;
    const json = line.subarray(9);
    if (crcHex(json) !== line.subarray(0, 8).toString("latin1")) return undefined;
    return { value: JSON.parse(json.toString("utf8")) as unknown, legacy: false };
  } catch {
    return undefined;
  }
}

/** A damaged data file: startup stops with this one-line message (no stack trace) and exit code 1. */
export class DataFileDamaged extends ConfigError {}
