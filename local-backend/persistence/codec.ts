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

/** A commit: timestamp, id counter, creation clock, written documents. */
export type WalRecord = { ts: string; n: number; c: number; w: [string, JSONValue | null][] };

/** CRC32 hex, a space, the JSON: catches damage that keeps the JSON valid (a changed digit). */
export function checksummedLine(json: string): string {
  return `${crcHex(json)} ${json}\n`;
}

function crcHex(text: string | Buffer): string {
  return zlib.crc32(text).toString(16).padStart(8, "0");
}

/** Undefined when damaged; a line starting with "{" predates checksums (accepted; the store rewrites it). */
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

/** Startup stops with this one line (no stack trace), exit code 1. */
export class DataFileDamaged extends ConfigError {}
