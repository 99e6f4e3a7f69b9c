// @vitest-environment jsdom
// Bad input in the UI, the skill exchange: generated hostile strings in other people's or the server's text never become markup (frame: hostileHarness.tsx).
import type { Id } from "../../convex/_generated/dataModel";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { ListingCard } from "../features/skills/ListingCard";
import { SkillListings } from "../features/skills/SkillListings";
import { SkillMatches } from "../features/skills/SkillMatches";
import { hostileName, hostileString } from "./hostile";
import { data, expectInert, expectText, holds, useHostileHarness } from "./hostileHarness";

vi.mock("../db/queries", async (original) => (await import("./hostileQueries")).mockQueries(await original()));
useHostileHarness();

describe("no skill payload renders as markup", () => {
  it("someone's listing card: skill name, description, owner, note", () => {
    const arb = fc.record({ skillName: hostileString, description: hostileString, displayName: hostileString, username: hostileString, note: hostileString });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <ListingCard
              listing={{
                _id: "s1" as Id<"skills">,
                _creationTime: 1,
                skillName: f.skillName,
                type: "offering",
                proficiencyLevel: "advanced",
                description: f.description,
                isYours: false,
                owner: { _id: "u1" as Id<"users">, displayName: f.displayName, username: f.username, interests: [], isDeleted: false, updatedAt: 1 },
                updatedAt: 1,
              }}
              note={f.note}
            />
          </ul>
        ),
        (body, f) => {
          expectText(body, f.skillName);
          expectText(body, f.description);
          expectText(body, `${f.displayName} @${f.username}`);
          expectText(body, f.note);
        },
      ),
    );
  });

  it("skill matches: skill name, counterpart name, refusal", () => {
    const arb = fc.record({ skillName: hostileString, displayName: hostileString, syncError: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <SkillMatches />, (body, f) => {
        expect(body.querySelector(".skill-name")!.textContent).toBe(f.skillName);
        expectText(body, `${f.displayName} teaches you ${f.skillName.toLowerCase()}`);
        expectText(body, `Not sent: ${f.syncError}`);
      }, {
        router: true,
        setup: (f) => {
          data.skillMatches = [
            { id: "sm1", syncState: "failed", syncError: f.syncError, status: "pending", skillName: f.skillName, teacherIsYou: false, counterpart: { _id: "u1", displayName: f.displayName }, offeringSkillId: "s1" },
          ];
        },
      }),
    );
  });

  it("own listings: skill name, description, refusal", () => {
    const arb = fc.record({ skillName: hostileName, description: hostileString, syncError: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <SkillListings />, (body, f) => {
        expectText(body, f.skillName);
        expectText(body, f.description);
        expectText(body, `Not sent: ${f.syncError}`);
      }, {
        setup: (f) => {
          data.mySkills = [
            { id: "s1", syncState: "failed", syncError: f.syncError, isYours: true, type: "offering", skillName: f.skillName, description: f.description, proficiencyLevel: "expert" },
          ];
        },
      }),
    );
  });
});

// ── People, admin, account, notices ───────────────────────────────────────────────────────────
