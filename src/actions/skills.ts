// Skill exchange actions: list and remove skills, propose, accept, decline and complete matches.
import { getFunctionName, type FunctionReference } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { WhispersDB } from "../db/database";
import { isLocalId } from "../db/ids";
import { discardEntry } from "../db/outboxResults";
import { unsentCreateOf } from "../db/repos/outboxRepo";
import { byId, changeRow, createRow } from "./rowAction";
import { runAction, type Queued } from "./run";

export type NewSkill = {
  skillName: string;
  type: "offering" | "seeking";
  proficiencyLevel: "beginner" | "intermediate" | "advanced" | "expert";
  description?: string;
};

/** Lists a skill the viewer offers or seeks. */
export function addSkill(input: NewSkill, db?: WhispersDB): Promise<Queued> {
  return createRow(
    {
      kind: "addSkill",
      udfPath: getFunctionName(api.skills.add),
      args: { ...input },
      table: "skills",
      fields: { ...input, isYours: true },
      resultField: "skillId",
      sendsClientId: true,
    },
    db,
  );
}

/** Removes one of the viewer's skills (withdrawn locally if never sent; returns null then). */
export async function removeSkill(skillId: string, db?: WhispersDB): Promise<Queued | null> {
  if (isLocalId(skillId)) {
    const withdrawn = await runAction(async (tx) => {
      const create = await unsentCreateOf(tx.db, skillId);
      return create ? discardEntry(tx.db, create.id) : false;
    }, db);
    if (withdrawn) return null;
  }
  return changeRow(
    {
      kind: "removeSkill",
      udfPath: getFunctionName(api.skills.remove),
      args: { skillId },
      idArgs: ["skillId"],
      table: "skills",
      find: byId("skills", skillId),
      patch: { isDeleted: true },
    },
    db,
  );
}

/** Proposes a match on someone's offered skill (optionally against one of the viewer's sought skills). */
export function proposeMatch(offeringSkillId: string, seekingSkillId?: string, db?: WhispersDB): Promise<Queued> {
  return createRow(
    {
      kind: "proposeMatch",
      udfPath: getFunctionName(api.skills.proposeMatch),
      args: { offeringSkillId, seekingSkillId },
      idArgs: ["offeringSkillId", "seekingSkillId"],
      table: "skillMatches",
      fields: { offeringSkillId, seekingSkillId, status: "pending", proposedByYou: true },
      resultField: "matchId",
      sendsClientId: false,
    },
    db,
  );
}

function answerMatch(kind: string, fn: FunctionReference<"mutation">, matchId: string, status: string, db?: WhispersDB) {
  return changeRow(
    {
      kind,
      udfPath: getFunctionName(fn),
      args: { matchId },
      idArgs: ["matchId"],
      table: "skillMatches",
      find: byId("skillMatches", matchId),
      patch: { status },
    },
    db,
  );
}

/** Accepts a match (the server opens a conversation between the two; it arrives through the pull). */
export const acceptMatch = (matchId: string, db?: WhispersDB): Promise<Queued> =>
  answerMatch("acceptMatch", api.skills.acceptMatch, matchId, "accepted", db);
export const declineMatch = (matchId: string, db?: WhispersDB): Promise<Queued> =>
  answerMatch("declineMatch", api.skills.declineMatch, matchId, "declined", db);
export const completeMatch = (matchId: string, db?: WhispersDB): Promise<Queued> =>
  answerMatch("completeMatch", api.skills.completeMatch, matchId, "completed", db);
