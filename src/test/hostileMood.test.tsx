// @vitest-environment jsdom
// Bad input in the UI, the mood journal and mood matches: generated hostile strings in other people's or the server's text never become markup (frame: hostileHarness.tsx).
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { MatchCard } from "../features/mood/MatchCard";
import { MoodJournal } from "../features/mood/MoodJournal";
import { hostileString } from "./hostile";
import { AT, expectInert, expectText, holds, useHostileHarness } from "./hostileHarness";

vi.mock("../db/queries", async (original) => (await import("./hostileQueries")).mockQueries(await original()));
useHostileHarness();

describe("no mood payload renders as markup", () => {
  it("a mood journal entry: its note", () => {
    holds(fc.record({ note: hostileString, other: hostileString }), (fields) =>
      expectInert(
        fields,
        (f) => (
          <MoodJournal
            entries={[
              { mood: "calm", note: f.note, at: AT },
              { mood: "happy", note: f.other, at: AT - 86_400_000, pending: true },
            ]}
            onEdit={() => undefined}
            onDelete={() => undefined}
          />
        ),
        (body, f) => {
          expect([...body.querySelectorAll(".mood-entry-note")].map((p) => p.textContent)).toEqual([f.note, f.other].filter(Boolean));
        },
      ),
    );
  });

  it("a mood match card: display name, username, career, life phase, shared interests", () => {
    const arb = fc.record({
      displayName: hostileString,
      username: hostileString,
      career: hostileString,
      lifePhase: hostileString,
      interests: fc.array(hostileString, { maxLength: 4 }),
    });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <MatchCard
              match={{
                user: { _id: "u1", username: f.username, displayName: f.displayName, mood: "calm", career: f.career, lifePhase: f.lifePhase, interests: f.interests },
                score: 0.8,
                parts: { mood: 0.4, interests: 0.1, lifePhase: 0.15, career: 0.15 },
                sharedInterests: f.interests,
              }}
              rank={1}
              viewer={{ mood: "calm" }}
              onWhisper={() => undefined}
              busy={false}
            />
          </ul>
        ),
        (body, f) => {
          expect(body.querySelector(".match-name")!.textContent).toBe(f.displayName);
          expectText(body, `@${f.username}`);
          if (f.career) expectText(body, `Same career: ${f.career}.`);
          if (f.lifePhase) expectText(body, `Same life phase: ${f.lifePhase}.`);
          const tags = [...body.querySelectorAll("[aria-label='Shared interests'] li")].map((li) => li.textContent);
          expect(tags).toEqual(f.interests);
          expect(body.querySelector(".match-whisper")!.textContent).toBe(`Whisper to ${f.displayName}`);
        },
      ),
    );
  });
});

// ── Skills ────────────────────────────────────────────────────────────────────────────────────
