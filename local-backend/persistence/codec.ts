// Encoding documents and timestamps for the data directory (Convex JSON, bigints as strings).
import { convexToJson, jsonToConvex, type JSONValue, type Value } from "convex/values";
import type { StoredDoc } from "../engine/internals";

export function encodeDoc(doc: StoredDoc): JSONValue {
  return convexToJson(doc as unknown as Value);
}

export function decodeDoc(json: JSONValue): StoredDoc {
  return jsonToConvex(json) as unknown as StoredDoc;
}

/** One write-ahead-log record: a commit's timestamp, id counter, creation clock and written documents. */
export type WalRecord = { ts: string; n: number; c: number; w: [string, JSONValue | null][] };
