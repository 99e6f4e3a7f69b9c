// Write conflicts as Convex's optimistic concurrency control finds them: one mutation's writes inside what another read.
import { compareValues } from "convex/values";
import type { Access } from "./engine";
import type { StoredDoc } from "./internals";
import type { RangeRead } from "./reads";
import { fieldValue, matchesConditions } from "./values";

/**
 * A document one mutation wrote where the other read: by id, or inside an index range (`read`
 * names the index and its conditions). `writer` is the mutation that wrote it.
 */
export type Conflict = { table: string; id: string; writer: "a" | "b"; read: string; doc: StoredDoc | null };

/**
 * Whether `a` and `b`, run at the same time, conflict: b's writes intersect a's reads, or a's
 * writes intersect b's reads. On Convex, whichever commits second is then run again (and fails
 * after retries under steady contention). Every conflicting document is listed; none = no conflict.
 */
export function conflicts(a: Access, b: Access): Conflict[] {
  return [...writesInReads(b, a, "b"), ...writesInReads(a, b, "a")];
}

function writesInReads(writer: Access, reader: Access, name: "a" | "b"): Conflict[] {
  const found: Conflict[] = [];
  const rangesOf = new Map<string, RangeRead[]>();
  for (const range of reader.reads.ranges) rangesOf.set(range.table, [...(rangesOf.get(range.table) ?? []), range]);
  for (const write of writer.writes) {
    const doc = write.after ?? write.before;
    if (reader.reads.ids.has(write.id)) {
      found.push({ table: write.table, id: write.id, writer: name, read: "by id", doc });
      continue;
    }
    const range = rangesOf
      .get(write.table)
      ?.find((r) => [write.before, write.after].some((version) => version !== null && inRead(r, version)));
    if (range) found.push({ table: write.table, id: write.id, writer: name, read: describeRange(range), doc });
  }
  return found;
}

/** Whether a version of a document lies in the part of a range that was read. */
function inRead(range: RangeRead, doc: StoredDoc): boolean {
  if (!matchesConditions(doc, range.conditions)) return false;
  const extent = range.extent;
  if (!extent || extent.done) return true;
  if (extent.last === null) return false;
  const cmp = compareKeys(doc, extent.last, extent.fields);
  return extent.order === "asc" ? cmp <= 0 : cmp >= 0;
}

function compareKeys(a: StoredDoc, b: StoredDoc, fields: string[]): number {
  for (const field of fields) {
    const cmp = compareValues(fieldValue(a, field), fieldValue(b, field));
    if (cmp !== 0) return cmp;
  }
  return 0;
}

function describeRange(range: RangeRead): string {
  const shown = (value: unknown) => (typeof value === "bigint" ? `${value}n` : (JSON.stringify(value) ?? "undefined"));
  const where = range.conditions.map((c) => `${c.fieldPath} ${c.type} ${shown(c.value)}`).join(", ");
  return `${range.index ?? range.table}${where ? ` (${where})` : ""}`;
}
