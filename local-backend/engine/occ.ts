// Write conflicts as Convex's optimistic concurrency control finds them: one mutation's writes inside what another read.
import { compareValues } from "convex/values";
import type { Access } from "./engine";
import type { StoredDoc } from "./internals";
import type { RangeRead } from "./reads";
import { fieldValue, matchesConditions } from "./values";

/** `read`: "by id", or the index range (with its conditions) the written document lies in. */
export type Conflict = { table: string; id: string; writer: "a" | "b"; read: string; doc: StoredDoc | null };

/** Run at the same time, on Convex the second to commit would rerun (and fail under steady contention). Empty: none. */
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
