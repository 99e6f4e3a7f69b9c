// HTTP endpoints: Clerk's user webhooks (svix-signed) keep accounts in step with Clerk.
import { httpRouter } from "convex/server";
import { Webhook } from "svix";
import { internal } from "./_generated/api";
import { env, httpAction } from "./_generated/server";

/** The part of a Clerk user event this app reads. */
type ClerkUserEvent = {
  type: string;
  data: {
    id?: string;
    username?: string | null;
    first_name?: string | null;
    last_name?: string | null;
    primary_email_address_id?: string | null;
    email_addresses?: { id: string; email_address: string }[];
  };
};

const text = (value: string | null | undefined) => value ?? undefined;

function primaryEmail(data: ClerkUserEvent["data"]): string | undefined {
  const emails = data.email_addresses ?? [];
  return (emails.find((email) => email.id === data.primary_email_address_id) ?? emails[0])?.email_address;
}

/** 500 without CLERK_WEBHOOK_SECRET, 400 for a bad signature or body; other event types are acknowledged. */
const clerkUsersWebhook = httpAction(async (ctx, request) => {
  const secret = env.CLERK_WEBHOOK_SECRET;
  if (!secret) {
    console.error("CLERK_WEBHOOK_SECRET is not set: set it with `npx convex env set CLERK_WEBHOOK_SECRET whsec_...`.");
    return new Response("Webhook secret not configured", { status: 500 });
  }
  const payload = await request.text();
  let event: ClerkUserEvent;
  try {
    new Webhook(secret).verify(payload, {
      "svix-id": request.headers.get("svix-id") ?? "",
      "svix-timestamp": request.headers.get("svix-timestamp") ?? "",
      "svix-signature": request.headers.get("svix-signature") ?? "",
    });
    event = JSON.parse(payload) as ClerkUserEvent;
  } catch (error) {
    console.warn("Refused a Clerk webhook:", error instanceof Error ? error.message : error);
    return new Response("Invalid signature", { status: 400 });
  }
  const clerkId = event.data?.id;
  if (!clerkId) return new Response("Missing user id", { status: 400 });
  switch (event.type) {
    case "user.created":
    case "user.updated":
      await ctx.runMutation(internal.users.upsertFromClerk, {
        clerkId,
        email: primaryEmail(event.data),
        firstName: text(event.data.first_name),
        lastName: text(event.data.last_name),
        username: text(event.data.username),
      });
      break;
    case "user.deleted":
      await ctx.runMutation(internal.erasure.eraseFromClerk, { clerkId });
      break;
  }
  return new Response(null, { status: 200 });
});

const http = httpRouter();
http.route({ path: "/clerk-users-webhook", method: "POST", handler: clerkUsersWebhook });
export default http;
