// Shared fixtures of the echo chamber suites: creating chambers, posting, paging, and a member's projected feed.
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { liveMemberCount, projectChamber, projectChamberMember, projectChamberMessage } from "../model/echoChambers";
import { type Person, scheduledDone, type TestConvex } from "./test.setup";

let clientCounter = 0;
export const cid = () => `client-${++clientCounter}-${Math.random().toString(36).slice(2, 10)}`;

export async function createChamber(
  owner: Person,
  overrides: Partial<{ name: string; topic: string; maxMembers: number; isPublic: boolean }> = {},
) {
  return await owner.as.mutation(api.echoChambers.create, {
    clientId: cid(),
    name: "Night owls",
    topic: "Insomnia",
    maxMembers: 10,
    isPublic: true,
    ...overrides,
  });
}

export const post = (who: Person, chamberId: Id<"echoChambers">, content: string, clientId = cid()) =>
  who.as.mutation(api.echoChambers.post, { chamberId, clientId, content });

export const page = (who: Person, chamberId: Id<"echoChambers">, numItems = 50, cursor: string | null = null) =>
  who.as.query(api.echoChambers.listMessages, { chamberId, paginationOpts: { numItems, cursor } });

/** Every document of `who`'s sync feed (after the joins' fan-out), projected for them as sync.ts does. */
export async function feedOf(t: TestConvex, who: Person) {
  await scheduledDone(t);
  return await t.run(async (ctx) => {
    const viewer = (await ctx.db.get("users", who.id))!;
    const rows = await ctx.db
      .query("syncChanges")
      .withIndex("by_user_commit", (q) => q.eq("userId", who.id))
      .collect();
    const out: { table: string; docId: string; doc: object | null }[] = [];
    for (const row of rows) {
      let doc: object | null = null;
      if (row.table === "echoChambers") {
        const d = await ctx.db.get("echoChambers", row.docId as Id<"echoChambers">);
        doc = d && (await projectChamber(ctx, viewer, d));
      } else if (row.table === "chamberMembers") {
        const d = await ctx.db.get("chamberMembers", row.docId as Id<"chamberMembers">);
        doc = d && (await projectChamberMember(ctx, viewer, d));
      } else if (row.table === "chamberMessages") {
        const d = await ctx.db.get("chamberMessages", row.docId as Id<"chamberMessages">);
        doc = d && (await projectChamberMessage(ctx, viewer, d));
      }
      out.push({ table: row.table, docId: row.docId, doc });
    }
    return out;
  });
}

export const chamberRow = (t: TestConvex, id: Id<"echoChambers">) => t.run((ctx) => ctx.db.get("echoChambers", id));

/** The chamber's live member count (its folded memberCount plus the deltas not folded yet). */
export const memberCount = (t: TestConvex, id: Id<"echoChambers">) =>
  t.run(async (ctx) => await liveMemberCount(ctx, (await ctx.db.get("echoChambers", id))!));
