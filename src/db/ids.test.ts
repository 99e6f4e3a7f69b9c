// Client ids and local sort keys: creates made in the same millisecond keep their order.
import { expect, it } from "vitest";
import { isLocalId, newClientId, nextLocalSortKey } from "./ids";

it("client ids are local ids; server ids are not", () => {
  expect(isLocalId(newClientId())).toBe(true);
  expect(isLocalId("jd7abc123")).toBe(false);
});

it("sort keys made in the same millisecond increase, and follow the clock when it moves on", () => {
  const keys = [nextLocalSortKey(5_000), nextLocalSortKey(5_000), nextLocalSortKey(5_000), nextLocalSortKey(4_999)];
  expect(keys[0]).toBe(5_000);
  for (let i = 1; i < keys.length; i++) expect(keys[i]!).toBeGreaterThan(keys[i - 1]!);
  expect(keys[3]! - 5_000).toBeLessThan(0.01);
  expect(nextLocalSortKey(6_000)).toBe(6_000);
});
