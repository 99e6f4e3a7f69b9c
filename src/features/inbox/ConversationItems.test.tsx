// @vitest-environment jsdom
// The conversation list: its first rows from IndexedDB replace the start-up snapshot in the task that renders them; a row says where it stands only when that matters.
import "fake-indexeddb/auto";
import { cleanup, render, screen } from "@solidjs/testing-library";
import { afterEach, describe, expect, it } from "vitest";
import { captureListSnapshot, clearListSnapshot, listSnapshotShown, releaseListSnapshot, showListSnapshot } from "../../app/listSnapshot";
import { setCurrentDb } from "../../db/current";
import { clearCachedViewer, saveCachedViewer } from "../../platform/viewerCache";
import { applyPulledPage, type PullChange } from "../../sync/applyPulledPage";
import { freshDb, waitFor } from "../../test/util";
import { ConversationItems } from "./ConversationItems";
import { pos } from "../../test/feed";
import { change, conversationDoc, publicProfileDoc, type Fields } from "../../test/feedDocs";
import type { ServerDoc } from "../../db/shapes";

const conv = (id: string, lastWhisperAt: number, fields: Partial<Fields<ServerDoc<"conversations">>> = {}): PullChange =>
  change(
    "conversations",
    conversationDoc({ _id: id, counterpartId: `u-${id}`, counterpart: publicProfileDoc({ _id: `u-${id}`, displayName: `Person ${id}` }), lastWhisperAt, updatedAt: lastWhisperAt, ...fields }),
  );

afterEach(() => {
  cleanup();
  releaseListSnapshot();
  clearListSnapshot();
  clearCachedViewer();
  setCurrentDb(null);
});

describe("ConversationItems", () => {
  it("shows the rows read from IndexedDB and removes the start-up snapshot as they appear", async () => {
    const db = await freshDb("items");
    await applyPulledPage(db, { changes: [conv("a", 200), conv("b", 100)], cursor: pos(2), hasMore: false }, pos(0));
    setCurrentDb(db);
    // The last session's inbox, saved and shown as a fresh start would.
    saveCachedViewer({ userKey: "dev|ada", provider: "dev" });
    document.body.innerHTML = `<div id="root"><div class="shell"><ul class="conv-list"><li class="conv-row">Stale row</li></ul></div></div>`;
    expect(captureListSnapshot()).toBe(true);
    document.body.innerHTML = `<div id="root"></div>`;
    expect(showListSnapshot()).toBe(true);

    render(() => <ConversationItems />, { container: document.getElementById("root")! });
    expect(listSnapshotShown()).toBe(true); // nothing read yet: the snapshot stays
    const first = await waitFor(() => screen.queryByRole("link", { name: /Person a/ }), 5000, "the first row");
    expect(first.getAttribute("href")).toBe("/c/a");
    expect(listSnapshotShown()).toBe(false);
    expect(document.body.textContent).not.toContain("Stale row");
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringContaining("Person a"), expect.stringContaining("Person b")]);
    db.close();
  });

  it("says 'Waiting for a reply' on a conversation the viewer started and nobody answered, 'Closed' on a closed one, nothing on others", async () => {
    const db = await freshDb("status");
    await applyPulledPage(
      db,
      {
        changes: [
          conv("mine", 400, { status: "initiated", initiatedByViewer: true }),
          conv("theirs", 300, { status: "initiated", initiatedByViewer: false }),
          conv("going", 200, { status: "active", initiatedByViewer: true }),
          conv("shut", 100, { status: "closed", initiatedByViewer: false }),
        ],
        cursor: pos(4),
        hasMore: false,
      },
      pos(0),
    );
    setCurrentDb(db);
    render(() => <ConversationItems />);
    await waitFor(() => screen.queryByRole("link", { name: /Person shut/ }), 5000, "the rows");
    const status = (id: string) => screen.getByRole("link", { name: new RegExp(`Person ${id}`) }).querySelector(".status-tag")?.textContent;
    expect(status("mine")).toBe("Waiting for a reply");
    expect(status("theirs")).toBeUndefined();
    expect(status("going")).toBeUndefined();
    expect(status("shut")).toBe("Closed");
    expect(document.body.textContent).not.toMatch(/Initiated|Active/);
    db.close();
  });
});
