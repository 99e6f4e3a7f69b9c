// @vitest-environment jsdom
// Bad input in the UI, people, admin screens, the account screen, server errors and toasts: generated hostile strings in other people's or the server's text never become markup (frame: hostileHarness.tsx).
import { fireEvent } from "@solidjs/testing-library";
import { ConvexError } from "convex/values";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AccountRefused } from "../app/AccountRefused";
import { RoleRequests } from "../features/admin/RoleRequests";
import { UserAdmin } from "../features/admin/UserAdmin";
import { FriendRow, type FriendItem } from "../features/friends/FriendRow";
import { errorText as convexErrorText } from "../app/data/errorText";
import { errorText } from "../ui/format";
import { toast, Toasts } from "../ui/Toasts";
import { hostileString } from "./hostile";
import { AT, data, expectInert, expectText, holds, fullName, useHostileHarness } from "./hostileHarness";

vi.mock("../db/queries", async (original) => (await import("./hostileQueries")).mockQueries(await original()));
useHostileHarness();

describe("no people, admin or server payload renders as markup", () => {
  it("a friend row: display name, username, real names, refusal", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString, firstName: hostileString, lastName: hostileString, syncError: hostileString });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => {
          const friend: FriendItem = {
            id: "f1",
            otherUserId: "u1",
            status: "accepted",
            syncState: "failed",
            syncError: f.syncError,
            profile: { id: "u1", syncState: "synced", displayName: f.displayName, username: f.username, firstName: f.firstName, lastName: f.lastName, interests: [], isDeleted: false },
          };
          return (
            <ul>
              <FriendRow friend={friend} />
            </ul>
          );
        },
        (body, f) => {
          expect(body.querySelector(".person-name")!.textContent).toBe(f.displayName || f.username || "Someone you know");
          if (f.username) expectText(body, `@${f.username}`);
          expectText(body, fullName(f.firstName, f.lastName));
          expect(body.querySelector(".error-text")!.textContent).toBe(f.syncError);
        },
        { router: true },
      ),
    );
  });

  it("an admin's user search row and the ban dialog: display name, username", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <UserAdmin viewerRole="super_admin" />, (body, f) => {
        expect(body.querySelector(".admin-person-name")!.textContent).toBe(`${f.displayName} @${f.username}`);
        expect(body.querySelector("[aria-label^='Ban ']")!.getAttribute("aria-label")).toBe(`Ban ${f.username}`);
        // The ban dialog, opened by the click, names the person in its title and text.
        expect(body.querySelector("dialog .dialog-title")!.textContent).toBe(`Ban ${f.displayName}?`);
        expectText(body, `@${f.username} will no longer`);
      }, {
        setup: (f) => {
          data.remote["admin:searchUsers"] = [{ _id: "u1", username: f.username, displayName: f.displayName, isBanned: false, isDeleted: false, role: "admin" }];
        },
        act: (root) => {
          const input = root.querySelector("input[type=search]") as HTMLInputElement;
          fireEvent.input(input, { target: { value: "a" } });
          fireEvent.submit(input.form!);
          fireEvent.click(root.querySelector("[aria-label^='Ban ']")!);
        },
      }),
    );
  });

  it("admin role requests: requester names and the reason", () => {
    const arb = fc.record({ displayName: hostileString, username: hostileString, reason: hostileString, reviewedName: hostileString });
    holds(arb, (fields) =>
      expectInert(fields, () => <RoleRequests />, (body, f) => {
        expect(body.querySelector(".admin-person-name")!.textContent).toBe(`${f.displayName} @${f.username}`);
        if (f.reason) expect(body.querySelector(".admin-reason")!.textContent).toBe(f.reason);
        expectText(body, `${f.reviewedName} · admin`);
      }, {
        setup: (f) => {
          data.remote["admin:listRequests"] = [
            { _id: "r1", requestType: "admin", reason: f.reason, status: "pending", _creationTime: AT, requester: { _id: "u1", username: f.username, displayName: f.displayName } },
            { _id: "r2", requestType: "admin", status: "approved", _creationTime: AT, reviewedAt: AT, requester: { _id: "u2", username: "x", displayName: f.reviewedName } },
          ];
        },
      }),
    );
  });

  it("the account-refused screen: the ban reason from the server", () => {
    const arb = fc.record({ message: hostileString, banned: fc.boolean() });
    holds(arb, (fields) =>
      expectInert(
        fields,
        (f) => <AccountRefused refusal={{ code: f.banned ? "BANNED" : "DELETED", message: f.message }} />,
        (body, f) => expect(body.querySelector("[role=alert]")!.textContent).toBe(f.message),
        { router: true },
      ),
    );
  });

  describe("toasts", () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it("show server error messages and other notices as text", () => {
      const arb = fc.record({ text: hostileString, serverMessage: hostileString, plainError: hostileString });
      holds(arb, (fields) =>
        expectInert(fields, () => <Toasts />, (body, f) => {
          const shown = [...body.querySelectorAll(".toast")].map((t) => t.textContent);
          expect(shown).toEqual([
            f.text,
            f.serverMessage,
            f.serverMessage,
            `x${f.plainError}`,
          ]);
        }, {
          act: (_root, f) => {
            toast(f.text);
            const refused = new ConvexError({ code: "INVALID", message: f.serverMessage });
            toast(convexErrorText(refused), "error");
            toast(errorText(refused), "error");
            toast(errorText(new Error(`x${f.plainError}`)), "error");
          },
          // Let every toast expire so the next render starts empty.
          after: () => vi.advanceTimersByTime(10_000),
        }),
      );
    });
  });
});

// ── The checks themselves ─────────────────────────────────────────────────────────────────────
