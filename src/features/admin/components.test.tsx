// @vitest-environment jsdom
// The admin whispers chart (img + table) and the helpers behind the Settings admin section.
import { cleanup, render, screen, within } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import type { LocalDoc } from "../../db/types";
import { notApprovable, ownRequests, requestSummary } from "./requests";
import { cachedRole, rememberRole, roleLabel } from "./role";
import { WhispersChart } from "./WhispersChart";

afterEach(cleanup);

const week = [2, 4, 0, 1, 8, 3, 5].map((count, i) => ({ day: `2025-03-0${i + 1}`, count }));

describe("WhispersChart", () => {
  it("draws 7 bars, names the chart by its summary and lists the numbers in a table", () => {
    const { container } = render(() => <WhispersChart days={week} />);
    expect(screen.getByRole("img").getAttribute("aria-label")).toMatch(
      /^Whispers per day over the last 7 days: 23 in total\./,
    );
    expect(container.querySelectorAll("rect")).toHaveLength(7);
    expect(container.querySelectorAll("rect.today")).toHaveLength(1);
    const rows = within(screen.getByRole("table", { name: "Whispers per day" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map((r) => r.textContent)).toEqual(week.map((d) => `${d.day}${d.count}`));
  });
});

describe("role cache", () => {
  it("remembers the last answer per person, and undefined means never asked", () => {
    expect(cachedRole("person-a")).toBeUndefined();
    rememberRole("person-a", "admin");
    rememberRole("person-b", null);
    expect(cachedRole("person-a")).toBe("admin");
    expect(cachedRole("person-b")).toBeNull();
    expect(roleLabel("super_admin")).toBe("super admin");
    expect(roleLabel(null)).toBe("member");
  });
});

describe("own requests", () => {
  const row = (fields: Record<string, unknown>) =>
    ({ id: String(fields.id), syncState: "synced", ...fields }) as LocalDoc;
  it("keeps the viewer's requests (and ones made on this device), newest first", () => {
    const rows = [
      row({ id: "old", userId: "me", status: "rejected", _creationTime: 1 }),
      row({ id: "other", userId: "someone", status: "pending", _creationTime: 3 }),
      row({ id: "local", isLocal: true, status: "pending", _creationTime: 4 }),
      row({ id: "new", userId: "me", status: "approved", _creationTime: 2 }),
    ];
    expect(ownRequests(rows, "me").map((r) => r.id)).toEqual(["local", "new", "old"]);
  });

  it("says where a request stands", () => {
    expect(requestSummary(row({ id: "a", status: "pending", requestType: "admin" }))).toBe(
      "Your request to become admin is waiting for a super admin's review.",
    );
    expect(requestSummary(row({ id: "b", status: "approved", requestType: "super_admin" }))).toBe(
      "Your request to become super admin was approved.",
    );
    expect(
      requestSummary(row({ id: "c", status: "rejected", requestType: "admin", reviewedAt: Date.UTC(2025, 0, 5) })),
    ).toMatch(/^Your request to become admin was declined on .+\.$/);
  });
});

describe("approvable requests", () => {
  it("refuses a banned or erased requester's request, saying why", () => {
    const requester = { isDeleted: false };
    expect(notApprovable({ requester, requesterBanned: false })).toBeUndefined();
    expect(notApprovable({ requester, requesterBanned: true })).toBe("This account is banned: reject the request, or lift the ban first.");
    expect(notApprovable({ requester: { isDeleted: true } })).toBe("This account was erased: reject the request.");
    expect(notApprovable({ requester: null })).toBe("This account was erased: reject the request.");
  });
});
