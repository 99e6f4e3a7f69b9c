// Proposes a match and remembers what it was about (for the pending row), reporting problems as toasts.
import * as actions from "../../actions";
import { isOnline } from "../../ui/online";
import { toast } from "../../ui/Toasts";
import { rememberProposal } from "./proposals";

export async function propose(
  offeringSkillId: string,
  seekingSkillId: string | undefined,
  skillName: string,
  name: string,
): Promise<void> {
  try {
    rememberProposal(offeringSkillId, skillName, name);
    await actions.proposeMatch(offeringSkillId, seekingSkillId);
    toast(isOnline() ? `Proposal sent to ${name}.` : `Proposal to ${name} saved: it is sent when you are back online.`);
  } catch (error) {
    toast(error instanceof Error ? error.message : "Could not propose the match.", "error");
  }
}
