// Skill exchange rules the screens need: levels, how to propose on a listing, and how a match reads for the viewer.
import type { SkillView, SuggestionView } from "../../../convex/model/skills";
import { SKILL_NAME_MAX, SKILL_NAME_MIN } from "../../../convex/model/skillRules";
import type { LocalDoc } from "../../db/types";

export { DESCRIPTION_MAX, SKILL_NAME_MAX, SKILL_NAME_MIN } from "../../../convex/model/skillRules";
export type SkillType = SkillView["type"];
export type Level = SkillView["proficiencyLevel"];
export const LEVELS: readonly Level[] = ["beginner", "intermediate", "advanced", "expert"];

/** A listing as skills:search and skills:suggestedMatches answer it. */
export type SkillListing = SkillView;
export type Suggestion = SuggestionView;

export const levelLabel = (level: unknown): string =>
  typeof level === "string" && level ? level.charAt(0).toUpperCase() + level.slice(1) : "";

const norm = (s: unknown) =>
  String(s ?? "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, " ");

export function skillNameError(name: string): string | undefined {
  const text = name.trim();
  if (text.length < SKILL_NAME_MIN) return `A skill name needs at least ${SKILL_NAME_MIN} characters.`;
  if (text.length > SKILL_NAME_MAX) return `A skill name can be at most ${SKILL_NAME_MAX} characters.`;
  return undefined;
}

export type Proposal =
  { ok: true; offeringSkillId: string; seekingSkillId?: string; label: string } | { ok: false; reason: string };

/** Learn an offered skill, or teach a sought one (needs an own "offering" listing of the same name). */
export function proposalFor(theirs: SkillListing, mine: readonly LocalDoc[]): Proposal {
  const same = (type: SkillType) => mine.find((s) => s.type === type && norm(s.skillName) === norm(theirs.skillName));
  if (theirs.type === "offering") {
    return { ok: true, offeringSkillId: theirs._id, seekingSkillId: same("seeking")?.id, label: "Ask to learn" };
  }
  const offer = same("offering");
  if (offer) return { ok: true, offeringSkillId: offer.id, seekingSkillId: theirs._id, label: "Offer to teach" };
  return { ok: false, reason: `Add “${theirs.skillName}” to your offers to teach it.` };
}

export function proposalForSuggestion(s: Suggestion): { offeringSkillId: string; seekingSkillId: string } {
  return s.teacherIsYou
    ? { offeringSkillId: s.yourSkill._id, seekingSkillId: s.theirSkill._id }
    : { offeringSkillId: s.theirSkill._id, seekingSkillId: s.yourSkill._id };
}

/** Pending or accepted; the server's row rather than this device's, an accepted one before a pending one. */
export function openMatch(matches: readonly LocalDoc[], offeringSkillId: string, seekingSkillId?: string): LocalDoc | undefined {
  const open = uniqueMatches(matches).filter(
    (m) =>
      m.offeringSkillId === offeringSkillId &&
      (seekingSkillId === undefined || m.seekingSkillId === undefined || m.seekingSkillId === seekingSkillId) &&
      (m.status === "pending" || m.status === "accepted"),
  );
  return open.find((m) => m.status === "accepted") ?? open[0];
}

export function openMatchLabel(m: LocalDoc): string {
  if (m.status === "accepted") return "Matched";
  // A proposal made on this device has no proposedByYou until the server's row arrives: it is the viewer's.
  return m.proposedByYou === false ? "Proposed to you" : "Proposed";
}

/** One line saying who teaches whom, e.g. "Bob teaches you guitar". */
export function matchHeadline(m: LocalDoc, fallback?: { skillName?: string; name?: string }): string {
  const skill = String(m.skillName ?? fallback?.skillName ?? "a skill");
  const counterpart = m.counterpart as { displayName?: string } | undefined;
  const name = counterpart?.displayName ?? fallback?.name ?? "Someone";
  if (m.teacherIsYou === true) return `You teach ${name} ${skill.toLowerCase()}`;
  if (m.teacherIsYou === false) return `${name} teaches you ${skill.toLowerCase()}`;
  return `${skill} with ${name}`;
}

export function matchActions(m: LocalDoc): Array<"accept" | "decline" | "complete" | "open"> {
  if (m.syncState === "failed") return [];
  switch (m.status) {
    case "pending":
      return m.proposedByYou === true ? [] : ["accept", "decline"];
    case "accepted":
      return typeof m.conversationId === "string" ? ["open", "complete"] : ["complete"];
    case "completed":
      return typeof m.conversationId === "string" ? ["open"] : [];
    default:
      return [];
  }
}

export function matchStatusText(m: LocalDoc): string {
  switch (m.status) {
    case "pending":
      return m.proposedByYou === true ? "Waiting for an answer" : "Wants to match with you";
    case "accepted":
      return typeof m.conversationId === "string"
        ? "Accepted: your conversation is open"
        : "Accepted: opening your conversation…";
    case "completed":
      return "Completed";
    case "declined":
      return "Declined";
    default:
      return String(m.status ?? "");
  }
}

/** The server's row wins over this device's (between pull and acknowledgement); name and type identify a listing. */
export function uniqueListings(rows: readonly LocalDoc[]): LocalDoc[] {
  const byKey = new Map<string, LocalDoc>();
  for (const row of rows) {
    const key = `${String(row.type)}|${norm(row.skillName)}`;
    const seen = byKey.get(key);
    if (!seen || (seen.isLocal === true && row.isLocal !== true)) byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** Drops local proposals whose server row already arrived. */
export function uniqueMatches(rows: readonly LocalDoc[]): LocalDoc[] {
  const server = rows.filter((m) => m.isLocal !== true);
  return rows.filter(
    (m) =>
      m.isLocal !== true ||
      !server.some(
        (s) =>
          s.offeringSkillId === m.offeringSkillId &&
          (m.seekingSkillId === undefined || s.seekingSkillId === m.seekingSkillId) &&
          s.proposedByYou === true,
      ),
  );
}
