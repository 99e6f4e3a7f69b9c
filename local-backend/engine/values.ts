// Field access and hashing of Convex values, matching how convex-test compares index keys.
import { compareValues, jsonToConvex, type Value } from "convex/values";
import type { RangeExpression } from "./internals";

export type Condition = { type: RangeExpression["type"]; fieldPath: string; value: Value | undefined };

/** As convex-test does: `{$undefined}` is a missing field. */
export function decodeBound(value: unknown): Value | undefined {
  if (typeof value === "object" && value !== null && "$undefined" in value) return undefined;
  return jsonToConvex(value as never);
}

export function decodeConditions(range: RangeExpression[]): Condition[] {
  return range.map((r) => ({ type: r.type, fieldPath: r.fieldPath, value: decodeBound(r.value) }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === null || proto === Object.prototype;
}

export function fieldValue(doc: Record<string, unknown>, fieldPath: string): Value | undefined {
  if (fieldPath.indexOf(".") === -1) return doc[fieldPath] as Value | undefined;
  let current: unknown = doc;
  for (const part of fieldPath.split(".")) {
    current = isPlainObject(current) ? current[part] : undefined;
  }
  return current as Value | undefined;
}

export function matchesConditions(doc: Record<string, unknown>, conditions: Condition[]): boolean {
  for (const c of conditions) {
    const cmp = compareValues(fieldValue(doc, c.fieldPath), c.value);
    const ok =
      c.type === "Eq" ? cmp === 0 : c.type === "Gt" ? cmp > 0 : c.type === "Gte" ? cmp >= 0 : c.type === "Lt" ? cmp < 0 : cmp <= 0;
    if (!ok) return false;
  }
  return true;
}

/** Equal keys ⇔ compareValues(a, b) === 0, where that is cheap to guarantee; null otherwise (callers scan). */
export function hashKey(value: Value | undefined): string | null {
  switch (typeof value) {
    case "string":
      return "s" + value;
    case "boolean":
      return value ? "T" : "F";
    case "bigint":
      return "i" + value.toString();
    case "number":
      return Number.isFinite(value) && value !== 0 ? "n" + value.toString() : null;
    case "undefined":
      return "u";
    default:
      return value === null ? "z" : null;
  }
}
