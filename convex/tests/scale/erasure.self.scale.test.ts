// Scale: the heavy person erases herself (users:softDeleteUser): every batch to the end within half of Convex's limits, nothing of hers left.
import { afterEach, test, vi } from "vitest";
import { api } from "../../_generated/api";
import { eraseToTheEnd, erasureWorld, expectErased } from "./erasure.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";

afterEach(() => {
  vi.useRealTimers();
});

// Each batch stops by measuring its transaction (lib/budget.ts): her chamber messages' tombstones reach all 500 members
// of each chamber, her memberships' ends too, so those batches hold a few rows each, her whispers' hundreds.
test("self: users:softDeleteUser", async () => {
  const { scale, ada } = await erasureWorld();
  const measured = await eraseToTheEnd(scale, () => ada.person.as.mutation(api.users.softDeleteUser, {}));
  expectWithinHeadroom("erasure, self (users:softDeleteUser)", measured);
  expectErased(scale, ada);
});
