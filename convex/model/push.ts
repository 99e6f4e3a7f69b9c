// Web Push: storing subscriptions (one owner per endpoint) and what a whisper's notification says.
import type { Doc, Id } from "../_generated/dataModel";
import type { MutationCtx, QueryCtx } from "../_generated/server";
import { fail } from "../lib/errors";
import { publish } from "../lib/feed";
import { isCounterpartHidden, participantState, whisperPreview } from "./conversations";
import { endpointProblem, keysProblem } from "./pushEndpoints";
import { publicProfile } from "./users";

const MAX_USER_AGENT = 500;
/** Most subscriptions one person keeps: saving another replaces the least recently saved. */
export const MAX_SUBSCRIPTIONS = 10;
/** How many of a person's subscriptions are read at once (more only exist from before the cap). */
const SUBSCRIPTION_SCAN = 50;

/** The title a mystery whisper's notification shows instead of its hidden sender. */
export const HIDDEN_TITLE = "Someone whispered you";

export type Subscription = { endpoint: string; keys: { p256dh: string; auth: string }; userAgent?: string };

export type PushPayload = {
  title: string;
  body: string;
  conversationId: Id<"conversations">;
  whisperId: Id<"whispers">;
  tag: string;
  url: string;
  unreadCount: number;
};

/** Only Web Push services' endpoints and keys that can encrypt (model/pushEndpoints.ts: no SSRF). */
export function checkSubscription(subscription: Subscription): void {
  const { endpoint, keys, userAgent } = subscription;
  const problem = endpointProblem(endpoint) ?? keysProblem(keys);
  if (problem) fail("INVALID", problem);
  if (userAgent !== undefined && userAgent.length > MAX_USER_AGENT) {
    fail("INVALID", `userAgent can be at most ${MAX_USER_AGENT} characters.`);
  }
}

/** An endpoint another account saved (same browser) moves to the viewer; past MAX_SUBSCRIPTIONS the least recently saved goes. */
export async function saveSubscription(ctx: MutationCtx, viewerId: Id<"users">, subscription: Subscription) {
  const { endpoint, keys, userAgent } = subscription;
  const now = Date.now();
  const fields = { userId: viewerId, endpoint, p256dh: keys.p256dh, auth: keys.auth, userAgent, updatedAt: now };
  const existing = await subscriptionByEndpoint(ctx, endpoint);
  const others = (await subscriptionsOf(ctx, viewerId)).filter((row) => row._id !== existing?._id);
  const oldestFirst = others.sort((a, b) => a.updatedAt - b.updatedAt);
  for (const row of oldestFirst.slice(0, Math.max(0, oldestFirst.length - (MAX_SUBSCRIPTIONS - 1)))) {
    await ctx.db.delete("pushSubscriptions", row._id);
  }
  if (existing) await ctx.db.replace("pushSubscriptions", existing._id, fields);
  else await ctx.db.insert("pushSubscriptions", fields);
  if (existing && existing.userId !== viewerId) await refreshToken(ctx, existing.userId);
  await ctx.db.patch("users", viewerId, { pushNotificationToken: endpoint, updatedAt: now });
  await publish(ctx, [viewerId], "users", viewerId);
}

/** Deletes the subscription with this endpoint when `ownerId` (if given) owns it. */
export async function removeSubscription(ctx: MutationCtx, endpoint: string, ownerId?: Id<"users">) {
  const existing = await subscriptionByEndpoint(ctx, endpoint);
  if (!existing || (ownerId !== undefined && existing.userId !== ownerId)) return false;
  await ctx.db.delete("pushSubscriptions", existing._id);
  await refreshToken(ctx, existing.userId);
  return true;
}

/** Points a user's pushNotificationToken at their most recently saved subscription (or none). */
async function refreshToken(ctx: MutationCtx, userId: Id<"users">): Promise<void> {
  const user = await ctx.db.get("users", userId);
  if (!user) return;
  const subscriptions = await subscriptionsOf(ctx, userId);
  const latest = subscriptions.sort((a, b) => b.updatedAt - a.updatedAt)[0];
  if (user.pushNotificationToken === latest?.endpoint) return;
  await ctx.db.patch("users", userId, { pushNotificationToken: latest?.endpoint, updatedAt: Date.now() });
  await publish(ctx, [userId], "users", userId);
}

async function subscriptionByEndpoint(ctx: QueryCtx, endpoint: string) {
  return await ctx.db
    .query("pushSubscriptions")
    .withIndex("by_endpoint", (q) => q.eq("endpoint", endpoint))
    .unique();
}

async function subscriptionsOf(ctx: QueryCtx, userId: Id<"users">): Promise<Doc<"pushSubscriptions">[]> {
  return await ctx.db
    .query("pushSubscriptions")
    .withIndex("by_user", (q) => q.eq("userId", userId))
    .order("desc")
    .take(SUBSCRIPTION_SCAN);
}

/** Null when there is nothing to send; while the sender is hidden it names nobody and carries no content. */
export async function notificationFor(
  ctx: QueryCtx,
  whisperId: Id<"whispers">,
): Promise<{ payload: PushPayload; subscriptions: Subscription[] } | null> {
  const whisper = await ctx.db.get("whispers", whisperId);
  if (!whisper || whisper.status !== "delivered" || whisper.isDeleted || !whisper.conversationId) return null;
  const [conversation, recipient, sender] = await Promise.all([
    ctx.db.get("conversations", whisper.conversationId),
    ctx.db.get("users", whisper.recipientId),
    ctx.db.get("users", whisper.senderId),
  ]);
  if (!conversation || !recipient || !sender || recipient.isDeleted || recipient.isBanned) return null;
  const subscriptions = (await subscriptionsOf(ctx, recipient._id))
    .sort((a, b) => b.updatedAt - a.updatedAt)
    .slice(0, MAX_SUBSCRIPTIONS);
  if (subscriptions.length === 0) return null;
  const hidden = isCounterpartHidden(conversation, recipient._id);
  const state = await participantState(ctx, conversation._id, recipient._id);
  const payload: PushPayload = {
    title: hidden ? HIDDEN_TITLE : publicProfile(sender).displayName,
    body: hidden ? "" : whisperPreview(whisper, { emoji: true }),
    conversationId: conversation._id,
    whisperId: whisper._id,
    tag: conversation._id,
    url: `/c/${conversation._id}`,
    unreadCount: state?.unreadCount ?? 0,
  };
  return {
    payload,
    subscriptions: subscriptions.map((s) => ({ endpoint: s.endpoint, keys: { p256dh: s.p256dh, auth: s.auth } })),
  };
}
