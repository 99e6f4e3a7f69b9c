// A signed-in session: opens the person's database, connects Convex with their token, and runs sync in the leader tab.
import { getFunctionName } from "convex/server";
import { api } from "../../convex/_generated/api";
import type { ConvexClient } from "convex/browser";
import { setCurrentDb } from "../db/current";
import { deleteUserDb, openUserDb, type WhispersDB } from "../db/database";
import { putOwnProfile } from "../db/repos/usersRepo";
import type { OwnProfile } from "../../convex/model/users";
import { AuthGate } from "../sync/authGate";
import { convexErrorData } from "../sync/errors";
import { OutboxDrainer } from "../sync/drainer";
import { leaderLockName, runWhileLeader, type LockManagerLike } from "../sync/leader";
import { PullSync } from "../sync/pull";
import { setRemoteTransport } from "../sync/remote";
import { createStatusStore, type StatusStore } from "../sync/status";
import { ConvexTransport, type Transport } from "../sync/transport";
import { watchWakeUps } from "../sync/wakeUps";
import { forgetViewer, tokenFetcherFor, type CachedViewer, type TokenFetcher } from "../platform/auth";
import { createConvexClient } from "../platform/convex";
import { requestPersistentStorage } from "../platform/storage";
import { startLater } from "./startLater";
import { updateCachedViewer } from "../platform/viewerCache";

/** The server refuses this account for good: banned (with the admin's reason) or erased. */
export type AccountRefusal = { code: "BANNED" | "DELETED"; message: string };

export type Session = {
  viewer: CachedViewer;
  db: WhispersDB;
  status: StatusStore;
  auth: AuthGate;
  transport: Transport;
  /** Why the server refuses this account (null while it accepts it); `listener` hears every change. */
  refusal(): AccountRefusal | null;
  onRefusalChange(listener: (refusal: AccountRefusal | null) => void): () => void;
  /** Asks the server again (e.g. after an unban); resolves once it answered. */
  retrySignIn(): Promise<void>;
  /** Ends the session (keeps the data on this device). */
  close(): Promise<void>;
};

export type SessionOptions = {
  /** Runs the moment the database is open, before sync starts (a cold start begins its first screen's read here). */
  afterOpen?: (db: WhispersDB) => void;
  client?: ConvexClient;
  fetchToken?: TokenFetcher;
  locks?: LockManagerLike | null;
};

let current: Session | null = null;
/** Least time between two sign-in attempts triggered by reconnects. */
const AUTH_RETRY_MS = 5_000;

export function currentSession(): Session | null {
  return current;
}

/** From sign-in or an offline restoreViewer(): reads and writes work at once, the network whenever it is there. */
export async function startSession(viewer: CachedViewer, options: SessionOptions = {}): Promise<Session> {
  if (current) await current.close();
  const session = await createSession(viewer, options);
  setCurrentDb(session.db);
  setRemoteTransport(session.transport);
  current = session;
  return session;
}

