// Authorization matrix rows, part 2: friends, echo chambers, skills, admin tools and feature flags.
import { expect } from "vitest";
import { api } from "../_generated/api";
import type { Id } from "../_generated/dataModel";
import { cid } from "./authorization.cases";
import {
  ADMINS,
  everyone,
  mutationRow,
  OWNER_ONLY,
  queryRow,
  SUPER_ADMINS,
  viewer,
  type Case,
  type World,
} from "./authorization.world";

type Chamber = { chamberId: Id<"echoChambers">; inviteCode: string; partnerMemberId: Id<"chamberMembers"> };

/** A chamber the owner created and posted in; the partner joined it. */
async function chamber(w: World, isPublic: boolean): Promise<Chamber> {
  const { chamberId, inviteCode } = await w.owner.as.mutation(api.echoChambers.create, {
    clientId: cid(), name: "Night owls", topic: "Sleep", maxMembers: 20, isPublic,
  });
  await w.owner.as.mutation(api.echoChambers.post, { chamberId, clientId: cid(), content: "first" });
  const { memberId } = await w.partner.as.mutation(api.echoChambers.joinByCode, { inviteCode });
  return { chamberId, inviteCode, partnerMemberId: memberId };
}

/** A public chamber every role's person is an active member of (the banned, erased and newcomer ones put there directly). */
async function sharedChamber(w: World): Promise<Chamber> {
  const made = await chamber(w, true);
  for (const who of [w.unrelated, w.blocked, w.admin, w.superAdmin]) {
    await who.as.mutation(api.echoChambers.join, { chamberId: made.chamberId });
  }
  await w.t.run(async (ctx) => {
    for (const who of [w.banned, w.erased, w.newcomer]) {
      await ctx.db.insert("chamberMembers", {
        chamberId: made.chamberId, userId: who.id, alias: `Quiet ${who.username}`, status: "active",
        joinedAt: Date.now(), updatedAt: Date.now(),
      });
    }
    const row = (await ctx.db.get("echoChambers", made.chamberId))!;
    await ctx.db.patch("echoChambers", made.chamberId, { memberCount: row.memberCount + 3 });
  });
  return made;
}

/** The owner offers guitar lessons; the partner seeks them. */
async function listings(w: World) {
  const offering = await w.owner.as.mutation(api.skills.add, { skillName: "Guitar", type: "offering", proficiencyLevel: "expert" });
  const seeking = await w.partner.as.mutation(api.skills.add, { skillName: "Guitar", type: "seeking", proficiencyLevel: "beginner" });
  return { offeringId: offering.skillId, seekingId: seeking.skillId };
}

/** The partner asked to learn from the owner (pending; accepted when `accept`). */
async function matched(w: World, accept = false) {
  const { offeringId } = await listings(w);
  const { matchId } = await w.partner.as.mutation(api.skills.proposeMatch, { offeringSkillId: offeringId });
  if (accept) await w.owner.as.mutation(api.skills.acceptMatch, { matchId });
  return { matchId };
}

const partnerAsked = async (w: World) => {
  await w.partner.as.mutation(api.friends.request, { userId: w.owner.id });
  return { userId: w.partner.id };
};

const friends: Case[] = [
  mutationRow(api.friends.request, "to the owner", (w) => ({ userId: w.owner.id }),
    viewer("OK", { owner: "INVALID", blocked: "BLOCKED" })),
  mutationRow(api.friends.accept, "the partner's request to the owner", partnerAsked, OWNER_ONLY),
  mutationRow(api.friends.decline, "the partner's request to the owner", partnerAsked, OWNER_ONLY),
  mutationRow(api.friends.remove, "the owner's friend", async (w) => {
    await partnerAsked(w);
    await w.owner.as.mutation(api.friends.accept, { userId: w.partner.id });
    return { userId: w.partner.id };
  }, OWNER_ONLY),
  mutationRow(api.friends.block, "the owner", (w) => ({ userId: w.owner.id }), viewer("OK", { owner: "INVALID" })),
  mutationRow(api.friends.unblock, "the person the owner blocked", (w) => ({ userId: w.blocked.id }), OWNER_ONLY),
  // Nobody lifts the owner's block but the owner: not even the blocked person.
  mutationRow(api.friends.unblock, "the owner", (w) => ({ userId: w.owner.id }), viewer("NOT_FOUND")),
  queryRow(api.friends.list, "", () => ({}), viewer("NONE", { owner: "SOME" })),
];

const id = (made: Chamber) => ({ chamberId: made.chamberId });
const page = { numItems: 10, cursor: null };

