// @vitest-environment jsdom
// Bad input in the UI, echo chambers: generated hostile strings in other people's or the server's text never become markup (frame: hostileHarness.tsx).
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import type { LocalDoc } from "../db/types";
import { ChamberSummary } from "../features/chambers/ChamberSummary";
import { DiscoverChambers } from "../features/chambers/DiscoverChambers";
import { Room } from "../features/chambers/Room";
import { hostileString } from "./hostile";
import { AT, data, expectInert, expectText, holds, useHostileHarness } from "./hostileHarness";

vi.mock("../db/queries", async (original) => (await import("./hostileQueries")).mockQueries(await original()));
useHostileHarness();

describe("no chamber payload renders as markup", () => {
  it("a chamber room: name, topic, own alias, messages (alias, content, refusal), member aliases", () => {
    const arb = fc.record({
      name: hostileString,
      topic: hostileString,
      yourAlias: hostileString,
      alias: hostileString,
      content: hostileString,
      ownContent: hostileString,
      syncError: hostileString,
      memberAlias: hostileString,
    });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => {
          const chamber: LocalDoc = {
            id: "ch1",
            syncState: "synced",
            name: f.name,
            topic: f.topic,
            yourAlias: f.yourAlias,
            inviteCode: "abc123def456",
            isPublic: true,
            memberCount: 3,
            maxMembers: 10,
            isCreatorYou: true,
          };
          return <Room chamber={chamber} />;
        },
        (body, f) => {
          expect(body.querySelector("h1")!.textContent).toBe(f.name);
          expectText(body, `#${f.topic}`);
          expectText(body, f.yourAlias);
          const messages = [...body.querySelectorAll(".chamber-message")];
          expect(messages.map((m) => m.querySelector(".chamber-message-alias")!.textContent)).toEqual([f.alias, "You"]);
          expect(messages.map((m) => m.querySelector(".chamber-message-text")!.textContent)).toEqual([f.content, f.ownContent]);
          expectText(body, `Not sent: ${f.syncError}`);
          expectText(body, f.memberAlias);
        },
        {
          router: true,
          setup: (f) => {
            data.chamberMessages = [
              { id: "m1", clientId: "m1", chamberId: "ch1", alias: f.alias, content: f.content, sortKey: AT, syncState: "synced" },
              { id: "m2", clientId: "m2", chamberId: "ch1", alias: "x", content: f.ownContent, fromYou: true, sortKey: AT + 1, syncState: "failed", syncError: f.syncError },
            ];
            data.chamberMembers = [
              { id: "me1", chamberId: "ch1", alias: f.yourAlias, isYou: true, joinedAt: 1, syncState: "synced" },
              { id: "me2", chamberId: "ch1", alias: f.memberAlias, joinedAt: 2, syncState: "synced" },
            ];
          },
        },
      ),
    );
  });

  it("discovered public chambers (server answer): name and topic", () => {
    holds(fc.record({ name: hostileString, topic: hostileString }), (fields) =>
      expectInert(fields, () => <DiscoverChambers />, (body, f) => {
        expect(body.querySelector(".chamber-item-name")!.textContent).toBe(f.name);
        expectText(body, `#${f.topic}`);
        expect(body.querySelector(".chamber-item-action [aria-label]")!.getAttribute("aria-label")).toBe(`Join ${f.name}`);
      }, {
        router: true,
        setup: (f) => {
          data.remote["echoChambers:discover"] = [
            { _id: "ch1", name: f.name, topic: f.topic, isPublic: true, maxMembers: 9, memberCount: 1, isMember: false, _creationTime: AT, updatedAt: AT },
          ];
        },
      }),
    );
  });

  it("a chamber card: name and topic", () => {
    holds(fc.record({ name: hostileString, topic: hostileString }), (fields) =>
      expectInert(
        fields,
        (f) => (
          <ul>
            <ChamberSummary chamber={{ _id: "ch1", name: f.name, topic: f.topic, isPublic: true, memberCount: 2, maxMembers: 5 }} action={<button type="button">Join</button>} />
          </ul>
        ),
        (body, f) => {
          expect(body.querySelector(".chamber-item-name")!.textContent).toBe(f.name);
          expectText(body, `#${f.topic}`);
        },
      ),
    );
  });
});

// ── Mood ──────────────────────────────────────────────────────────────────────────────────────
