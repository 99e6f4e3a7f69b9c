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

/** Keyed by endpoint; the endpoint becomes the viewer's pushNotificationToken. */
export const saveSubscription = viewerMutation({
  args: subscriptionArgs,
  returns: v.null(),
  handler: async (ctx, subscription) => {
    checkSubscription(subscription);
    await save(ctx, ctx.viewer._id, subscription);
    return null;
  },
});

/** A no-op unless the viewer owns the endpoint. */
export const removeSubscription = viewerMutation({
  args: { endpoint: v.string() },
  returns: v.null(),
  handler: async (ctx, { endpoint }) => {
    await remove(ctx, endpoint, ctx.viewer._id);
    return null;
  },
});

/** Null when push is not configured. */
// eslint-disable-next-line @convex-dev/require-access-control -- public by design: the key browsers subscribe with
export const vapidPublicKey = query({
  args: {},
  returns: v.union(v.string(), v.null()),
  handler: async () => env.VAPID_PUBLIC_KEY ?? null,
});

/** pushNode.sendWhisperNotification's database read (actions have no db). */
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

/** The push service answered 404/410: the subscription is gone. */
export const removeExpiredSubscription = internalMutation({
  args: { endpoint: v.string() },
  returns: v.boolean(),
  handler: async (ctx, { endpoint }) => await remove(ctx, endpoint),
});
