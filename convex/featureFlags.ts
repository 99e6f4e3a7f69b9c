// Feature flags: everyone may read them (even signed out), admins switch them; lib/flags.ts gates the server.
import { v } from "convex/values";
import { query } from "./_generated/server";
import { fail, quote } from "./lib/errors";
import { isFeatureName } from "./lib/flags";
import { adminMutation } from "./lib/functions";
import { flagStates } from "./model/admin";

/** A flag without a row is on. */
// eslint-disable-next-line @convex-dev/require-access-control -- public by design: the app reads the flags before anyone signs in
export const list = query({
  args: {},
  returns: v.array(
    v.object({ name: v.string(), label: v.string(), enabled: v.boolean(), updatedAt: v.optional(v.number()) }),
  ),
  handler: async (ctx) => await flagStates(ctx),
});

/** Clients learn it through sync.pull, which reads the flags table, so every subscriber's pull re-runs. */
export const set = adminMutation({
  args: { name: v.string(), enabled: v.boolean() },
  returns: v.null(),
  handler: async (ctx, { name, enabled }) => {
    if (!isFeatureName(name)) fail("INVALID", `There is no feature called ${quote(name)}.`);
    const row = await ctx.db
      .query("featureFlags")
      .withIndex("by_name", (q) => q.eq("name", name))
      .unique();
    const change = { enabled, updatedBy: ctx.viewer._id, updatedAt: Date.now() };
    if (row) await ctx.db.patch("featureFlags", row._id, change);
    else await ctx.db.insert("featureFlags", { name, ...change });
    return null;
  },
});