const chambers: Case[] = [
  mutationRow(api.echoChambers.create, "", () => ({ clientId: cid(), name: "Readers", topic: "Books", maxMembers: 5, isPublic: true }), viewer("OK")),
  mutationRow(api.echoChambers.joinByCode, "the owner's private chamber", async (w) => ({ inviteCode: (await chamber(w, false)).inviteCode }),
    viewer("OK", { owner: "NOOP" })),
  mutationRow(api.echoChambers.join, "the owner's public chamber", async (w) => id(await chamber(w, true)), viewer("OK", { owner: "NOOP" })),
  mutationRow(api.echoChambers.join, "the owner's private chamber", async (w) => id(await chamber(w, false)), viewer("NOT_FOUND")),
  mutationRow(api.echoChambers.leave, "the owner's public chamber", async (w) => id(await chamber(w, true)), OWNER_ONLY),
  mutationRow(api.echoChambers.leave, "the owner's private chamber", async (w) => id(await chamber(w, false)), OWNER_ONLY),
  queryRow(api.echoChambers.discover, "a public chamber", async (w) => {
    await chamber(w, true);
    return {};
  }, viewer("SOME")),
  queryRow(api.echoChambers.discover, "only a private chamber", async (w) => {
    await chamber(w, false);
    return { topic: "sle" };
  }, viewer("NONE")),
  queryRow(api.echoChambers.get, "the owner's public chamber", async (w) => id(await chamber(w, true)), viewer("SOME")),
  queryRow(api.echoChambers.get, "the owner's private chamber", async (w) => id(await chamber(w, false)),
    viewer("NOT_FOUND", { owner: "SOME" })),
  mutationRow(api.echoChambers.post, "the owner's public chamber", async (w) => ({ ...id(await chamber(w, true)), clientId: cid(), content: "hi" }),
    viewer("FORBIDDEN", { owner: "OK" })),
  mutationRow(api.echoChambers.post, "the owner's private chamber", async (w) => ({ ...id(await chamber(w, false)), clientId: cid(), content: "hi" }),
    OWNER_ONLY),
  // Blocks stop direct contact, not a shared public chamber: every active member may post.
  mutationRow(api.echoChambers.post, "a chamber everyone joined", async (w) => ({ ...id(await sharedChamber(w)), clientId: cid(), content: "hi" }),
    viewer("OK")),
  queryRow(api.echoChambers.listMessages, "the owner's public chamber", async (w) => ({ ...id(await chamber(w, true)), paginationOpts: page }),
    viewer("FORBIDDEN", { owner: "SOME" })),
  queryRow(api.echoChambers.listMessages, "the owner's private chamber", async (w) => ({ ...id(await chamber(w, false)), paginationOpts: page }),
    viewer("NOT_FOUND", { owner: "SOME" })),
  queryRow(api.echoChambers.listMessages, "a chamber everyone joined", async (w) => ({ ...id(await sharedChamber(w)), paginationOpts: page }),
    viewer("SOME"), (_w, role, value) => {
      const [message] = (value as { page: { content: string; hiddenBecauseBlocked?: true }[] }).page;
      // The owner's message reaches the person they blocked without its content.
      if (role === "blocked") expect(message).toMatchObject({ content: "", hiddenBecauseBlocked: true });
      else expect(message).toMatchObject({ content: "first" });
    }),
  queryRow(api.echoChambers.members, "the owner's public chamber", async (w) => id(await chamber(w, true)),
    viewer("FORBIDDEN", { owner: "SOME" })),
  queryRow(api.echoChambers.members, "the owner's private chamber", async (w) => id(await chamber(w, false)),
    viewer("NOT_FOUND", { owner: "SOME" })),
  mutationRow(api.echoChambers.removeMember, "from the owner's public chamber", async (w) => {
    const made = await chamber(w, true);
    return { chamberId: made.chamberId, memberId: made.partnerMemberId };
  }, viewer("FORBIDDEN", { owner: "OK" })),
  mutationRow(api.echoChambers.removeMember, "by fellow members", async (w) => {
    const made = await sharedChamber(w);
    return { chamberId: made.chamberId, memberId: made.partnerMemberId };
  }, viewer("FORBIDDEN", { owner: "OK" })),
];

