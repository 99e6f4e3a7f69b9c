// Scale: Clerk's user.deleted webhook erases the heavy person (erasure:eraseFromClerk): every batch to the end within half of Convex's limits, nothing of hers left.
import { Webhook } from "svix";
import { afterEach, test, vi } from "vitest";
import { eraseToTheEnd, erasureWorld, expectErased } from "./erasure.fixtures";
import { expectWithinHeadroom } from "./report.fixtures";

const SECRET = "whsec_" + Buffer.from("the scale suite's webhook signing secret").toString("base64");

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

// Each batch stops by measuring its transaction (lib/budget.ts): her chamber messages' tombstones reach all 500 members
// of each chamber, her memberships' ends too, so those batches hold a few rows each, her whispers' hundreds.
test("webhook: Clerk user.deleted", async () => {
  const { scale, ada } = await erasureWorld();
  vi.stubEnv("CLERK_WEBHOOK_SECRET", SECRET);
  const body = JSON.stringify({ type: "user.deleted", object: "event", data: { id: ada.person.clerkId, deleted: true, object: "user" } });
  const id = "msg_scale_1";
  const timestamp = new Date();
  const measured = await eraseToTheEnd(scale, async () => {
    const response = await scale.t.fetch("/clerk-users-webhook", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "svix-id": id,
        "svix-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
        "svix-signature": new Webhook(SECRET).sign(id, timestamp, body),
      },
      body,
    });
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);
  });
  expectWithinHeadroom("erasure, Clerk webhook (erasure:eraseFromClerk)", measured);
  expectErased(scale, ada);
});
