// What this tab proposed (skill name, person), so a proposal shows readable before the server's match row arrives.
const known = new Map<string, { skillName: string; name: string }>();

export function rememberProposal(offeringSkillId: string, skillName: string, name: string): void {
  known.set(offeringSkillId, { skillName, name });
}

export function proposalLabel(offeringSkillId: unknown): { skillName?: string; name?: string } | undefined {
  return typeof offeringSkillId === "string" ? known.get(offeringSkillId) : undefined;
}