const skills: Case[] = [
  mutationRow(api.skills.add, "", () => ({ skillName: "Cooking", type: "offering" as const, proficiencyLevel: "beginner" as const }), viewer("OK")),
  mutationRow(api.skills.remove, "the owner's listing", async (w) => ({ skillId: (await listings(w)).offeringId }),
    viewer("FORBIDDEN", { owner: "OK" })),
  queryRow(api.skills.mine, "", async (w) => {
    await listings(w);
    return {};
  }, viewer("NONE", { owner: "SOME" })),
  queryRow(api.skills.search, "", async (w) => {
    await listings(w);
    return { query: "guitar" };
  }, viewer("SOME"), (w, role, value) => {
    const owners = (value as { owner?: { _id: string } }[]).map((skill) => skill.owner?._id);
    if (role === "blocked") expect(owners).not.toContain(w.owner.id);
    if (role === "unrelated") expect(owners).toContain(w.owner.id);
  }),
  queryRow(api.skills.suggestedMatches, "", async (w) => {
    await listings(w);
    return {};
  }, viewer("NONE", { owner: "SOME" })),
  mutationRow(api.skills.proposeMatch, "learning from the owner", async (w) => ({ offeringSkillId: (await listings(w)).offeringId }),
    viewer("OK", { owner: "INVALID", blocked: "BLOCKED" })),
  mutationRow(api.skills.proposeMatch, "between the owner and the partner", async (w) => {
    const { offeringId, seekingId } = await listings(w);
    return { offeringSkillId: offeringId, seekingSkillId: seekingId };
  }, viewer("FORBIDDEN", { owner: "OK" })),
  mutationRow(api.skills.acceptMatch, "proposed to the owner", (w) => matched(w), OWNER_ONLY),
  mutationRow(api.skills.declineMatch, "proposed to the owner", (w) => matched(w), OWNER_ONLY),
  mutationRow(api.skills.completeMatch, "the owner's accepted match", (w) => matched(w, true), OWNER_ONLY),
  queryRow(api.skills.myMatches, "", async (w) => {
    await matched(w);
    return {};
  }, viewer("NONE", { owner: "SOME" })),
];

const ownerRequested = async (w: World) =>
  await w.owner.as.mutation(api.admin.requestRole, { requestType: "admin", reason: "I help" });

const admin: Case[] = [
  mutationRow(api.admin.requestRole, "", () => ({ requestType: "admin" as const }),
    viewer("OK", { admin: "CONFLICT", superAdmin: "CONFLICT" })),
  queryRow(api.admin.listRequests, "", async (w) => {
    await ownerRequested(w);
    return {};
  }, viewer("FORBIDDEN", { superAdmin: "SOME" })),
  mutationRow(api.admin.reviewRequest, "the owner's request", async (w) => ({ ...(await ownerRequested(w)), approve: true }), SUPER_ADMINS),
  mutationRow(api.admin.grantAdminRole, "to the owner", (w) => ({ userId: w.owner.id, role: "admin" as const }), SUPER_ADMINS),
  mutationRow(api.admin.revokeAdminRole, "from the owner, an admin", async (w) => {
    await w.superAdmin.as.mutation(api.admin.grantAdminRole, { userId: w.owner.id, role: "admin" });
    return { userId: w.owner.id };
  }, SUPER_ADMINS),
  mutationRow(api.admin.banUser, "the owner", (w) => ({ userId: w.owner.id, reason: "spam" }), ADMINS),
  mutationRow(api.admin.banUser, "an admin", async (w) => {
    await w.superAdmin.as.mutation(api.admin.grantAdminRole, { userId: w.partner.id, role: "admin" });
    return { userId: w.partner.id, reason: "spam" };
  }, SUPER_ADMINS),
  mutationRow(api.admin.banUser, "the super admin", (w) => ({ userId: w.superAdmin.id, reason: "spam" }), viewer("FORBIDDEN")),
  // The banned person can't lift their own ban.
  mutationRow(api.admin.unbanUser, "the banned person", (w) => ({ userId: w.banned.id }), ADMINS),
  mutationRow(api.admin.softDeleteUser, "the owner", (w) => ({ userId: w.owner.id, reason: "abuse" }), ADMINS),
  queryRow(api.admin.getAdminDashboardStats, "", () => ({}), ADMINS),
  queryRow(api.admin.searchUsers, "", () => ({ query: "o" }), viewer("FORBIDDEN", { admin: "SOME", superAdmin: "SOME" })),
  queryRow(api.admin.myRole, "", () => ({}), viewer("NONE", { admin: "SOME", superAdmin: "SOME" })),
  queryRow(api.featureFlags.list, "", () => ({}), everyone("SOME")),
  mutationRow(api.featureFlags.set, "", () => ({ name: "MOOD_MATCH", enabled: false }), ADMINS),
];

export const SOCIAL_CASES: Case[] = [...friends, ...chambers, ...skills, ...admin];
