// Scheduled functions reach subscribers; a dropped WebSocket re-syncs and its in-flight mutation runs once.
import { anyApi } from "convex/server";
import { afterAll, beforeAll, expect, test } from "vitest";
import { httpClient, nextValue, sleep, startTestBackend, wsClient, type TestBackend } from "./testing/harness";

const api = anyApi;
let backend: TestBackend;

beforeAll(async () => {
  backend = await startTestBackend();
});
afterAll(async () => {
  await backend?.cleanup();
});

type Page = { changes: { table: string; doc: { content?: string } | null }[] };
type Profile = { _id: string; mood?: string; moodJournal: unknown[] } | null;

test("a scheduled function's commit reaches a subscriber", async () => {
  const alice = await httpClient(backend, "alice");
  await alice.mutation(api.users.ensureViewer, {});
  await alice.mutation(api.users.completeOnboarding, { username: "alice", displayName: "Alice" });
  const bobClient = wsClient(backend, "bob");
  try {
    const bob = (await bobClient.mutation(api.users.ensureViewer, {})) as { _id: string };
    const { whisperId } = (await alice.mutation(api.whispers.scheduleWhisper, {
      clientId: "scheduled-0001",
      recipientId: bob._id,
      content: "see you soon",
      scheduledFor: Date.now() + 60_000,
    })) as { whisperId: string };
    const delivered = nextValue<Page>(bobClient, api.sync.pull, { cursor: "" }, (page) =>
      page.changes.some((c) => c.table === "whispers" && c.doc?.content === "see you soon"),
    );
    // Make it due now and let ctx.scheduler run the delivery in 300 ms (instead of waiting a minute).
    await backend.engine.transact(async (_db, ctx) => {
      await ctx.db.patch(whisperId as never, { scheduledFor: Date.now() } as never);
      await ctx.scheduler.runAfter(300, anyApi.whispers.processScheduledWhispers, {});
    });
    await delivered;
  } finally {
    await bobClient.close();
  }
});

test("after the server drops the socket, queries re-sync and an in-flight mutation completes exactly once", async () => {
  const client = wsClient(backend, "erin");
  const http = await httpClient(backend, "erin");
  try {
    await client.mutation(api.users.ensureViewer, {});
    let latest: Profile = null;
    client.onUpdate(api.users.me, {}, (p: Profile) => (latest = p));
    await nextValue<Profile>(client, api.users.me, {}, (p) => p !== null);
    const journalBefore = ((await http.query(api.users.me, {})) as NonNullable<Profile>).moodJournal.length;

    // Hold the engine so the mutation is still running when the connection goes away.
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const blocker = backend.engine.transact(() => gate);
    const pending = client.mutation(api.users.setMood, { mood: "excited" });
    await sleep(150);
    backend.dropConnections();
    await sleep(50);
    release();
    await blocker;
    await pending;
    expect(latest!.mood).toBe("excited");
    const after = (await http.query(api.users.me, {})) as NonNullable<Profile>;
    expect(after.moodJournal.length).toBe(journalBefore + 1);

    // The re-established subscription is live.
    await http.mutation(api.users.setMood, { mood: "calm" });
    await nextValue<Profile>(client, api.users.me, {}, (p) => p?.mood === "calm");
    expect(client.connectionState().connectionCount).toBeGreaterThanOrEqual(2);
  } finally {
    await client.close();
  }
});
