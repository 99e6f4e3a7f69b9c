// Scale: an admin erases the heavy person (admin:softDeleteUser, which also bans): every batch to the end within half of Convex's limits, nothing of hers left.
import { afterEach, expect, test, vi } from "vitest";
import { api } from "../../_generated/api";
import { eraseToTheEnd, erasureWorld, expectErased } from "./erasure.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";
import { onePerson } from "./world.fixtures";

afterEach(() => {
  vi.useRealTimers();
});

// Each batch stops by measuring its transaction (lib/budget.ts): her chamber messages' tombstones reach all 500 members
// of each chamber, her memberships' ends too, so those batches hold a few rows each, her whispers' hundreds.
test("admin: admin:softDeleteUser", async () => {
  const { scale, ada } = await erasureWorld();
  const admin = await onePerson(scale.t, "warden", 7, "super_admin");
  const measured = await eraseToTheEnd(scale, () =>
    admin.as.mutation(api.admin.softDeleteUser, { userId: ada.person.id, reason: "Spam from a stolen account" }),
  );
  expectWithinHeadroom("erasure, admin (admin:softDeleteUser)", measured);
  expectErased(scale, ada);
  expect(scale.documents("users").find((u) => u._id === ada.person.id)).toMatchObject({ isBanned: true });
});
