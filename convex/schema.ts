// The Whispers data model: every table of the seed model (tables/product.ts) plus the support tables the features need (tables/support.ts).
// Shared validators live in tables/validators.ts and are exported here too, for function arguments.
import { defineSchema } from "convex/server";
import { productTables } from "./tables/product";
import { supportTables } from "./tables/support";

export * from "./tables/validators";

export default defineSchema({
  ...productTables,
  ...supportTables,
});
