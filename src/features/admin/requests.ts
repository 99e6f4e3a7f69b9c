// Admin role requests: the viewer's own (a super admin's store holds everyone's), and which a super admin may approve.
import type { LocalDoc } from "../../db/types";

export type RequestStatus = "pending" | "approved" | "rejected";

/** A role request's, ban's or erasure's reason (convex/admin.ts REASON_MAX). */
export const REASON_MAX = 500;

/** Newest first: rows with their userId, plus ones created on this device. */
export function ownRequests(rows: LocalDoc[], viewerId: string | undefined): LocalDoc[] {
  return rows
    .filter((r) => r.isLocal === true || (viewerId !== undefined && r.userId === viewerId))
    .sort((a, b) => (b._creationTime ?? 0) - (a._creationTime ?? 0));
}

export function requestSummary(row: LocalDoc): string {
  const role = row.requestType === "super_admin" ? "super admin" : "admin";
  const when = typeof row.reviewedAt === "number" ? ` on ${new Date(row.reviewedAt).toLocaleDateString()}` : "";
  switch (row.status as RequestStatus) {
    case "approved":
      return `Your request to become ${role} was approved${when}.`;
    case "rejected":
      return `Your request to become ${role} was declined${when}.`;
    default:
      return `Your request to become ${role} is waiting for a super admin's review.`;
  }
}

/** The server refuses to approve a banned or erased account. */
export function notApprovable(r: { requester: { isDeleted?: boolean } | null; requesterBanned?: boolean }): string | undefined {
  if (!r.requester || r.requester.isDeleted) return "This account was erased: reject the request.";
  if (r.requesterBanned) return "This account is banned: reject the request, or lift the ban first.";
  return undefined;
}
