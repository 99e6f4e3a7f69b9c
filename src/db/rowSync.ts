// Pure helpers for optimistic changes on a row: patch, merge a server row under the patches, settle, fail, revert.
import type { RowSync, SyncState } from "./types";

type Row = RowSync & Record<string, unknown>;

function stateOf(row: RowSync): SyncState {
  if (row.syncError !== undefined) return "failed";
  return row.ops && row.ops.length > 0 ? "pending" : "synced";
}

function withState<T extends RowSync>(row: T): T {
  const next = { ...row };
  if (next.ops && next.ops.length === 0) delete next.ops;
  if (next.patches && next.patches.length === 0) {
    delete next.patches;
    delete next.base;
  }
  next.syncState = stateOf(next);
  return next;
}

/** A row created on this device by operation `opId` (pending until the server confirms it). */
export function newLocalRow<T extends Record<string, unknown>>(fields: T & { id: string }, opId: string): T & RowSync {
  return { ...fields, isLocal: true, ops: [opId], syncState: "pending" };
}

/** Remembers each field's server value the first time it is patched, so a discard can restore it. */
export function applyPatch<T extends RowSync>(row: T, opId: string, patch: Partial<T>): T {
  const base = { ...(row.base ?? {}) };
  const current = row as unknown as Row;
  for (const key of Object.keys(patch)) if (!(key in base)) base[key] = current[key];
  return withState({
    ...row,
    ...patch,
    base,
    patches: [...(row.patches ?? []), { opId, patch: patch as Record<string, unknown> }],
    ops: [...(row.ops ?? []).filter((op) => op !== opId), opId],
  });
}

/** Server fields win except those still patched (their server values become `base`); `keep`: local-only fields to carry. */
export function mergeServerRow<T extends RowSync>(existing: T | undefined, incoming: T, keep: readonly string[] = []): T {
  const merged = { ...incoming } as unknown as Row;
  if (existing) {
    const old = existing as unknown as Row;
    for (const key of keep) if (old[key] !== undefined && merged[key] === undefined) merged[key] = old[key];
  }
  const patches = existing?.patches ?? [];
  const ops = (existing?.ops ?? []).filter((op) => patches.some((p) => p.opId === op));
  if (patches.length === 0) {
    return withState({ ...(merged as unknown as T), ops: [], syncError: undefined, isLocal: undefined });
  }
  const base: Record<string, unknown> = {};
  for (const { patch } of patches) {
    for (const key of Object.keys(patch)) {
      if (!(key in base)) base[key] = merged[key];
      merged[key] = patch[key];
    }
  }
  return withState({ ...(merged as unknown as T), base, patches, ops, syncError: existing?.syncError, isLocal: undefined });
}

/** The server accepted `opId`: its patch now is the server value; the row is synced when nothing else waits. */
export function settleOp<T extends RowSync>(row: T, opId: string): T {
  const patches = row.patches ?? [];
  const settled = patches.find((p) => p.opId === opId);
  const base = { ...(row.base ?? {}) };
  if (settled) for (const key of Object.keys(settled.patch)) base[key] = settled.patch[key];
  const rest = patches.filter((p) => p.opId !== opId);
  const ops = (row.ops ?? []).filter((op) => op !== opId);
  const next = { ...row, base, patches: rest, ops, isLocal: row.isLocal && ops.length > 0 ? row.isLocal : undefined };
  if (ops.length === 0) next.syncError = undefined;
  return withState(next);
}

/** The server refused `opId` for good: the row shows it failed with the server's message. */
export function failOp<T extends RowSync>(row: T, opId: string, message: string): T {
  const ops = row.ops ?? [];
  return withState({ ...row, ops: ops.includes(opId) ? ops : [...ops, opId], syncError: message });
}

/** The operation is queued again (retry): the failure mark goes away. */
export function unfailOp<T extends RowSync>(row: T, opId: string): T {
  const ops = row.ops ?? [];
  return withState({ ...row, ops: ops.includes(opId) ? ops : [...ops, opId], syncError: undefined });
}

/** Discard: back to server values with other pending patches re-applied; null for a row `opId` created. */
export function revertOp<T extends RowSync>(row: T, opId: string): T | null {
  if (row.isLocal && (row.ops ?? [])[0] === opId) return null;
  const patches = row.patches ?? [];
  const reverted = patches.find((p) => p.opId === opId);
  const rest = patches.filter((p) => p.opId !== opId);
  const next = { ...row } as unknown as Row;
  if (reverted) {
    const base = row.base ?? {};
    for (const key of Object.keys(reverted.patch)) next[key] = base[key];
    for (const { patch } of rest) for (const key of Object.keys(patch)) next[key] = patch[key];
  }
  next.patches = rest;
  next.ops = (row.ops ?? []).filter((op) => op !== opId);
  next.syncError = undefined;
  return withState(next as unknown as T);
}
