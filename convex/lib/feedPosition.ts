// Positions in the sync feed, as the client stores them: ordered as strings exactly as the feed is ordered.
import type { CommitTsPlaceholder } from "convex/values";
import { fail } from "./errors";

/** The position before every change: a first pull starts here. */
export const FEED_START = "";

/** Commit timestamps are int64 nanoseconds: 19 digits today; 20 keeps every int64 the same width. */
const TS_DIGITS = 20;

/** The position of a feed row: its commit timestamp, zero-padded so that string order is commit order, then its docId. */
export function feedPosition(commitTs: bigint | CommitTsPlaceholder, docId: string): string {
  // Read back inside its writing mutation the timestamp is a placeholder; the pull is a query.
  if (typeof commitTs !== "bigint") throw new Error("A feed position exists only once its commit has.");
  return `${commitTs.toString().padStart(TS_DIGITS, "0")}:${docId}`;
}

/** A cursor sent by a client: FEED_START (null) or a position; anything else is INVALID. */
export function parseFeedPosition(cursor: string): { commitTs: bigint; docId: string } | null {
  if (cursor === FEED_START) return null;
  const match = /^(\d{20}):(\S{1,128})$/.exec(cursor);
  if (!match) fail("INVALID", "cursor must be a position the feed returned.");
  return { commitTs: BigInt(match[1]), docId: match[2] };
}
