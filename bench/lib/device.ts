// A signed-in app session in Node: the real client core (Dexie on fake-indexeddb, drainer, pull) with a network switch.
import { ConvexClient } from "convex/browser";
import { WebSocket } from "../../local-backend/ws";
import { getViewerId } from "../../src/db/repos/metaRepo";
import { createSession, type Session } from "../../src/session/session";
import { createPerson } from "../browser/people";
import type { BenchBackend } from "./backend";

export type Device = {
  session: Session;
  userId: string;
  /** Cuts the network: open sockets are dropped and new ones go nowhere, until online(). */
  offline(): Promise<void>;
  online(): void;
  close(): Promise<void>;
};

type Net = { online: boolean; sockets: Set<WebSocket> };

function switchableSocket(net: Net) {
  return class SwitchableSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(net.online ? url : "ws://127.0.0.1:9/offline", protocols);
      net.sockets.add(this);
      this.once("close", () => net.sockets.delete(this));
    }
  };
}

/** The Convex client's reconnect chatter ("Attempting reconnect in …") off; warnings and errors kept. */
export const QUIET = {
  log: () => undefined,
  logVerbose: () => undefined,
  warn: (...args: unknown[]) => console.warn(...args),
  error: (...args: unknown[]) => console.error(...args),
};

let devices = 0;

/** Polls `check` every few ms until it is truthy. */
export async function waitUntil<T>(check: () => T | Promise<T>, timeoutMs: number, what: string, everyMs = 2): Promise<NonNullable<T>> {
  const started = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/**
 * Signs `username` in on a new device (its own IndexedDB database) and waits for the profile.
 * `origin`: where its client connects (default the backend; e.g. a latency proxy in front of it).
 */
export async function openDevice(backend: BenchBackend, username: string, origin = backend.origin): Promise<Device> {
  await createPerson(backend, username); // onboarded: social actions need it
  const token = await backend.token(username);
  const net: Net = { online: true, sockets: new Set() };
  const client = new ConvexClient(origin, {
    webSocketConstructor: switchableSocket(net) as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
    logger: QUIET,
  });
  devices += 1;
  const session = await createSession(
    { userKey: `bench-${username}-${process.pid}-${devices}`, provider: "dev", username },
    { client, fetchToken: async () => token, locks: null },
  );
  const userId = await waitUntil(() => getViewerId(session.db), 20_000, `${username}'s profile`, 10);
  return {
    session,
    userId,
    async offline() {
      net.online = false;
      for (const socket of net.sockets) socket.terminate();
      await waitUntil(() => !session.transport.connection().connected, 10_000, `${username} offline`);
    },
    online() {
      net.online = true;
    },
    close: () => session.close(),
  };
}
