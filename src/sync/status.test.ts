// The sync status signal: derived from connectivity, the connection, the pull and the outbox counts.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { FakeServer, FakeTransport } from "../test/fakeServer";
import { freshDb, waitFor } from "../test/util";
import { sendWhisper } from "../actions";
import { OutboxDrainer } from "./drainer";
import { createStatusStore, deriveStatus, statusLabel, type SyncStatus } from "./status";

describe("sync status", () => {
  it("derives offline, connecting, syncing, failed and up to date", () => {
    const base = { online: true, connected: true, pending: 0, failed: 0, catchingUp: false };
    expect(deriveStatus({ ...base, online: false, pending: 2 }).kind).toBe("offline");
    expect(deriveStatus({ ...base, connected: false }).kind).toBe("connecting");
    expect(statusLabel(deriveStatus({ ...base, pending: 3 }))).toBe("Syncing 3");
    expect(statusLabel(deriveStatus({ ...base, failed: 2 }))).toBe("2 failed");
    expect(statusLabel(deriveStatus(base))).toBe("Up to date");
  });

  it("follows the outbox live: syncing while entries wait, failed after a refusal", async () => {
    const db = await freshDb("status");
    const transport = new FakeTransport();
    transport.setOnline(false);
    const store = createStatusStore(db, transport);
    store.setCatchingUp(false);
    const seen: SyncStatus[] = [];
    store.subscribe((s) => seen.push(s));
    expect(store.get().kind).toBe("connecting");
    await sendWhisper({ recipientId: "bob", content: "x" }, db);
    await waitFor(() => store.get().pending === 1, 2000, "pending 1");
    transport.server.failWhen((u) => u === "whispers:sendWhisper", () => FakeServer.convexError("BLOCKED", "Blocked."));
    const drainer = new OutboxDrainer(db, transport, { backoff: { baseMs: 5, maxMs: 10 }, onError: () => undefined });
    await drainer.start();
    transport.setOnline(true);
    await waitFor(() => store.get().kind === "failed", 3000, "failed status");
    expect(store.get()).toEqual({ kind: "failed", pending: 0, failed: 1 });
    expect(seen.some((s) => s.kind === "connecting")).toBe(true);
    drainer.stop();
    store.dispose();
    db.close();
  });
});
