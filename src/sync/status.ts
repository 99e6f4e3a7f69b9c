// The sync status the UI shows: offline, connecting, syncing N, up to date, or N failed.
import { liveQuery } from "dexie";
import type { WhispersDB } from "../db/database";
import { outboxCounts } from "../db/repos/outboxRepo";
import type { ConnectionInfo, Transport } from "./transport";
import { isNavigatorOnline, watchWakeUps } from "./wakeUps";

export type SyncStatus =
  | { kind: "offline"; pending: number; failed: number }
  | { kind: "connecting"; pending: number; failed: number }
  | { kind: "syncing"; pending: number; failed: number }
  | { kind: "upToDate"; pending: 0; failed: 0 }
  | { kind: "failed"; pending: 0; failed: number };

export type StatusInputs = {
  online: boolean;
  connected: boolean;
  pending: number;
  failed: number;
  /** The pull is still catching up with the feed. */
  catchingUp: boolean;
};

/** Pure derivation: offline beats connecting beats syncing; failures show once nothing is pending. */
export function deriveStatus(i: StatusInputs): SyncStatus {
  if (!i.online) return { kind: "offline", pending: i.pending, failed: i.failed };
  if (!i.connected) return { kind: "connecting", pending: i.pending, failed: i.failed };
  if (i.pending > 0 || i.catchingUp) return { kind: "syncing", pending: i.pending, failed: i.failed };
  if (i.failed > 0) return { kind: "failed", pending: 0, failed: i.failed };
  return { kind: "upToDate", pending: 0, failed: 0 };
}

/** A short label for the status indicator ("Offline", "Syncing 3", "2 failed", …). */
export function statusLabel(s: SyncStatus): string {
  switch (s.kind) {
    case "offline":
      return s.pending > 0 ? `Offline · ${s.pending} waiting` : "Offline";
    case "connecting":
      return "Connecting";
    case "syncing":
      return s.pending > 0 ? `Syncing ${s.pending}` : "Syncing";
    case "failed":
      return `${s.failed} failed`;
    case "upToDate":
      return "Up to date";
  }
}

export type StatusStore = {
  get(): SyncStatus;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /** The pull reports whether it is catching up. */
  setCatchingUp(catchingUp: boolean): void;
  dispose(): void;
};

/**
 * A small store combining navigator.onLine, the transport's connection, the pull's progress
 * and the outbox counts (a liveQuery, so other tabs' writes count too).
 */
export function createStatusStore(db: WhispersDB, transport: Transport): StatusStore {
  const inputs: StatusInputs = {
    online: isNavigatorOnline(),
    connected: transport.connection().connected,
    pending: 0,
    failed: 0,
    catchingUp: true,
  };
  let status = deriveStatus(inputs);
  const listeners = new Set<(s: SyncStatus) => void>();
  const update = (patch: Partial<StatusInputs>) => {
    Object.assign(inputs, patch);
    const next = deriveStatus(inputs);
    if (JSON.stringify(next) === JSON.stringify(status)) return;
    status = next;
    for (const listener of listeners) listener(status);
  };
  const counts = liveQuery(() => outboxCounts(db)).subscribe({
    next: (c) => update({ pending: c.queued + c.inflight, failed: c.failed }),
    error: (error: unknown) => console.error(error),
  });
  const stopConnection = transport.onConnectionChange((info: ConnectionInfo) => update({ connected: info.connected }));
  const stopWakeUps = watchWakeUps({ online: () => update({ online: true }), offline: () => update({ online: false }) });
  return {
    get: () => status,
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    setCatchingUp: (catchingUp) => update({ catchingUp }),
    dispose() {
      counts.unsubscribe();
      stopConnection();
      stopWakeUps();
      listeners.clear();
    },
  };
}
