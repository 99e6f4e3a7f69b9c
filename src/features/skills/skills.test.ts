// Skill exchange rules: how to propose on a listing, match wording and actions, and de-duplicated rows.
import type { Id } from "../../../convex/_generated/dataModel";
import { describe, expect, it } from "vitest";
import type { LocalDoc } from "../../db/types";
import {
  matchActions,
  matchHeadline,
  matchStatusText,
  openMatch,
  openMatchLabel,
  proposalFor,
  proposalForSuggestion,
  skillNameError,
  uniqueListings,
  uniqueMatches,
  type SkillListing,
} from "./skills";

const doc = (fields: Record<string, unknown>): LocalDoc => ({ id: "x", syncState: "synced", ...fields }) as LocalDoc;
const theirs = (type: "offering" | "seeking", skillName = "Guitar"): SkillListing => ({
  _id: `their-${type}` as Id<"skills">,
  _creationTime: 1,
  skillName,
  type,
  proficiencyLevel: "advanced",
  isYours: false,
  owner: { _id: "u2" as Id<"users">, username: "bob", displayName: "Bob", interests: [], isDeleted: false, updatedAt: 1 },
  updatedAt: 1,
});

describe("proposalFor", () => {
  it("asks to learn an offered skill, with the viewer's own seeking listing of that name when there is one", () => {
    expect(proposalFor(theirs("offering"), [])).toEqual({
      ok: true,
      offeringSkillId: "their-offering",
      seekingSkillId: undefined,
      label: "Ask to learn",
    });
    const mine = [doc({ id: "my-seek", type: "seeking", skillName: " guitar " })];
    expect(proposalFor(theirs("offering"), mine)).toMatchObject({ ok: true, seekingSkillId: "my-seek" });
  });

  it("offers to teach a sought skill only with an own offering listing of the same name", () => {
    expect(proposalFor(theirs("seeking"), [doc({ id: "my-offer", type: "offering", skillName: "Piano" })])).toEqual({
      ok: false,
      reason: "Add “Guitar” to your offers to teach it.",
    });
    expect(proposalFor(theirs("seeking"), [doc({ id: "my-offer", type: "offering", skillName: "GUITAR" })])).toEqual({
      ok: true,
      offeringSkillId: "my-offer",
      seekingSkillId: "their-seeking",
      label: "Offer to teach",
    });
  });
});

describe("proposalForSuggestion", () => {
  it("puts the teacher's listing first", () => {
    const yours = { ...theirs("offering"), _id: "mine" as Id<"skills">, isYours: true };
    expect(
      proposalForSuggestion({ yourSkill: yours, theirSkill: theirs("seeking"), teacherIsYou: true, mutual: false }),
    ).toEqual({ offeringSkillId: "mine", seekingSkillId: "their-seeking" });
    expect(
      proposalForSuggestion({
        yourSkill: { ...yours, type: "seeking" },
        theirSkill: theirs("offering"),
        teacherIsYou: false,
        mutual: false,
      }),
    ).toEqual({
      offeringSkillId: "their-offering",
      seekingSkillId: "mine",
    });
  });
});

describe("matches", () => {
  const counterpart = { _id: "u2", displayName: "Bob" };
  it("says who teaches whom", () => {
    expect(matchHeadline(doc({ skillName: "Guitar", teacherIsYou: true, counterpart }))).toBe("You teach Bob guitar");
    expect(matchHeadline(doc({ skillName: "Guitar", teacherIsYou: false, counterpart }))).toBe(
      "Bob teaches you guitar",
    );
    expect(matchHeadline(doc({ status: "pending" }), { skillName: "Chess", name: "Ada" })).toBe("Chess with Ada");
  });

  it("offers the actions that fit the status and who proposed", () => {
    expect(matchActions(doc({ status: "pending", proposedByYou: false }))).toEqual(["accept", "decline"]);
    expect(matchActions(doc({ status: "pending", proposedByYou: true }))).toEqual([]);
    expect(matchActions(doc({ status: "accepted" }))).toEqual(["complete"]);
    expect(matchActions(doc({ status: "accepted", conversationId: "c1" }))).toEqual(["open", "complete"]);
    expect(matchActions(doc({ status: "completed", conversationId: "c1" }))).toEqual(["open"]);
    expect(matchActions(doc({ status: "declined" }))).toEqual([]);
    expect(matchActions(doc({ status: "pending", syncState: "failed" }))).toEqual([]);
    expect(matchStatusText(doc({ status: "accepted" }))).toBe("Accepted: opening your conversation…");
    expect(matchStatusText(doc({ status: "pending", proposedByYou: true }))).toBe("Waiting for an answer");
  });

  it("finds a listing's open match and says where it stands", () => {
    const rows = [
      doc({ id: "p", offeringSkillId: "o1", seekingSkillId: "s1", status: "pending", proposedByYou: true }),
      doc({ id: "d", offeringSkillId: "o2", status: "declined" }),
    ];
    expect(openMatch(rows, "o1", "s1")?.id).toBe("p");
    expect(openMatch(rows, "o1", "s2")).toBeUndefined();
    expect(openMatch(rows, "o2")).toBeUndefined();
    expect(openMatchLabel(openMatch(rows, "o1", "s1")!)).toBe("Proposed");
    expect(openMatchLabel(doc({ status: "pending", isLocal: true }))).toBe("Proposed");
    expect(openMatchLabel(doc({ status: "pending", proposedByYou: false }))).toBe("Proposed to you");
  });

  it("says Matched once the proposal was accepted, whatever row this device still keeps from proposing", () => {
    const accepted = doc({ id: "server", offeringSkillId: "o1", seekingSkillId: "s1", status: "accepted", proposedByYou: true });
    const leftover = doc({ id: "local", isLocal: true, offeringSkillId: "o1", seekingSkillId: "s1", status: "pending" });
    const older = doc({ id: "old", offeringSkillId: "o1", seekingSkillId: "s1", status: "completed" });
    const match = openMatch([leftover, older, accepted], "o1", "s1")!;
    expect(match.id).toBe("server");
    expect(openMatchLabel(match)).toBe("Matched");
  });

  it("hides a local proposal once the server's row for the same listings arrived", () => {
    const local = doc({ id: "local", isLocal: true, offeringSkillId: "o1", status: "pending", proposedByYou: true });
    const server = doc({ id: "server", offeringSkillId: "o1", status: "pending", proposedByYou: true });
    expect(uniqueMatches([local]).map((m) => m.id)).toEqual(["local"]);
    expect(uniqueMatches([local, server]).map((m) => m.id)).toEqual(["server"]);
  });
});

describe("listings", () => {
  it("keeps one row per skill and type, the server's first", () => {
    const rows = [
      doc({ id: "local", isLocal: true, type: "offering", skillName: "Guitar" }),
      doc({ id: "server", type: "offering", skillName: "guitar" }),
      doc({ id: "seek", type: "seeking", skillName: "Guitar" }),
    ];
    expect(uniqueListings(rows).map((r) => r.id)).toEqual(["server", "seek"]);
  });

  it("checks a new listing's name", () => {
    expect(skillNameError(" a ")).toMatch(/at least 2/);
    expect(skillNameError("x".repeat(61))).toMatch(/at most 60/);
    expect(skillNameError("Go")).toBeUndefined();
  });
});