/** A session not registered as the current one (tests run two people in one process); the app calls startSession(). */
export async function createSession(viewer: CachedViewer, options: SessionOptions = {}): Promise<Session> {
  const db = await openUserDb(viewer.userKey);
  options.afterOpen?.(db);
  void requestPersistentStorage();
  const client = options.client ?? createConvexClient();
  const transport = new ConvexTransport(client);
  const auth = new AuthGate(false);
  const fetchToken = options.fetchToken ?? tokenFetcherFor(viewer);
  let ensured = false;
  let refusal: AccountRefusal | null = null;
  const refusalListeners = new Set<(refusal: AccountRefusal | null) => void>();
  const setRefusal = (next: AccountRefusal | null) => {
    if (refusal?.code === next?.code && refusal?.message === next?.message) return;
    refusal = next;
    for (const listener of refusalListeners) listener(next);
  };
  /** Creates/loads the server's user row once per session; true when it exists. */
  const ensureViewer = async (): Promise<boolean> => {
    if (ensured) return true;
    try {
      const profile = (await transport.mutation(getFunctionName(api.users.ensureViewer), {})) as OwnProfile | null;
      if (!profile?._id) return false;
      ensured = true;
      setRefusal(null);
      await putOwnProfile(db, profile);
      updateCachedViewer({ userId: profile._id, username: profile.username, displayName: profile.displayName });
      return true;
    } catch (error) {
      const data = convexErrorData(error);
      // Banned or erased: no retry will help; the app says so instead of "Syncing" forever.
      if (data?.code === "BANNED" || data?.code === "DELETED") setRefusal({ code: data.code, message: data.message });
      else console.warn("ensureViewer failed; retried at the next sign-in confirmation", error);
      return false;
    }
  };
  let lastAttempt = 0;
  const authenticate = () => {
    lastAttempt = Date.now();
    client.setAuth(fetchToken, (ok) => {
      // The outbox opens only once the server has the user's row (a new account offline queues too).
      if (!ok) auth.set(false);
      else void ensureViewer().then((ready) => auth.set(ready));
    });
  };
  authenticate();
  // Without a token (e.g. it expired while offline) try again when the network is back.
  const retryAuth = () => {
    if (!auth.isReady() && Date.now() - lastAttempt > AUTH_RETRY_MS) authenticate();
  };
  // The server refused our token: fetch a fresh one, at most once per AUTH_RETRY_MS.
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  const stopRejected = auth.onRejected(() => {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(authenticate, Math.max(0, lastAttempt + AUTH_RETRY_MS - Date.now()));
  });
  const stopWakeUps = watchWakeUps({ online: retryAuth });
  const stopConnection = transport.onConnectionChange((info) => (info.connected ? retryAuth() : undefined));
  const status = createStatusStore(db, transport);
  status.setCatchingUp(false);
  const stopLeading = runWhileLeader(
    leaderLockName(db.name),
    async () => {
      const drainer = new OutboxDrainer(db, transport, { auth });
      const pull = new PullSync(db, transport, { onStateChange: (s) => status.setCatchingUp(s.catchingUp) });
      status.setCatchingUp(true);
      await drainer.start();
      await pull.start();
      const stopIndexer = startSearchIndexer(db, () => status.get().kind === "syncing");
      return () => {
        drainer.stop();
        pull.stop();
        stopIndexer();
      };
    },
    options.locks,
  );
  const session: Session = {
    viewer,
    db,
    status,
    auth,
    transport,
    refusal: () => refusal,
    onRefusalChange(listener) {
      refusalListeners.add(listener);
      return () => refusalListeners.delete(listener);
    },
    async retrySignIn() {
      await ensureViewer().then((ready) => auth.set(ready));
    },
    async close() {
      // The drainer, the pull and the indexer stop before their database closes under them.
      await stopLeading();
      stopRejected();
      clearTimeout(retryTimer);
      stopWakeUps();
      stopConnection();
      status.dispose();
      if (current === session) {
        current = null;
        setRemoteTransport(null);
        setCurrentDb(null);
      }
      await client.close();
      db.close();
    },
  };
  return session;
}

/** The indexer gives way while sync is `busy`; its code loads after the first screen (not needed to paint it). */
function startSearchIndexer(db: WhispersDB, busy: () => boolean): () => void {
  return startLater(
    () => import("../db/search/indexer"),
    ({ SearchIndexer }) => {
      const indexer = new SearchIndexer(db, { busy });
      indexer.start();
      return () => indexer.stop();
    },
    "The search indexer (search shows what is indexed already)",
  );
}

/** Signs out: the session ends, the database is closed (its data stays for the next sign-in), the token is forgotten. */
export async function signOut(session: Session | null = current): Promise<void> {
  await session?.close();
  await forgetViewer(session?.viewer ?? null);
}

/** "Remove this device's data": signs out and deletes the person's database and cached viewer and token. */
export async function removeDeviceData(session: Session | null = current): Promise<void> {
  const userKey = session?.viewer.userKey;
  await signOut(session);
  if (userKey) await deleteUserDb(userKey);
}
