// Web Push subscriptions: save and remove the viewer's, the public VAPID key, and the sender's internal helpers.
import { v } from "convex/values";
import { env, internalMutation, internalQuery, query } from "./_generated/server";
import { viewerMutation } from "./lib/functions";
import {
  checkSubscription,
  notificationFor,
  removeSubscription as remove,
  saveSubscription as save,
} from "./model/push";

const subscriptionArgs = {
  endpoint: v.string(),
  keys: v.object({ p256dh: v.string(), auth: v.string() }),
  userAgent: v.optional(v.string()),
};

/** Stores (or refreshes) the viewer's subscription for this browser; its endpoint becomes pushNotificationToken. */
export const saveSubscription = viewerMutation({
  args: subscriptionArgs,
  returns: v.null(),
  handler: async (ctx, subscription) => {
    checkSubscription(subscription);
    await save(ctx, ctx.viewer._id, subscription);
    return null;
  },
});

/** Forgets one of the viewer's subscriptions (signing out, or notifications turned off). */
export const removeSubscription = viewerMutation({
  args: { endpoint: v.string() },
  returns: v.null(),
  handler: async (ctx, { endpoint }) => {
    await remove(ctx, endpoint, ctx.viewer._id);
    return null;
  },
});

/** The VAPID public key browsers subscribe with, or null when push is not configured. Public information. */
// eslint-disable-next-line @convex-dev/require-access-control -- public by design: the key browsers subscribe with
export const vapidPublicKey = query({
  args: {},
  returns: v.union(v.string(), v.null()),
  handler: async () => env.VAPID_PUBLIC_KEY ?? null,
});

/** For pushNode.sendWhisperNotification: the payload and the recipient's subscriptions, or null. */
export const notificationContext = internalQuery({
  args: { whisperId: v.id("whispers") },
  returns: v.union(
    v.null(),
    v.object({
      payload: v.object({
        title: v.string(),
        body: v.string(),
        conversationId: v.id("conversations"),
        whisperId: v.id("whispers"),
        tag: v.string(),
        url: v.string(),
        unreadCount: v.number(),
      }),
      subscriptions: v.array(v.object(subscriptionArgs)),
    }),
  ),
  handler: async (ctx, { whisperId }) => await notificationFor(ctx, whisperId),
});

/** Drops a subscription the push service reported gone (404/410). */
export const removeExpiredSubscription = internalMutation({
  args: { endpoint: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { endpoint }) => await remove(ctx, endpoint),
});
