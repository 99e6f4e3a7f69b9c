// The Whispers data model: the seed model's tables plus the features' support tables; shared validators re-exported for arguments.
import { defineSchema } from "convex/server";
import { productTables } from "./tables/product";
import { supportTables } from "./tables/support";

export * from "./tables/validators";

export default defineSchema({
  ...productTables,
  ...supportTables,
});
