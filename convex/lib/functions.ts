// Function builders that add the signed-in viewer to ctx. Every public function uses one of these.
import { customCtx, customMutation, customQuery } from "convex-helpers/server/customFunctions";
import type { Doc } from "../_generated/dataModel";
import { mutation, query, type MutationCtx } from "../_generated/server";
import { requireOnboarded, requireRole, requireViewer } from "./auth";
import { bumpCounter } from "./counters";
import { dayKey } from "./time";

/** Counts `viewer` as active today (once a day). */
async function markActive(ctx: MutationCtx, viewer: Doc<"users">): Promise<void> {
  const today = dayKey(Date.now());
  if (viewer.lastActiveDay !== today) {
    await ctx.db.patch("users", viewer._id, { lastActiveDay: today });
    await bumpCounter(ctx, `activeUsers:${today}`);
  }
}

/** A query for a signed-in, active user: `ctx.viewer`. */
export const viewerQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: await requireViewer(ctx) })),
);

/** A mutation for a signed-in, active user: `ctx.viewer`. Counts the viewer as active today. */
export const viewerMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const viewer = await requireViewer(ctx);
    await markActive(ctx, viewer);
    return { viewer };
  }),
);

/** A social query (lib/auth.ts requireOnboarded): a signed-in, active user who finished onboarding. */
export const socialQuery = customQuery(
  query,
  customCtx(async (ctx) => ({ viewer: requireOnboarded(await requireViewer(ctx)) })),
);

/** A social mutation (lib/auth.ts requireOnboarded): like viewerMutation, for people who finished onboarding. */
export const socialMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const viewer = requireOnboarded(await requireViewer(ctx));
    await markActive(ctx, viewer);
    return { viewer };
  }),
);

/** A query for admins and super admins: `ctx.viewer`, `ctx.role`. */
export const adminQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const viewer = await requireViewer(ctx);
    return { viewer, role: await requireRole(ctx, viewer._id, "admin") };
  }),
);

/** A mutation for admins and super admins: `ctx.viewer`, `ctx.role`. */
export const adminMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const viewer = await requireViewer(ctx);
    return { viewer, role: await requireRole(ctx, viewer._id, "admin") };
  }),
);

/** A mutation only super admins may call: `ctx.viewer`. */
export const superAdminMutation = customMutation(
  mutation,
  customCtx(async (ctx) => {
    const viewer = await requireViewer(ctx);
    await requireRole(ctx, viewer._id, "super_admin");
    return { viewer };
  }),
);

/** A query only super admins may call: `ctx.viewer`. */
export const superAdminQuery = customQuery(
  query,
  customCtx(async (ctx) => {
    const viewer = await requireViewer(ctx);
    await requireRole(ctx, viewer._id, "super_admin");
    return { viewer };
  }),
);
