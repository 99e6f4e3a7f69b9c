// The always-visible sync indicator (role "status"): Offline, Connecting, Syncing N, Up to date, N failed.
import type { SyncStatus } from "../sync/status";
import { statusLabel } from "../sync/status";

export function SyncStatusPill(props: { status: SyncStatus }) {
  return (
    <span role="status" aria-live="polite" class={`sync-pill sync-${props.status.kind}`}>
      <span class="sync-dot" aria-hidden="true" />
      {statusLabel(props.status)}
    </span>
  );
}
