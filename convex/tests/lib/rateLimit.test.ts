// RATE_LIMIT_SCALE: the deployment's factor on every bucket's capacity and refill, and its safe default.
import { ConvexError } from "convex/values";
import { afterEach, describe, expect, it } from "vitest";
import { newTest, person } from "../test.setup";
import { consume, LIMITS, rateLimitScale } from "../../lib/rateLimit";

const saved = process.env.RATE_LIMIT_SCALE;
afterEach(() => {
  if (saved === undefined) delete process.env.RATE_LIMIT_SCALE;
  else process.env.RATE_LIMIT_SCALE = saved;
});

/** How many adminRequest tokens a fresh bucket gives before RATE_LIMITED (capacity 3, ~no refill). */
async function burst(): Promise<{ allowed: number; code: unknown }> {
  const t = newTest();
  const p = await person(t, "limited");
  let allowed = 0;
  for (;;) {
    try {
      await t.run((ctx) => consume(ctx, "adminRequest", p.id));
      allowed += 1;
    } catch (error) {
      return { allowed, code: error instanceof ConvexError ? (error.data as { code: string }).code : error };
    }
    if (allowed > 100) return { allowed, code: null };
  }
}

describe("RATE_LIMIT_SCALE", () => {
  it("defaults to the configured limits when unset", async () => {
    delete process.env.RATE_LIMIT_SCALE;
    expect(rateLimitScale()).toBe(1);
    expect(await burst()).toEqual({ allowed: LIMITS.adminRequest.capacity, code: "RATE_LIMITED" });
  });

  it("multiplies the capacity", async () => {
    process.env.RATE_LIMIT_SCALE = "4";
    expect(rateLimitScale()).toBe(4);
    expect(await burst()).toEqual({ allowed: 4 * LIMITS.adminRequest.capacity, code: "RATE_LIMITED" });
  });

  it("multiplies the refill rate", async () => {
    const t = newTest();
    const p = await person(t, "refill");
    const key = `whisper:${p.id}`;
    // An empty whisper bucket, last refilled 6 s ago: 6 tokens back at scale 1 (60/min), 60 at scale 10.
    const empty = async () =>
      t.run(async (ctx) => {
        const row = await ctx.db.query("rateLimits").withIndex("by_key", (q) => q.eq("key", key)).unique();
        const doc = { key, tokens: 0, refilledAt: Date.now() - 6000 };
        if (row) await ctx.db.replace("rateLimits", row._id, doc);
        else await ctx.db.insert("rateLimits", doc);
      });
    const drain = async () => {
      let allowed = 0;
      try {
        for (; allowed < 1000; allowed++) await t.run((ctx) => consume(ctx, "whisper", p.id));
      } catch (error) {
        expect((error as ConvexError<{ code: string }>).data.code).toBe("RATE_LIMITED");
      }
      return allowed;
    };
    delete process.env.RATE_LIMIT_SCALE;
    await empty();
    expect(await drain()).toBe(6);
    process.env.RATE_LIMIT_SCALE = "10";
    await empty();
    const allowed = await drain();
    expect(allowed).toBeGreaterThanOrEqual(60);
    expect(allowed).toBeLessThan(120); // the refill while draining, not the scaled capacity of 1,200
  });

  it.each(["", "abc", "0", "-5", "Infinity", "NaN"])("ignores the invalid value %j", async (value) => {
    process.env.RATE_LIMIT_SCALE = value;
    expect(rateLimitScale()).toBe(1);
  });

  it("ignores an invalid value when consuming", async () => {
    process.env.RATE_LIMIT_SCALE = "-2";
    expect(await burst()).toEqual({ allowed: LIMITS.adminRequest.capacity, code: "RATE_LIMITED" });
  });

  it("accepts fractions", () => {
    process.env.RATE_LIMIT_SCALE = " 0.5 ";
    expect(rateLimitScale()).toBe(0.5);
  });
});
