// Optimistic patches on rows: they stay on top of pulled server rows, settle on ack and revert on discard.
import { describe, expect, it } from "vitest";
import { applyPatch, failOp, mergeServerRow, revertOp, settleOp } from "./rowSync";
import type { RowSync } from "./types";

type Row = RowSync & { isPinned: boolean; title: string };
const server = (fields: Partial<Row> = {}): Row => ({ id: "c1", syncState: "synced", isPinned: false, title: "t", ...fields });

describe("row sync helpers", () => {
  it("keeps a pending patch over a newer server row and remembers the server value", () => {
    const patched = applyPatch(server(), "op1", { isPinned: true });
    expect(patched).toMatchObject({ isPinned: true, syncState: "pending", ops: ["op1"] });
    const merged = mergeServerRow(patched, server({ title: "renamed", isPinned: false }));
    expect(merged).toMatchObject({ isPinned: true, title: "renamed", syncState: "pending", base: { isPinned: false } });
  });

  it("settles on ack and reverts on discard", () => {
    const patched = applyPatch(server(), "op1", { isPinned: true });
    const settled = settleOp(patched, "op1");
    expect(settled).toMatchObject({ isPinned: true, syncState: "synced" });
    expect(settled.patches).toBeUndefined();
    const failed = failOp(applyPatch(server(), "op2", { isPinned: true }), "op2", "Not allowed.");
    expect(failed).toMatchObject({ syncState: "failed", syncError: "Not allowed." });
    expect(revertOp(failed, "op2")).toMatchObject({ isPinned: false, syncState: "synced" });
  });

  it("reverts one of two patches and keeps the other", () => {
    const two = applyPatch(applyPatch(server(), "a", { isPinned: true }), "b", { title: "new" });
    const reverted = revertOp(two, "a")!;
    expect(reverted).toMatchObject({ isPinned: false, title: "new", syncState: "pending", ops: ["b"] });
  });

  it("drops a row created locally when its create is discarded", () => {
    const local: Row = { ...server(), isLocal: true, ops: ["create"], syncState: "pending" };
    expect(revertOp(local, "create")).toBeNull();
  });
});
