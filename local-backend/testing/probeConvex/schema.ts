// The probe project's one table (local-backend tests of transaction limits and the frozen clock).
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  items: defineTable({ n: v.number() }).index("by_n", ["n"]),
});
