// TransactionBudget: the next unit is predicted from the largest measured, against SAFE_SHARE of every limit.
import type { TransactionMetrics } from "convex/server";
import { describe, expect, test } from "vitest";
import { SAFE_SHARE, TransactionBudget } from "../../lib/budget";

const LIMIT = 4_096;

/** A transaction whose index ranges are set by the test (every other figure unused), as getTransactionMetrics reports it. */
function transaction() {
  const state = { queries: 0 };
  const metric = (used: number, limit: number) => ({ used, remaining: limit - used });
  const ctx = {
    meta: {
      getTransactionMetrics: async () =>
        ({
          bytesRead: metric(0, 16 * 2 ** 20),
          bytesWritten: metric(0, 16 * 2 ** 20),
          databaseQueries: metric(state.queries, LIMIT),
          documentsRead: metric(0, 32_000),
          documentsWritten: metric(0, 16_000),
          functionsScheduled: metric(0, 1_000),
          scheduledFunctionArgsBytes: metric(0, 16 * 2 ** 20),
          filesWritten: metric(0, 0),
          fileWriteBytes: metric(0, 0),
          filesRead: metric(0, 0),
          fileReadBytes: metric(0, 0),
        }) satisfies TransactionMetrics,
    },
  };
  return { ctx, state };
}

/** Units of `cost` index ranges taken while the budget has room: how many. */
async function unitsTaken(budget: TransactionBudget, state: { queries: number }, costs: number[]): Promise<number> {
  let taken = 0;
  for (const cost of costs) {
    if (!(await budget.hasRoom())) break;
    state.queries += cost;
    taken += 1;
  }
  return taken;
}

describe("TransactionBudget", () => {
  test("takes units while used plus the largest measured stays within SAFE_SHARE", async () => {
    const { ctx, state } = transaction();
    const unit = Math.floor((SAFE_SHARE * LIMIT) / 4);
    // After three units the fourth would still fit exactly; a fifth would not.
    expect(await unitsTaken(new TransactionBudget(ctx), state, Array(10).fill(unit))).toBe(4);
    expect(state.queries).toBeLessThanOrEqual(SAFE_SHARE * LIMIT);
  });

  test("one large unit measured makes the next wait for a fresh transaction", async () => {
    const { ctx, state } = transaction();
    expect(await unitsTaken(new TransactionBudget(ctx), state, [10, 1_000, 10, 10])).toBe(2);
  });

  test("a transaction already past the share takes nothing, unless atLeastOne; maxUnits caps the count", async () => {
    const past = transaction();
    past.state.queries = Math.ceil(SAFE_SHARE * LIMIT) + 1;
    expect(await unitsTaken(new TransactionBudget(past.ctx), past.state, [1, 1])).toBe(0);
    expect(await unitsTaken(new TransactionBudget(past.ctx, { atLeastOne: true }), past.state, [1, 1])).toBe(1);
    const fresh = transaction();
    expect(await unitsTaken(new TransactionBudget(fresh.ctx, { maxUnits: 3 }), fresh.state, Array(10).fill(1))).toBe(3);
  });

  test("another kind of unit may start only while at most half of the share is used", async () => {
    const { ctx, state } = transaction();
    const budget = new TransactionBudget(ctx);
    state.queries = Math.floor((SAFE_SHARE / 2) * LIMIT);
    expect(await budget.roomForAnotherKind()).toBe(true);
    state.queries += 1;
    expect(await budget.roomForAnotherKind()).toBe(false);
  });
});
