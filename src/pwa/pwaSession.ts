// One call for a signed-in session: renew the push subscription and connect the worker's wake-ups to the app.
import { onOutboxChanged } from "../sync/outboxSignal";
import { isNavigatorOnline } from "../sync/wakeUps";
import { renewPushSubscription, type PushCall } from "./push";
import { onWorkerMessage, requestBackgroundDrain, type WorkerToPage } from "./worker";

export type PwaSessionOptions = {
  call: PushCall;
  /** The signed-in user's id: the saved subscription is remembered per account on this device. */
  account: string;
  /** The user's Dexie database name: an enqueue while offline registers Background Sync. */
  outboxDbName?: string;
  /** Runs the outbox drain now (Background Sync fired), e.g. `() => drainer?.kick()` in the leader tab. */
  drain?: () => void;
  /** A push arrived for this user (e.g. pull now). */
  onPush?: (message: Extract<WorkerToPage, { type: "PUSH_RECEIVED" }>) => void;
};

/** Start after sign-in, stop on sign-out. Notification-click navigation is mount.tsx's (setAppNavigator). */
export function startPwaSession(options: PwaSessionOptions): () => void {
  const renew = () => {
    void renewPushSubscription(options.call, { account: options.account }).catch((error: unknown) => {
      console.warn("Renewing the push subscription failed:", error);
    });
  };
  renew();
  const cleanups = [onWorkerMessage({ drain: options.drain, subscriptionChanged: renew, push: options.onPush })];
  if (options.outboxDbName) {
    cleanups.push(
      onOutboxChanged(options.outboxDbName, () => {
        if (!isNavigatorOnline()) void requestBackgroundDrain();
      }),
    );
  }
  return () => cleanups.forEach((cleanup) => cleanup());
}
