// How an unmasking request appears to each viewer (whether two people are unmasked: model/visibility.ts).
import { v, type Infer } from "convex/values";
import type { Doc } from "../_generated/dataModel";
import type { QueryCtx } from "../_generated/server";
import { unmaskingStatus } from "../schema";
import { isCounterpartHidden } from "./visibility";

/** What a client sees of an unmasking request: ids of a still-hidden participant never travel. */
export const unmaskingRequestView = v.object({
  _id: v.id("unmaskingRequests"),
  _creationTime: v.number(),
  conversationId: v.id("conversations"),
  status: unmaskingStatus,
  requesterIsYou: v.boolean(),
  targetIsYou: v.boolean(),
  requesterId: v.optional(v.id("users")),
  targetId: v.optional(v.id("users")),
  respondedAt: v.optional(v.number()),
  updatedAt: v.number(),
});
export type UnmaskingRequestView = Infer<typeof unmaskingRequestView>;

/** requesterId and targetId only while the other party is not hidden from the viewer. */
export async function projectUnmaskingRequest(
  ctx: QueryCtx,
  viewer: Doc<"users">,
  request: Doc<"unmaskingRequests">,
): Promise<UnmaskingRequestView | null> {
  const requesterIsYou = request.requesterId === viewer._id;
  const targetIsYou = request.targetId === viewer._id;
  if (!requesterIsYou && !targetIsYou) return null;
  const conversation = await ctx.db.get("conversations", request.conversationId);
  const hidden = !conversation || isCounterpartHidden(conversation, viewer._id);
  return {
    _id: request._id,
    _creationTime: request._creationTime,
    conversationId: request.conversationId,
    status: request.status,
    requesterIsYou,
    targetIsYou,
    ...(hidden ? {} : { requesterId: request.requesterId, targetId: request.targetId }),
    ...(request.respondedAt !== undefined ? { respondedAt: request.respondedAt } : {}),
    updatedAt: request.updatedAt,
  };
}
