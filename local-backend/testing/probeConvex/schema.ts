// The probe project's tables (local-backend tests of transaction limits, the frozen clock and write conflicts).
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  items: defineTable({ n: v.number() }).index("by_n", ["n"]),
  counters: defineTable({ name: v.string(), value: v.number() }).index("by_name", ["name"]),
});
