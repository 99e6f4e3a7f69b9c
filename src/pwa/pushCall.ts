// The PushCall the app uses: push:vapidPublicKey as an online query, the rest as direct mutations.
import type { FunctionArgs } from "convex/server";
import { api } from "../../convex/_generated/api";
import { remoteMutation, remoteQuery } from "../sync/remote";
import { PUSH_FUNCTIONS, type PushCall } from "./push";

/** Through the session's transport (src/sync/remote.ts); rejects with OfflineError when offline. */
export const remotePushCall: PushCall = (udfPath, args) => {
  if (udfPath === PUSH_FUNCTIONS.vapidPublicKey) return remoteQuery(api.push.vapidPublicKey, {});
  if (udfPath === PUSH_FUNCTIONS.save) return remoteMutation(api.push.saveSubscription, args as FunctionArgs<typeof api.push.saveSubscription>);
  if (udfPath === PUSH_FUNCTIONS.remove) return remoteMutation(api.push.removeSubscription, args as FunctionArgs<typeof api.push.removeSubscription>);
  return Promise.reject(new Error(`Not a push function: ${udfPath}`));
};
