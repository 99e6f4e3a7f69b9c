// The app's view of the signed-in session as Solid signals: who is signed in, and the sync status.
import { createSignal, type Accessor } from "solid-js";
import type { WhispersDB } from "../db/database";
import { prefetchConversationList } from "../db/queries";
import { restoreViewer, signInWithDevAccount, viewerFromClerk } from "../platform/auth";
import { removeDeviceData, signOut, startSession, type AccountRefusal, type Session } from "../session/session";
import { startLater } from "../session/startLater";
import { notifyOutboxChanged } from "../sync/outboxSignal";
import { clearListSnapshot } from "./listSnapshot";
import { keepOfflineReadySoon } from "./offlineReady";
import type { SyncStatus } from "../sync/status";

const [session, setSession] = createSignal<Session | null>(null);
const [booted, setBooted] = createSignal(false);
const [syncStatus, setSyncStatus] = createSignal<SyncStatus>({ kind: "connecting", pending: 0, failed: 0 });
const [refusal, setRefusal] = createSignal<AccountRefusal | null>(null);
let stopStatus: (() => void) | null = null;
let stopRefusal: (() => void) | null = null;
let stopPwa: (() => void) | null = null;
let stopOfflineReady: (() => void) | null = null;

export const currentSession: Accessor<Session | null> = session;
/** False until the app looked for a session remembered on this device. */
export const sessionChecked: Accessor<boolean> = booted;
/** Set when the server refuses the signed-in account for good (banned or erased). */
export const accountRefusal: Accessor<AccountRefusal | null> = refusal;
export const currentSyncStatus: Accessor<SyncStatus> = syncStatus;

function adopt(next: Session | null) {
  stopStatus?.();
  stopPwa?.();
  stopOfflineReady?.();
  stopOfflineReady = next ? keepOfflineReadySoon(next.db) : null;
  stopStatus = next ? next.status.subscribe(setSyncStatus) : null;
  stopRefusal?.();
  setRefusal(next?.refusal() ?? null);
  stopRefusal = next ? next.onRefusalChange(setRefusal) : null;
  stopPwa = next ? startPwaSoon(next) : null;
  setSession(next);
}

/** Loaded after the first screen: nothing in src/pwa/pwaSession.ts is needed to paint. */
function startPwaSoon(next: Session): () => void {
  return startLater(
    () => Promise.all([import("../pwa/pwaSession"), import("../pwa/pushCall")]),
    ([{ startPwaSession }, { remotePushCall }]) =>
      startPwaSession({
        call: remotePushCall,
        account: next.viewer.userKey,
        outboxDbName: next.db.name,
        // Background Sync fired: wake the drainer (it runs in whichever tab leads).
        drain: () => notifyOutboxChanged(next.db.name, { resume: true }),
      }),
    "Push renewal and background sync",
  );
}

/** The opening screen's data is read as soon as the database is open (prefetchConversationList). */
function prefetchFirstScreen(db: WhispersDB): void {
  const path = globalThis.location?.pathname;
  if (path === "/" || path === "/archived") prefetchConversationList(path === "/archived", db);
}

/** No network needed. */
export async function resumeSession(): Promise<void> {
  try {
    const viewer = restoreViewer();
    if (viewer) adopt(await startSession(viewer, { afterOpen: prefetchFirstScreen }));
  } finally {
    setBooted(true);
  }
}

/** Needs the network once. */
export async function signInAs(username: string): Promise<void> {
  const viewer = await signInWithDevAccount(username);
  adopt(await startSession(viewer));
}

export async function adoptClerkSession(): Promise<void> {
  const viewer = await viewerFromClerk();
  if (viewer) adopt(await startSession(viewer));
}

/** This device keeps the data for the next sign-in. */
export async function signOutHere(): Promise<void> {
  const s = session();
  adopt(null);
  clearListSnapshot();
  await signOut(s);
}

export async function forgetThisDevice(): Promise<void> {
  const s = session();
  adopt(null);
  clearListSnapshot();
  await removeDeviceData(s);
}
