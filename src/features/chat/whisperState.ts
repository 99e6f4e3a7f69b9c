// What a whisper shows about its delivery: pending (queued), sent, delivered, read, scheduled or failed.
import type { LocalWhisper } from "../../db/types";
import type { IconName } from "../../ui/Icon";

export type WhisperState = "pending" | "sent" | "delivered" | "read" | "scheduled" | "failed";

/** A failure (also of a change to it, e.g. a reaction) shows on any whisper; the other states only on the viewer's own. */
export function whisperState(w: Pick<LocalWhisper, "fromViewer" | "syncState" | "isLocal" | "status" | "readAt" | "deliveredAt">): WhisperState | null {
  if (w.syncState === "failed") return "failed";
  if (!w.fromViewer) return null;
  if (w.isLocal) return "pending";
  if (w.status === "scheduled") return "scheduled";
  if (w.readAt) return "read";
  if (w.deliveredAt) return "delivered";
  return "sent";
}

export const STATE_LABEL: Record<WhisperState, string> = {
  pending: "Pending",
  sent: "Sent",
  delivered: "Delivered",
  read: "Read",
  scheduled: "Scheduled",
  failed: "Failed",
};

export const STATE_ICON: Record<WhisperState, IconName> = {
  pending: "clock",
  sent: "check",
  delivered: "check",
  read: "checks",
  scheduled: "calendar",
  failed: "alert",
};
