// End to end with the real ConvexClient and the local backend: a queued text and voice clip sent offline arrive exactly once.
import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { ConvexClient } from "convex/browser";
import { Dexie } from "dexie";
import { WebSocket } from "../../local-backend/ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBackend, type TestBackend } from "../../local-backend/testing/harness";
import { getViewerId } from "../db/repos/metaRepo";
import { devSignIn } from "../platform/devAuth";
import { currentDb, currentDbOrNull } from "../db/current";
import { createSession, removeDeviceData, signOut, startSession, type Session } from "../session/session";
import { loadCachedViewer, saveCachedViewer } from "../platform/viewerCache";
import { waitFor } from "../test/util";
import { completeOnboarding, sendVoiceWhisper, sendWhisper } from "../actions";

/** A network switch for one client: while off, its sockets are cut and new ones go nowhere. */
function switchableSocket(net: { online: boolean; sockets: Set<WebSocket> }) {
  return class SwitchableSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(net.online ? url : "ws://127.0.0.1:9/offline", protocols);
      net.sockets.add(this);
      this.once("close", () => net.sockets.delete(this));
    }
  };
}

let backend: TestBackend;
const sessions: Session[] = [];

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  for (const s of sessions) await s.close();
  await backend?.cleanup();
});

async function signIn(username: string, net = { online: true, sockets: new Set<WebSocket>() }) {
  const { token, subject } = await devSignIn(username, backend.origin);
  const client = new ConvexClient(backend.origin, {
    webSocketConstructor: switchableSocket(net) as unknown as typeof globalThis.WebSocket,
    skipConvexDeploymentUrlCheck: true,
    unsavedChangesWarning: false,
  });
  const session = await createSession(
    { userKey: `${subject}-${Date.now()}`, provider: "dev", username },
    { client, fetchToken: async () => token, locks: null },
  );
  sessions.push(session);
  await waitFor(() => getViewerId(session.db), 15_000, `${username}'s profile`);
  // Whispering needs a finished onboarding: sent through the outbox, as the app does.
  await completeOnboarding({ username, displayName: username }, session.db);
  await waitFor(async () => (await session.db.outbox.count()) === 0, 15_000, `${username}'s onboarding`);
  return { session, net };
}

describe("client core against the local backend", () => {
  it("delivers a text and a voice clip queued offline exactly once, in order", async () => {
    const alice = await signIn("alice_it");
    const bob = await signIn("bob_it");
    const bobId = (await getViewerId(bob.session.db))!;

    // Alice loses the network.
    alice.net.online = false;
    for (const socket of alice.net.sockets) socket.terminate();
    await waitFor(() => !alice.session.transport.connection().connected, 5000, "alice offline");

    // A real MediaRecorder clip of 1.92 s; the declared 2.5 s is not what the server stores.
    const bytes = readFileSync(new URL("../../convex/tests/testdata/mediarecorder-opus.webm", import.meta.url));
    const clip = new Blob([new Uint8Array(bytes)], { type: "audio/webm" });
    const voice = await sendVoiceWhisper({ recipientId: bobId, audio: clip, audioDuration: 2.5, isVoiceModulated: true }, alice.session.db);
    const text = await sendWhisper({ recipientId: bobId, content: "sent while offline" }, alice.session.db);
    expect((await alice.session.db.whispers.get(text.localId!))?.syncState).toBe("pending");
    await new Promise((r) => setTimeout(r, 300));
    expect(await bob.session.db.whispers.count()).toBe(0);

    // Back online: the client reconnects, the drainer uploads the clip and sends both.
    alice.net.online = true;
    await waitFor(async () => (await alice.session.db.outbox.count()) === 0, 30_000, "alice's outbox to drain");
    const received = await waitFor(async () => {
      const rows = await bob.session.db.whispers.toArray();
      return rows.length >= 2 ? rows : null;
    }, 15_000, "bob to receive both");
    await new Promise((r) => setTimeout(r, 300));
    const final = (await bob.session.db.whispers.toArray()).sort((a, b) => a.sortKey - b.sortKey);
    expect(final).toHaveLength(2);
    expect(received.every((w) => !w.fromViewer)).toBe(true);
    expect(final[0]).toMatchObject({ isVoiceModulated: true });
    expect(final[0]!.audioDuration).toBeCloseTo(1.92, 2);
    expect(final[0]!.audioUrl).toMatch(/^http/);
    expect(final[1]!.content).toBe("sent while offline");
    const audio = await fetch(final[0]!.audioUrl!);
    expect((await audio.arrayBuffer()).byteLength).toBe(bytes.length);

    // Alice's own rows were replaced by the server's, her blob freed.
    const mine = await alice.session.db.whispers.toArray();
    expect(mine.map((w) => w.syncState)).toEqual(["synced", "synced"]);
    // The rows written offline are the server's rows now: the same keys, with their server ids.
    expect(mine.map((w) => w.id).sort()).toEqual([voice.localId, text.localId].sort());
    expect(mine.every((w) => w.serverId !== undefined && w.serverId !== w.id)).toBe(true);
    await waitFor(async () => (await alice.session.db.blobs.count()) === 0, 5000, "blob freed");
    const conversation = (await bob.session.db.conversations.toArray())[0];
    expect(conversation).toMatchObject({ lastWhisperPreview: "sent while offline", unreadCount: 2 });
  }, 90_000);

  it("signs out keeping the data, and removes this device's data on request", async () => {
    const { token, subject } = await devSignIn("carol_it", backend.origin);
    const viewer = { userKey: `${subject}-${Date.now()}`, provider: "dev" as const, username: "carol_it" };
    saveCachedViewer(viewer);
    const client = () =>
      new ConvexClient(backend.origin, {
        webSocketConstructor: WebSocket as unknown as typeof globalThis.WebSocket,
        skipConvexDeploymentUrlCheck: true,
        unsavedChangesWarning: false,
      });
    const first = await startSession(viewer, { client: client(), fetchToken: async () => token, locks: null });
    expect(currentDb()).toBe(first.db);
    await waitFor(() => getViewerId(first.db), 15_000, "carol's profile");
    await signOut(first);
    expect(currentDbOrNull()).toBeNull();
    expect(loadCachedViewer()).toBeNull();
    expect(await Dexie.exists(first.db.name)).toBe(true);

    const second = await startSession(viewer, { client: client(), fetchToken: async () => token, locks: null });
    expect(await getViewerId(second.db)).toBeDefined();
    await removeDeviceData(second);
    expect(await Dexie.exists(second.db.name)).toBe(false);
  }, 60_000);
});
