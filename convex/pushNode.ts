"use node";
// Sending Web Push notifications with the web-push library (Node: it needs node:crypto), VAPID keys from env.
import { v } from "convex/values";
import webpush from "web-push";
import { internal } from "./_generated/api";
import { env, internalAction } from "./_generated/server";
import { endpointProblem, keysProblem } from "./model/pushEndpoints";

const TTL_SECONDS = 24 * 60 * 60;
const TIMEOUT_MS = 10_000;
let warnedUnconfigured = false;

/** Null, warned once, when push is not configured. */
function vapidFromEnv(): (webpush.VapidKeys & { subject: string }) | null {
  const publicKey = env.VAPID_PUBLIC_KEY;
  const privateKey = env.VAPID_PRIVATE_KEY;
  const subject = env.VAPID_SUBJECT;
  if (publicKey && privateKey && subject) return { publicKey, privateKey, subject };
  if (!warnedUnconfigured) {
    warnedUnconfigured = true;
    console.warn("Web Push is off: set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT to send notifications.");
  }
  return null;
}

/** Sends only to Web Push services (rechecked, whatever was stored), never following a redirect; failures are logged, never thrown. */
export const sendWhisperNotification = internalAction({
  args: { whisperId: v.id("whispers") },
  returns: v.object({ sent: v.number(), removed: v.number() }),
  handler: async (ctx, { whisperId }) => {
    const vapidDetails = vapidFromEnv();
    if (!vapidDetails) return { sent: 0, removed: 0 };
    const notification = await ctx.runQuery(internal.push.notificationContext, { whisperId });
    if (!notification) return { sent: 0, removed: 0 };
    const body = JSON.stringify(notification.payload);
    let sent = 0;
    let removed = 0;
    for (const subscription of notification.subscriptions) {
      const status = await deliver(subscription, body, vapidDetails);
      if (status === "gone") {
        await ctx.runMutation(internal.push.removeExpiredSubscription, { endpoint: subscription.endpoint });
        removed += 1;
      } else if (status === "sent") sent += 1;
    }
    return { sent, removed };
  },
});

async function deliver(
  subscription: webpush.PushSubscription,
  payload: string,
  vapidDetails: webpush.VapidKeys & { subject: string },
): Promise<"sent" | "gone" | "failed"> {
  const problem = endpointProblem(subscription.endpoint) ?? keysProblem(subscription.keys);
  if (problem) {
    console.warn(`Not sending to a stored push subscription: ${problem}`);
    return "failed";
  }
  try {
    const request = webpush.generateRequestDetails(subscription, payload, { vapidDetails, TTL: TTL_SECONDS });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (name.toLowerCase() !== "content-length") headers[name] = String(value);
    }
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers,
      body: new Uint8Array(request.body),
      redirect: "error",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (response.status === 404 || response.status === 410) return "gone";
    if (!response.ok) {
      console.warn(`Push service answered ${response.status}: ${(await response.text()).slice(0, 200)}`);
      return "failed";
    }
    return "sent";
  } catch (error) {
    console.warn("Sending a push notification failed:", error instanceof Error ? error.message : error);
    return "failed";
  }
}
