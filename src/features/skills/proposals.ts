// What this tab proposed (skill name, person), so a proposal shows readable before the server's match row arrives.
const known = new Map<string, { skillName: string; name: string }>();

/** Remembers the skill and person of a proposal made on `offeringSkillId`. */
export function rememberProposal(offeringSkillId: string, skillName: string, name: string): void {
  known.set(offeringSkillId, { skillName, name });
}

/** The remembered skill name and person for a pending local match row. */
export function proposalLabel(offeringSkillId: unknown): { skillName?: string; name?: string } | undefined {
  return typeof offeringSkillId === "string" ? known.get(offeringSkillId) : undefined;
}
