// The PushCall the app uses: push:vapidPublicKey as an online query, the rest as direct mutations.
import { remoteMutation, remoteQuery } from "../sync/remote";
import { PUSH_FUNCTIONS, type PushCall } from "./push";

/** Through the session's transport (src/sync/remote.ts); rejects with OfflineError when offline. */
export const remotePushCall: PushCall = (udfPath, args) =>
  udfPath === PUSH_FUNCTIONS.vapidPublicKey ? remoteQuery(udfPath, args) : remoteMutation(udfPath, args);
