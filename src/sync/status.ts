// The sync status the UI shows: offline, connecting, syncing N, up to date, or N failed.
import type { WhispersDB } from "../db/database";
import { onOutboxMutated, outboxCounts } from "../db/repos/outboxRepo";
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

/** Outbox writes within this window are counted once (a drain of 1,000 entries is not 1,000 recounts). */
const RECOUNT_MS = 100;

/** Outbox counts are recounted at most every RECOUNT_MS after writes in this tab or another. */
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
  let disposed = false;
  let counting = false;
  let dirty = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const recount = async () => {
    if (counting) return void (dirty = true);
    counting = true;
    dirty = false;
    try {
      const c = await outboxCounts(db);
      if (!disposed) update({ pending: c.queued + c.inflight, failed: c.failed });
    } catch (error) {
      if (!disposed) console.error(error);
    } finally {
      counting = false;
      if (dirty) schedule();
    }
  };
  const schedule = () => {
    if (timer !== undefined || disposed) return;
    timer = setTimeout(() => {
      timer = undefined;
      void recount();
    }, RECOUNT_MS);
  };
  const stopCounting = onOutboxMutated(db, schedule);
  void recount();
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
      disposed = true;
      clearTimeout(timer);
      stopCounting();
      stopConnection();
      stopWakeUps();
      listeners.clear();
    },
  };
}
